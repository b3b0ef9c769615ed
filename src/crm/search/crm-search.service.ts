import { Injectable } from '@nestjs/common';
import { CrmLookup, CrmRecordsRepository, DealFound, PersonFound } from 'src/crm/crm-records.repository';
import { crmSearchTermOf } from 'src/crm/search/crm-search.util';
import { emailHash } from 'src/tracking/identity/email-hash.util';

const LIMIT = 20;

/** Finds the people and deals TrackFlow learned from Twenty, so staff never paste a Twenty id. */
@Injectable()
export class CrmSearchService {
  constructor(private readonly records: CrmRecordsRepository) {}

  searchPeople(workspaceId: string, query: string): Promise<PersonFound[]> {
    return this.records.searchPeople(workspaceId, this.lookup(workspaceId, query), LIMIT);
  }

  searchDeals(workspaceId: string, query: string): Promise<DealFound[]> {
    return this.records.searchDeals(workspaceId, this.lookup(workspaceId, query), LIMIT);
  }

  /** An address is only ever compared as the hash TrackFlow keeps of it (migration 1764845000000). */
  private lookup(workspaceId: string, query: string): CrmLookup {
    const term = crmSearchTermOf(query);
    return term.kind === 'email' ? { emailHash: emailHash(workspaceId, term.email) } : { pattern: term.pattern, id: term.text };
  }
}
