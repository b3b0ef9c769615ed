import { EntityManager } from 'typeorm';
import { StoredSession } from 'src/tracking/sessions/assign-sessions.util';

/** The latest stored session of each visitor, which a new click or event may extend. */
export async function latestSessions(manager: EntityManager, workspaceId: string, visitorIds: readonly string[]): Promise<Map<string, StoredSession>> {
  const rows: { id: string; visitor_id: string; session_start: Date; session_end: Date; campaign: string | null }[] = await manager.query(
    `SELECT DISTINCT ON (visitor_id) id, visitor_id, session_start, session_end, campaign
     FROM trackflow.visitor_session WHERE workspace_id = $1 AND visitor_id = ANY($2::text[])
     ORDER BY visitor_id, session_start DESC`,
    [workspaceId, [...new Set(visitorIds)]],
  );
  return new Map(rows.map((row) => [row.visitor_id, { id: row.id, visitorId: row.visitor_id, startMs: row.session_start.getTime(), endMs: row.session_end.getTime(), campaign: row.campaign }]));
}
