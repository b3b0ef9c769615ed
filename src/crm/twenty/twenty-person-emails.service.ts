import { Injectable } from '@nestjs/common';
import { PersonEmails } from 'src/attribution/exports/person-emails.types';
import { RedisService } from 'src/common/redis/redis.service';
import { RECORD_PAGE_SIZE } from 'src/crm/twenty/twenty-client';
import { primaryEmailOf } from 'src/crm/twenty/twenty-change.adapter';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentyRequestBudget } from 'src/crm/twenty/twenty-request-budget.service';

/**
 * People's addresses read from Twenty for the offline-conversion files that match on them: 60
 * people a request (`id[in]`, R1; EMAILS as R8 gives it), each request within the workspace's
 * budget as a read (R7). What Twenty answers is used for the file and kept nowhere. A workspace
 * without a Twenty connection has none to give.
 */
@Injectable()
export class TwentyPersonEmails extends PersonEmails {
  constructor(
    private readonly connections: TwentyConnectionService,
    private readonly budget: TwentyRequestBudget,
    private readonly redis: RedisService,
  ) {
    super();
  }

  async primaryEmails(workspaceId: string, personIds: readonly string[]): Promise<Map<string, string>> {
    const emails = new Map<string, string>();
    const connection = await this.connections.findByWorkspace(workspaceId);
    if (!connection || personIds.length === 0) return emails;
    // The budget lives in Redis, which a command exporting files opens only now that it asks Twenty.
    await this.redis.connect();
    const client = this.budget.client(connection, 'read');
    for (let start = 0; start < personIds.length; start += RECORD_PAGE_SIZE) {
      for (const person of await client.recordsWithIds('people', personIds.slice(start, start + RECORD_PAGE_SIZE))) {
        const email = primaryEmailOf(person);
        if (email) emails.set(String(person.id), email);
      }
    }
    return emails;
  }
}
