import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS } from 'custom-objects/trackflow-data-model';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';
import { AppConfig } from 'src/config/app-config';
import { computeMetadataPlan, MetadataPlan, PlanStep } from 'src/crm/twenty/metadata-plan.util';
import { TwentyApiError, TwentyClient, TwentyClientOptions } from 'src/crm/twenty/twenty-client';
import { TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';

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
    private readonly config: AppConfig,
  ) {}

  /** Removes the webhook and forgets the connection; what TrackFlow added to Twenty's data model stays, with its data. */
  async uninstall(workspaceName: string, log: (line: string) => void, client?: TwentyClientOptions): Promise<void> {
    const workspace = await this.workspaces.findByName(workspaceName);
    if (!workspace) throw new ValidationFailure('workspace', `no TrackFlow workspace named "${workspaceName}"`);
    const connection = await this.connections.findByWorkspace(workspace.id);
    if (!connection) {
      log(`Workspace "${workspaceName}" is not connected to Twenty; nothing to do.`);
      return;
    }
    try {
      await new TwentyClient(connection.twentyUrl, connection.apiKey, client).deleteWebhook(connection.webhookId);
      log(`Removed webhook ${connection.webhookId} from ${connection.twentyUrl}.`);
    } catch (error) {
      // Already gone in Twenty (deleted by hand): forgetting the connection is all that is left to do.
      if (!(error instanceof TwentyApiError && error.status === 404)) throw error;
      log(`Webhook ${connection.webhookId} was already gone from ${connection.twentyUrl}.`);
    }
    await this.connections.remove(workspace.id);
    log('Connection removed. TrackFlow objects and fields stay in Twenty with their data.');
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

    if (existing?.webhookId) {
      options.log(`Webhook ${existing.webhookId} is already registered.`);
      await this.connections.save({ ...existing, twentyUrl, apiKey: options.apiKey });
      return { plan, applied, webhookId: existing.webhookId };
    }
    // The secret is stored before anything can be signed with it: the connection is saved right after registering.
    const secret = randomBytes(32).toString('hex');
    const webhookId = await client.createWebhook(`${this.config.publicBaseUrl}/webhooks/twenty`, WEBHOOK_OPERATIONS, secret);
    await this.connections.save({ workspaceId: workspace.id, twentyUrl, twentyWorkspaceId: null, apiKey: options.apiKey, webhookSecret: secret, webhookId });
    options.log(`Registered webhook ${webhookId}; connection stored (credentials sealed).`);
    return { plan, applied, webhookId };
  }
}
