import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { STANDARD_OBJECTS } from 'custom-objects/manifest.types';
import { TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS } from 'custom-objects/trackflow-data-model';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';
import { AppConfig } from 'src/config/app-config';
import { computeMetadataPlan, MetadataPlan, PlanStep } from 'src/crm/twenty/metadata-plan.util';
import { MAX_BATCH_RECORDS, TwentyApiError, TwentyClient, TwentyClientOptions } from 'src/crm/twenty/twenty-client';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentyMirrorRepository } from 'src/crm/twenty/twenty-mirror.repository';
import { MIRROR_PLURAL } from 'src/crm/twenty/twenty-mirror.util';

/** Standard objects and every object we mirror: their changes must reach TrackFlow. */
export const WEBHOOK_OPERATIONS = ['person.*', 'opportunity.*', 'company.*', ...TRACKFLOW_OBJECTS.map((object) => `${object.nameSingular}.*`)];

export interface InstallOptions {
  twentyUrl: string;
  apiKey: string;
  workspaceName: string;
  dryRun: boolean;
  log: (line: string) => void;
  client?: TwentyClientOptions;
}

export interface InstallResult {
  plan: MetadataPlan;
  applied: number;
  webhookId: string | null;
}

function describe(step: PlanStep): string {
  if (step.kind === 'createObject') return `create object ${step.object.nameSingular}`;
  if (step.kind === 'createField') return `create field ${step.objectName}.${step.field.name} (${step.field.type})`;
  return `create relation ${step.objectName}.${step.field.name} → ${step.targetObjectName} (inverse ${step.field.inverseName})`;
}

/**
 * `twenty:install`: applies TrackFlow's objects and fields to a Twenty workspace through the
 * Metadata API, registers the webhook and stores the connection. Everything is recomputed from
 * what Twenty holds, so re-running it finishes a half-done install and otherwise changes nothing.
 */
@Injectable()
export class TwentyInstallService {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly connections: TwentyConnectionService,
    private readonly mirror: TwentyMirrorRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Removes the webhook and forgets the connection. What TrackFlow added to Twenty's data model
   * stays, with its data, unless `purge`: then its objects (with their records) and its trackflow*
   * fields are deleted from Twenty too. TrackFlow's own data is never touched.
   */
  async uninstall(workspaceName: string, log: (line: string) => void, client?: TwentyClientOptions, purge = false): Promise<void> {
    const workspace = await this.workspaces.findByName(workspaceName);
    if (!workspace) throw new ValidationFailure('workspace', `no TrackFlow workspace named "${workspaceName}"`);
    const connection = await this.connections.findByWorkspace(workspace.id);
    if (!connection) {
      log(`Workspace "${workspaceName}" is not connected to Twenty; nothing to do.`);
      return;
    }
    const twenty = new TwentyClient(connection.twentyUrl, connection.apiKey, client);
    try {
      await twenty.deleteWebhook(connection.webhookId);
      log(`Removed webhook ${connection.webhookId} from ${connection.twentyUrl}.`);
    } catch (error) {
      // Already gone in Twenty (deleted by hand): forgetting the connection is all that is left to do.
      if (!(error instanceof TwentyApiError && error.status === 404)) throw error;
      log(`Webhook ${connection.webhookId} was already gone from ${connection.twentyUrl}.`);
    }
    if (purge) await this.purge(twenty, log);
    await this.connections.remove(workspace.id);
    log(purge ? 'Connection removed.' : 'Connection removed. TrackFlow objects and fields stay in Twenty with their data.');
  }

  /** Fields first: deleting an object also takes the relation fields it put on people and opportunities. */
  private async purge(client: TwentyClient, log: (line: string) => void): Promise<void> {
    const objects = await client.listObjects();
    const byUniversalId = new Map<string, string>(Object.entries(STANDARD_OBJECTS).map(([name, universalIdentifier]) => [universalIdentifier, name]));
    for (const field of TRACKFLOW_STANDARD_FIELDS) {
      const object = objects.find((candidate) => candidate.nameSingular === byUniversalId.get(field.objectUniversalIdentifier));
      const existing = object?.fields.find((candidate) => candidate.name === field.name);
      if (!object || !existing) continue;
      await client.deleteField(existing.id);
      log(`  deleted field ${object.nameSingular}.${field.name}`);
    }
    for (const manifest of TRACKFLOW_OBJECTS) {
      const object = objects.find((candidate) => candidate.nameSingular === manifest.nameSingular && candidate.isCustom);
      if (!object) continue;
      await client.deleteObject(object.id);
      log(`  deleted object ${manifest.nameSingular} and its records`);
    }
  }

  async install(options: InstallOptions): Promise<InstallResult> {
    const twentyUrl = options.twentyUrl.replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(twentyUrl)) throw new ValidationFailure('url', 'must be the base URL of Twenty, such as https://crm.example.com');
    const workspace = await this.workspaces.findByName(options.workspaceName);
    if (!workspace) throw new ValidationFailure('workspace', `no TrackFlow workspace named "${options.workspaceName}" (create one with api-key:create)`);
    const existing = await this.connections.findByWorkspace(workspace.id);
    const client = new TwentyClient(twentyUrl, options.apiKey, options.client);

    let current;
    try {
      current = await client.listObjects();
    } catch (error) {
      if (error instanceof TwentyApiError && error.status === 401) throw new ValidationFailure('api-key', `Twenty at ${twentyUrl} refused this API key`);
      throw error;
    }
    const plan = computeMetadataPlan(TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS, current);
    options.log(`Plan: ${plan.steps.length} change(s), ${plan.unchanged} already in place, ${plan.conflicts.length} conflict(s).`);
    plan.steps.forEach((step) => options.log(`  ${describe(step)}`));
    plan.conflicts.forEach((conflict) => options.log(`  conflict: ${conflict.objectName}.${conflict.fieldName} is ${conflict.existingType} in Twenty, TrackFlow declares ${conflict.declaredType}; left as it is`));
    if (!existing?.webhookId) options.log(`  register webhook → ${this.config.publicBaseUrl}/webhooks/twenty (${WEBHOOK_OPERATIONS.join(', ')})`);
    if (options.dryRun) return { plan, applied: 0, webhookId: existing?.webhookId ?? null };

    const ids = new Map(current.map((object) => [object.nameSingular, object.id]));
    let applied = 0;
    for (const step of plan.steps) {
      options.log(`[${applied + 1}/${plan.steps.length}] ${describe(step)}`);
      if (step.kind === 'createObject') ids.set(step.object.nameSingular, await client.createObject(step.object));
      else if (step.kind === 'createField') await client.createField(ids.get(step.objectName) as string, step.field);
      else await client.createField(ids.get(step.objectName) as string, step.field, ids.get(step.targetObjectName));
      applied += 1;
    }

    let webhookId = existing?.webhookId ?? null;
    if (webhookId) {
      options.log(`Webhook ${webhookId} is already registered.`);
      await this.connections.save({ ...(existing as NonNullable<typeof existing>), twentyUrl, apiKey: options.apiKey });
    } else {
      // The secret is stored before anything can be signed with it: the connection is saved right after registering.
      const secret = randomBytes(32).toString('hex');
      webhookId = await client.createWebhook(`${this.config.publicBaseUrl}/webhooks/twenty`, WEBHOOK_OPERATIONS, secret);
      await this.connections.save({ workspaceId: workspace.id, twentyUrl, twentyWorkspaceId: null, apiKey: options.apiKey, webhookSecret: secret, webhookId });
      options.log(`Registered webhook ${webhookId}; connection stored (credentials sealed).`);
    }
    // Campaigns, links and variants made before the install (or while Twenty was unreachable) get their Twenty copies, parents first.
    for (const { kind, ids } of await this.mirror.allStaffRecords(workspace.id)) {
      for (let start = 0; start < ids.length; start += MAX_BATCH_RECORDS) {
        const { records } = await this.mirror.load(workspace.id, kind, ids.slice(start, start + MAX_BATCH_RECORDS));
        if (records.length > 0) await client.upsertRecords(MIRROR_PLURAL[kind], records);
      }
      if (ids.length > 0) options.log(`Mirrored ${ids.length} ${kind}(s) into Twenty.`);
    }
    return { plan, applied, webhookId };
  }
}
