import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { optionalText } from 'src/common/validation/input-rules';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { CrmWriter } from 'src/crm/twenty/crm-writer.service';
import { DataSubject, ErasedCounts, PrivacyRepository } from 'src/privacy/privacy.repository';
import { emailHash } from 'src/tracking/identity/email-hash.util';

type SubjectInput = { visitorId?: string | null; personId?: string | null; email?: string | null; externalId?: string | null };
type Subject = { kind: 'visitorId' | 'personId' | 'email' | 'externalId'; value: string };
const MAX_LENGTH: Record<Subject['kind'], number> = { visitorId: 64, personId: 64, email: 320, externalId: 255 };

function subjectOf(input: SubjectInput): Subject {
  const given = (Object.keys(MAX_LENGTH) as Subject['kind'][])
    .map((kind) => ({ kind, value: optionalText(input[kind], kind, MAX_LENGTH[kind]) }))
    .filter((entry): entry is Subject => typeof entry.value === 'string');
  if (given.length !== 1) throw new ValidationFailure('visitorId', 'give exactly one of visitorId, personId, email or externalId');
  const [subject] = given;
  if (subject.kind === 'email' && !/^[^\s@]+@[^\s@]+$/.test(subject.value)) throw new ValidationFailure('email', 'must be an email address');
  return subject;
}

/**
 * A person's right to their data: everything held about them as JSON, or all of it erased. The
 * erasure also clears the trackflow* fields of their Twenty person (through the CRM writer, so a Twenty
 * outage delays it without losing it) and is logged under a hash of the subject, never the subject.
 */
@Injectable()
export class PrivacyService {
  private readonly logger = new Logger(PrivacyService.name);

  constructor(
    private readonly repository: PrivacyRepository,
    private readonly connections: TwentyConnectionService,
    private readonly crm: CrmWriter,
  ) {}

  async exportData(workspaceId: string, input: SubjectInput): Promise<Record<string, unknown>> {
    const subject = subjectOf(input);
    const found = await this.find(workspaceId, subject);
    return { subject: { [subject.kind]: subject.value }, visitorIds: found.visitorIds, personIds: found.personIds, exportedAt: new Date().toISOString(), ...(await this.repository.export(workspaceId, found)) };
  }

  async erase(workspaceId: string, apiKeyId: string | null, input: SubjectInput): Promise<{ visitorIds: string[]; personIds: string[]; deleted: ErasedCounts; twentyPeopleCleared: number }> {
    const subject = subjectOf(input);
    const found = await this.find(workspaceId, subject);
    const deleted = await this.repository.erase(workspaceId, found);
    let twentyPeopleCleared = 0;
    if (found.personIds.length > 0 && (await this.connections.findByWorkspace(workspaceId))) {
      for (const personId of found.personIds) await this.crm.clearPersonAttribution(workspaceId, personId);
      twentyPeopleCleared = found.personIds.length;
    }
    await this.repository.logErasure(workspaceId, apiKeyId, subject.kind, createHash('sha256').update(`${workspaceId}:${subject.kind}:${subject.value}`).digest('hex'), deleted);
    this.logger.log(`erased the data of a ${subject.kind} in workspace ${workspaceId}: ${JSON.stringify(deleted)}`);
    return { visitorIds: found.visitorIds, personIds: found.personIds, deleted, twentyPeopleCleared };
  }

  private find(workspaceId: string, subject: Subject): Promise<DataSubject> {
    return this.repository.resolve(workspaceId, {
      visitorIds: subject.kind === 'visitorId' ? [subject.value] : [],
      personIds: subject.kind === 'personId' ? [subject.value] : [],
      emailHashes: subject.kind === 'email' ? [emailHash(workspaceId, subject.value)] : [],
      externalIds: subject.kind === 'externalId' ? [subject.value] : [],
    });
  }
}
