import { Injectable } from '@nestjs/common';
import type { Transaction } from 'src/common/database/transaction';
import { VisitorsRepository } from 'src/tracking/visitors/visitors.repository';

/**
 * What other features may change on a visitor: whose person it is and that it converted. The
 * tracking feature owns trackflow.visitor, so these writes come through here. A method given a
 * Transaction runs in the caller's.
 */
@Injectable()
export class VisitorIdentityService {
  constructor(private readonly visitors: VisitorsRepository) {}

  /** The visitor a person names, else the one that identified with the person's email; a merged visitor resolves to the survivor. */
  findForPerson(workspaceId: string, visitorId: string | null, emailHash: string | null): Promise<string | null> {
    return this.visitors.findForPerson(workspaceId, visitorId, emailHash);
  }

  /** The ad click id (gclid, fbclid, msclkid, li_fat_id, ttclid) each conversion's visitors last landed with before it, for offline-conversion uploads. */
  adClickIds(workspaceId: string, parameter: string, targets: readonly { key: string; visitorId: string | null; personId: string | null; at: Date }[]): Promise<Map<string, { clickId: string; clickedAt: Date }>> {
    return this.visitors.adClickIds(workspaceId, parameter, targets);
  }

  /** A visitor already linked to a person keeps that person. */
  linkPerson(workspaceId: string, visitorId: string, personId: string, transaction?: Transaction): Promise<void> {
    return this.visitors.linkPerson(workspaceId, visitorId, personId, transaction);
  }

  /** The person is gone from the CRM: their visitors are no longer theirs (nothing is erased). Returns how many were. */
  unlinkPerson(workspaceId: string, personId: string, transaction?: Transaction): Promise<number> {
    return this.visitors.unlinkPerson(workspaceId, personId, transaction);
  }

  /** A conversion's visitor exists before the conversion names it: its id came from our own cookie, though the tracker may not have reported it yet. */
  ensureConverting(transaction: Transaction, workspaceId: string, visitorId: string, at: Date, personId: string | null): Promise<void> {
    return this.visitors.ensureConverting(transaction, workspaceId, visitorId, at, personId);
  }

  /** A conversion recorded again (a deal's amount changed) is still one conversion of the visitor. */
  countConversion(transaction: Transaction, workspaceId: string, visitorId: string, isNew: boolean, at: Date): Promise<void> {
    return this.visitors.countConversion(transaction, workspaceId, visitorId, isNew, at);
  }
}
