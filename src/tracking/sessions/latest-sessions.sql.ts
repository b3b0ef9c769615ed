import { EntityManager } from 'typeorm';
import { StoredSession } from 'src/tracking/sessions/assign-sessions.util';

/**
 * The latest stored session of each visitor, which a new click or event may extend. One index
 * probe per visitor: as DISTINCT ON over `visitor_id = ANY(...)` the planner could pick a scan of
 * the workspace's sessions by time, which grew with every session stored.
 */
export async function latestSessions(manager: EntityManager, workspaceId: string, visitorIds: readonly string[]): Promise<Map<string, StoredSession>> {
  const rows: { id: string; visitor_id: string; session_start: Date; session_end: Date; campaign: string | null }[] = await manager.query(
    `SELECT s.id, s.visitor_id, s.session_start, s.session_end, s.campaign
     FROM unnest($2::text[]) AS v(visitor_id)
     CROSS JOIN LATERAL (
       SELECT id, visitor_id, session_start, session_end, campaign FROM trackflow.visitor_session
       WHERE workspace_id = $1 AND visitor_id = v.visitor_id ORDER BY session_start DESC LIMIT 1) s`,
    [workspaceId, [...new Set(visitorIds)]],
  );
  return new Map(rows.map((row) => [row.visitor_id, { id: row.id, visitorId: row.visitor_id, startMs: row.session_start.getTime(), endMs: row.session_end.getTime(), campaign: row.campaign }]));
}
