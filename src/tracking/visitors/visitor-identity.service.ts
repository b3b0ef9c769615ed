import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from 'src/common/database/returned-rows.util';

/**
 * What other features may change on a visitor: whose person it is and that it converted. The
 * tracking feature owns trackflow.visitor; these writes go through here so that it stays the only
 * writer. A method taking an EntityManager runs in the caller's transaction.
 */
@Injectable()
export class VisitorIdentityService {
  constructor(private readonly dataSource: DataSource) {}

  /** The visitor a person names, else the one that identified with the person's email; a merged visitor resolves to the survivor. */
  async findForPerson(workspaceId: string, visitorId: string | null, emailHash: string | null): Promise<string | null> {
    const rows: { visitor_id: string }[] = await this.dataSource.query(
      `SELECT COALESCE(merged_into_visitor_id, visitor_id) AS visitor_id FROM trackflow.visitor
       WHERE workspace_id = $1 AND (visitor_id = $2 OR ($2::text IS NULL AND email_hash = $3))
       ORDER BY first_seen LIMIT 1`,
      [workspaceId, visitorId, emailHash],
    );
    return rows[0]?.visitor_id ?? null;
  }

  /** A visitor already linked to a person keeps that person. */
  async linkPerson(workspaceId: string, visitorId: string, personId: string): Promise<void> {
    await this.dataSource.query(`UPDATE trackflow.visitor SET person_id = COALESCE(person_id, $3), updated_at = now() WHERE workspace_id = $1 AND visitor_id = $2`, [workspaceId, visitorId, personId]);
  }

  /** The person is gone from the CRM: their visitors are no longer theirs (nothing is erased). Returns how many were. */
  async unlinkPerson(workspaceId: string, personId: string): Promise<number> {
    const unlinked: unknown = await this.dataSource.query(`UPDATE trackflow.visitor SET person_id = NULL, updated_at = now() WHERE workspace_id = $1 AND person_id = $2 RETURNING visitor_id`, [workspaceId, personId]);
    return returnedRows(unlinked).length;
  }

  /** A conversion's visitor exists before the conversion names it: its id came from our own cookie, though the tracker may not have reported it yet. */
  async ensureConverting(manager: EntityManager, workspaceId: string, visitorId: string, at: Date, personId: string | null): Promise<void> {
    await manager.query(
      `INSERT INTO trackflow.visitor (workspace_id, visitor_id, first_seen, last_seen, last_activity, person_id)
       VALUES ($1, $2, $3, $3, $3, $4) ON CONFLICT (workspace_id, visitor_id) DO UPDATE SET person_id = COALESCE(trackflow.visitor.person_id, EXCLUDED.person_id)`,
      [workspaceId, visitorId, at, personId],
    );
  }

  /** A conversion recorded again (a deal's amount changed) is still one conversion of the visitor. */
  async countConversion(manager: EntityManager, workspaceId: string, visitorId: string, isNew: boolean, at: Date): Promise<void> {
    await manager.query(
      `UPDATE trackflow.visitor SET has_converted = true, conversion_count = conversion_count + $3,
         last_conversion_date = GREATEST(last_conversion_date, $4), updated_at = now()
       WHERE workspace_id = $1 AND visitor_id = $2`,
      [workspaceId, visitorId, isNew ? 1 : 0, at],
    );
  }
}
