import { Injectable } from '@nestjs/common';
import { notFound } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { parseCidr } from 'src/common/net/ip-address.util';
import { optionalText, requiredText, wholeNumber } from 'src/common/validation/input-rules';
import { ApiKeyAccessService } from 'src/security/api-keys/api-key-access.service';
import { ApiKey } from 'src/security/api-keys/api-key.entity';
import { ApiKeyDto, CreateApiKeyInput, IpRangeInput, IssuedApiKeyDto, RotateApiKeyInput } from 'src/security/api-keys/api-key.dto';
import { ApiKeyRepository } from 'src/security/api-keys/api-key.repository';
import { ApiKeyService } from 'src/security/api-keys/api-key.service';
import { checkScopes } from 'src/security/api-keys/api-key-secret.util';

const DEFAULT_GRACE_SECONDS = 86_400;
const MAX_ALLOW_LIST = 100;

function ipAllowList(ranges: IpRangeInput[]): { cidr: string; description: string | null }[] {
  if (ranges.length > MAX_ALLOW_LIST) throw new ValidationFailure('ipAllowList', `must list at most ${MAX_ALLOW_LIST} ranges`);
  return ranges.map((range, index) => ({
    cidr: parseCidr(range.cidr, `ipAllowList[${index}].cidr`).cidr,
    description: optionalText(range.description, `ipAllowList[${index}].description`) ?? null,
  }));
}

/** Key management through GraphQL (admin scope): every change that narrows a key reaches every process at once. */
@Injectable()
export class ApiKeyAdminService {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly issuer: ApiKeyService,
    private readonly access: ApiKeyAccessService,
  ) {}

  async create(workspaceId: string, input: CreateApiKeyInput, now = new Date()): Promise<IssuedApiKeyDto> {
    const name = requiredText(input.name, 'name', 120);
    const scopes = checkScopes(input.scopes ?? [], input.role ?? undefined);
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) throw new ValidationFailure('expiresAt', 'must be in the future');
    const ranges = ipAllowList(input.ipAllowList ?? []);
    const issued = await this.issuer.issue(workspaceId, name, scopes, input.expiresAt ?? null);
    if (ranges.length > 0) await this.apiKeys.replaceIpAllowList(workspaceId, issued.key.id, ranges);
    return { apiKey: await this.present(issued.key, now), secret: issued.plaintext };
  }

  async list(workspaceId: string, now = new Date()): Promise<ApiKeyDto[]> {
    const keys = await this.apiKeys.listByWorkspace(workspaceId);
    const pending = await this.access.pendingUsage(keys.map((key) => key.id));
    return Promise.all(keys.map((key) => this.present(key, now, pending.get(key.id))));
  }

  /** A new secret with the same name, scopes, expiry and allow-list; the old one works for the grace period, then never again. */
  async rotate(workspaceId: string, input: RotateApiKeyInput, now = new Date()): Promise<IssuedApiKeyDto> {
    const old = await this.usable(workspaceId, input.id, now);
    const graceSeconds = wholeNumber(input.graceSeconds ?? DEFAULT_GRACE_SECONDS, 'graceSeconds', 0, 7 * 86_400);
    const issued = await this.issuer.issue(workspaceId, old.name, old.scopes, old.expiresAt);
    const ranges = await this.apiKeys.findIpAllowList(old.id);
    if (ranges.length > 0) await this.apiKeys.replaceIpAllowList(workspaceId, issued.key.id, ranges);
    await this.apiKeys.expireBy(workspaceId, old.id, new Date(now.getTime() + graceSeconds * 1000));
    await this.access.forget(old.keyHash);
    return { apiKey: await this.present(issued.key, now), secret: issued.plaintext };
  }

  async revoke(workspaceId: string, id: string, now = new Date()): Promise<ApiKeyDto> {
    const key = await this.find(workspaceId, id);
    await this.apiKeys.revoke(workspaceId, key.id, now);
    await this.access.forget(key.keyHash);
    return this.present(await this.find(workspaceId, id), now);
  }

  async setExpiry(workspaceId: string, id: string, expiresAt: Date | null, now = new Date()): Promise<ApiKeyDto> {
    const key = await this.usable(workspaceId, id, now);
    await this.apiKeys.update(workspaceId, key.id, { expiresAt });
    await this.access.forget(key.keyHash);
    return this.present(await this.find(workspaceId, id), now);
  }

  async setIpAllowList(workspaceId: string, id: string, ranges: IpRangeInput[], now = new Date()): Promise<ApiKeyDto> {
    const key = await this.find(workspaceId, id);
    await this.apiKeys.replaceIpAllowList(workspaceId, key.id, ipAllowList(ranges));
    await this.access.forget(key.keyHash);
    return this.present(key, now);
  }

  private async find(workspaceId: string, id: string): Promise<ApiKey> {
    const key = await this.apiKeys.findOne(workspaceId, id);
    if (!key) throw notFound('API key', id);
    return key;
  }

  private async usable(workspaceId: string, id: string, now: Date): Promise<ApiKey> {
    const key = await this.find(workspaceId, id);
    if (!isActive(key, now)) throw new ValidationFailure('id', 'names a revoked or expired key');
    return key;
  }

  private async present(key: ApiKey, now: Date, pending?: { uses: number; lastUsedAt: Date | null }): Promise<ApiKeyDto> {
    const lastUsed = [key.lastUsedAt, pending?.lastUsedAt ?? null].filter((date): date is Date => date !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    return {
      id: key.id,
      name: key.name,
      keyPrefix: key.keyPrefix,
      keyLast4: key.keyLast4,
      scopes: key.scopes,
      active: isActive(key, now),
      expiresAt: key.expiresAt,
      revokedAt: key.revokedAt,
      lastUsedAt: lastUsed,
      usageCount: (BigInt(key.usageCount ?? 0n) + BigInt(pending?.uses ?? 0)).toString(),
      ipAllowList: await this.apiKeys.findIpAllowList(key.id),
      createdAt: key.createdAt,
    };
  }
}

const isActive = (key: ApiKey, now: Date): boolean => key.isActive && key.revokedAt === null && (key.expiresAt === null || key.expiresAt.getTime() > now.getTime());
