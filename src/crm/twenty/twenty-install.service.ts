import { LeadIntakeService } from 'src/crm/leads/lead-intake.service';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { FieldManifest, STANDARD_OBJECTS } from 'custom-objects/manifest.types';
import { CAMPAIGN, leadStatusField, TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS } from 'custom-objects/trackflow-data-model';
import { ValidationFailure } from 'src/common/errors/validation-failure';
import { WorkspaceRepository } from 'src/common/workspace/workspace.repository';
import { AppConfig } from 'src/config/app-config';
import { computeMetadataPlan, MetadataPlan, PlanStep } from 'src/crm/twenty/metadata-plan.util';
import { MAX_BATCH_RECORDS, TwentyApiError, TwentyClient, TwentyClientOptions, TwentyObject, TwentyWebhook } from 'src/crm/twenty/twenty-client';
import { TwentyConnection, TwentyConnectionService } from 'src/crm/twenty/twenty-connection.service';
import { TwentyDeliveryRepository } from 'src/crm/twenty/twenty-delivery.repository';
import { TwentyMirrorRepository } from 'src/crm/twenty/twenty-mirror.repository';
import { syncCounts, SyncProgress, TwentySyncService } from 'src/crm/twenty/twenty-sync.service';
import { MIRROR_PLURAL } from 'src/crm/twenty/twenty-mirror.util';
import { isNonPublicAddress } from 'src/security/webhooks/webhook-target.util';
import { SettingsService } from 'src/settings/settings.service';

/** Standard objects and every object we mirror: their changes must reach TrackFlow. */
export const WEBHOOK_OPERATIONS = ['person.*', 'opportunity.*', 'company.*', ...TRACKFLOW_OBJECTS.map((object) => `${object.nameSingular}.*`)];
const WEBHOOK_DESCRIPTION = 'TrackFlow: people, deals, companies and TrackFlow objects (managed by twenty:install)';
/** What the install writes in Twenty to see a delivery come back; it is destroyed right after. */
const DELIVERY_CHECK_NAME = 'TrackFlow delivery check (removed automatically)';
const DELIVERY_POLL_MS = 200;

export interface InstallOptions {
  twentyUrl: string;
  apiKey: string;
  workspaceName: string;
  dryRun: boolean;
  log: (line: string) => void;
  client?: TwentyClientOptions;
  /** A delivery that does not come back fails the install instead of warning. */
  requireDelivery?: boolean;
  /** How long to wait for the check delivery (default 8 s). */
  deliveryWaitMs?: number;
  /** Attribute what Twenty already holds (default true); a backfill cut short resumes from its cursor on the next run. */
  backfill?: boolean;
  progress?: SyncProgress;
}

interface InstallResult {
  plan: MetadataPlan;
  applied: number;
  webhookId: string | null;
  /** Whether Twenty's delivery of the check change reached TrackFlow (null on a dry run). */
  deliveryVerified: boolean | null;
}

function describe(step: PlanStep): string {
  if (step.kind === 'createObject') return `create object ${step.object.nameSingular}`;
  if (step.kind === 'createField') return `create field ${step.objectName}.${step.field.name} (${step.field.type})`;
  if (step.kind === 'addOptions') return `add option(s) ${step.added.join(', ')} to ${step.objectName}.${step.fieldName}`;
  return `create relation ${step.objectName}.${step.field.name} → ${step.targetObjectName} (inverse ${step.field.inverseName})`;
}

/** Twenty's webhook routes store the URL as `new URL(url).toString()` (docs/twenty-contracts.md, W2), so ours is recognised in that form. */
const normalisedUrl = (url: string) => {
  try {
    return new URL(url).toString();
  } catch {
    return url;
  }
};

/** The identifiers custom-objects/ declares: objects and fields holding them were installed by the TrackFlow app, and are the app's to remove (M7). */
const APP_IDENTIFIERS = new Set([
  ...TRACKFLOW_OBJECTS.flatMap((object) => [object.universalIdentifier, ...object.fields.map((field) => field.universalIdentifier)]),
  ...[...TRACKFLOW_OBJECTS.flatMap((object) => object.fields), ...TRACKFLOW_STANDARD_FIELDS].flatMap((field) => [field.universalIdentifier, field.relationTargetFieldMetadataUniversalIdentifier ?? '']),
]);

/**
 * `twenty:install` and `twenty:uninstall`: TrackFlow's data model in a Twenty workspace through
 * the Metadata API, our webhook, and the stored connection. Every run recomputes what to do from
 * what Twenty holds, so a run that was cut short is finished by the next one, and a run with
 * nothing to do changes nothing.
 */
@Injectable()
export class TwentyInstallService {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly connections: TwentyConnectionService,
    private readonly deliveries: TwentyDeliveryRepository,
    private readonly mirror: TwentyMirrorRepository,
    private readonly sync: TwentySyncService,
    private readonly settings: SettingsService,
    private readonly config: AppConfig,
    private readonly leads: LeadIntakeService,
  ) {}

  private get webhookUrl(): string {
    return normalisedUrl(`${this.config.publicBaseUrl}/webhooks/twenty`);
  }

  /**
   * Removes our webhook and forgets the connection. What TrackFlow added to Twenty's data model
   * stays, with its data, unless `purge`: then the objects and trackflow* fields it created through
   * the Metadata API go too (those the TrackFlow app installed are the app's). TrackFlow's own data
   * is never touched.
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
    const ours = await this.withKeyChecks(connection.twentyUrl, () => this.ourWebhooks(twenty));
    const stored = ours.some((webhook) => webhook.id === connection.webhookId) ? [] : [{ id: connection.webhookId }];
    for (const webhook of [...ours, ...stored]) {
      const outcome = await twenty.deleteWebhook(webhook.id);
      log(outcome === 'deleted' ? `Removed webhook ${webhook.id} from ${connection.twentyUrl}.` : `Webhook ${webhook.id} was already gone from ${connection.twentyUrl}.`);
    }
    if (purge) await this.purge(twenty, log);
    await this.connections.remove(workspace.id);
    log(purge ? 'Connection removed.' : 'Connection removed. TrackFlow objects and fields stay in Twenty with their data.');
  }

  /** Fields first: deleting an object also deletes the relation fields it put on people and opportunities (M5). */
  private async purge(client: TwentyClient, log: (line: string) => void): Promise<void> {
    const objects = await client.listObjects();
    const byUniversalId = new Map<string, string>(Object.entries(STANDARD_OBJECTS).map(([name, universalIdentifier]) => [universalIdentifier, name]));
    const appOwned = (universalIdentifier: string | null) => universalIdentifier !== null && APP_IDENTIFIERS.has(universalIdentifier);
    let keptForApp = 0;
    for (const field of TRACKFLOW_STANDARD_FIELDS) {
      const object = objects.find((candidate) => candidate.nameSingular === byUniversalId.get(field.objectUniversalIdentifier));
      const existing = object?.fields.find((candidate) => candidate.name === field.name);
      if (!object || !existing) continue;
      if (appOwned(existing.universalIdentifier)) keptForApp += 1;
      else {
        await client.deleteField(existing.id);
        log(`  deleted field ${object.nameSingular}.${field.name}`);
      }
    }
    for (const manifest of TRACKFLOW_OBJECTS) {
      const object = objects.find((candidate) => candidate.nameSingular === manifest.nameSingular);
      if (!object) continue;
      if (appOwned(object.universalIdentifier)) keptForApp += 1;
      else {
        await client.deleteObject(object.id);
        log(`  deleted object ${manifest.nameSingular} and its records`);
      }
    }
    if (keptForApp > 0) log(`  kept ${keptForApp} object(s) and field(s) the TrackFlow app installed: uninstall the app in Twenty to remove them`);
  }

  async install(options: InstallOptions): Promise<InstallResult> {
    const twentyUrl = options.twentyUrl.replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(twentyUrl)) throw new ValidationFailure('url', 'must be the base URL of Twenty, such as https://crm.example.com');
    const workspace = await this.workspaces.findByName(options.workspaceName);
    if (!workspace) throw new ValidationFailure('workspace', `no TrackFlow workspace named "${options.workspaceName}" (create one with api-key:create)`);
    const existing = await this.connections.findByWorkspace(workspace.id);
    const client = new TwentyClient(twentyUrl, options.apiKey, options.client);

    // Nothing is changed before the key is known to work and to be allowed to manage webhooks.
    options.log(`Checking the API key against ${twentyUrl}…`);
    const { current, webhooks } = await this.withKeyChecks(twentyUrl, async () => ({ current: await client.listObjects(), webhooks: await this.ourWebhooks(client) }));
    const privateTarget = await this.privateAddressOf(this.config.publicBaseUrl);
    if (privateTarget) options.log(`Note: PUBLIC_BASE_URL (${this.config.publicBaseUrl}) is the private address ${privateTarget}; Twenty delivers there only if its OUTBOUND_HTTP_SAFE_MODE_ENABLED is false.`);

    const plan = computeMetadataPlan(TRACKFLOW_OBJECTS, [...TRACKFLOW_STANDARD_FIELDS, ...(await this.missingLeadStatusField(workspace.id, current))], current);
    const keep = existing ? webhooks.find((webhook) => webhook.id === existing.webhookId) : undefined;
    const strays = webhooks.filter((webhook) => webhook !== keep);
    options.log(`Plan: ${plan.steps.length} change(s), ${plan.unchanged} already in place, ${plan.conflicts.length} conflict(s).`);
    plan.steps.forEach((step) => options.log(`  ${describe(step)}`));
    plan.conflicts.forEach((conflict) => options.log(`  conflict: ${conflict.objectName}.${conflict.fieldName} is ${conflict.existingType} in Twenty, TrackFlow declares ${conflict.declaredType}; left as it is`));
    strays.forEach((webhook) => options.log(`  remove stray webhook ${webhook.id} → ${webhook.targetUrl} (left by an earlier run)`));
    if (!keep) options.log(`  register webhook → ${this.webhookUrl} (${WEBHOOK_OPERATIONS.join(', ')})`);
    else if (!sameOperations(keep.operations, WEBHOOK_OPERATIONS)) options.log(`  update webhook ${keep.id}'s operations to ${WEBHOOK_OPERATIONS.join(', ')}`);
    if (options.dryRun) return { plan, applied: 0, webhookId: keep?.id ?? null, deliveryVerified: null };

    const applied = await this.applyPlan(client, plan, current, options.log);
    const webhookId = await this.reconcileWebhook(client, workspace.id, twentyUrl, options.apiKey, existing, keep, strays, options.log);
    await this.mirrorStaffRecords(client, workspace.id, options.log);
    // A webhook that has delivered before is known to work: a run with nothing to do changes nothing, unless asked to prove it again.
    const delivered = keep !== undefined && !options.requireDelivery && (await this.deliveries.anyRecorded(workspace.id));
    if (delivered) options.log('Deliveries from Twenty have reached TrackFlow before (--require-delivery checks again).');
    const deliveryVerified = delivered || (await this.checkDelivery(client, workspace.id, options));
    if (options.backfill !== false) await this.backfill(workspace.id, options);
    const leads = await this.leads.sendWaiting(workspace.id);
    if (leads > 0) options.log(`Sent ${leads} lead(s) the site's forms posted before Twenty was connected.`);
    return { plan, applied, webhookId, deliveryVerified };
  }

  /** The install is done when the backfill starts: a backfill cut short is said, and resumes from its cursor with twenty:sync or the next install. */
  private async backfill(workspaceId: string, options: InstallOptions): Promise<void> {
    options.log('Backfill: people, companies and deals already in Twenty get their attribution (from where an earlier run stopped)…');
    try {
      const { processed, deleted, gone } = await this.sync.sync(workspaceId, { full: false, progress: options.progress, client: options.client });
      options.log(`Backfill done: ${syncCounts(processed)}; in Twenty's trash: ${syncCounts(deleted)}; found gone: ${syncCounts(gone)}.`);
    } catch (error) {
      options.log(`Warning: the backfill stopped (${(error as Error).message}); it resumes where it stopped with npx trackflow twenty:sync --workspace ${options.workspaceName}, or at the next reconciliation.`);
    }
  }

  /**
   * The lead hook logs changes of the person field named by settings leadStatusField. Twenty's
   * people have none by default, so one is created (a select of the usual lead statuses) when the
   * workspace's Twenty has no field of that name; an existing one, of any type, is used as it is.
   */
  private async missingLeadStatusField(workspaceId: string, current: TwentyObject[]): Promise<FieldManifest[]> {
    const { settings } = await this.settings.get(workspaceId);
    const name = settings.leadStatusField;
    const person = current.find((object) => object.nameSingular === 'person');
    return name && !person?.fields.some((field) => field.name === name) ? [leadStatusField(name)] : [];
  }

  /** A refused key or a role without the webhook permission is one line naming the cause and the fix (A1, W5). */
  private async withKeyChecks<T>(twentyUrl: string, calls: () => Promise<T>): Promise<T> {
    try {
      return await calls();
    } catch (error) {
      if (!(error instanceof TwentyApiError)) throw error;
      // Twenty's own words, without our "Twenty answered … to …:" preface.
      const said = error.message.replace(/^.*?: /, '');
      if (error.kind === 'auth') throw new ValidationFailure('api-key', `Twenty at ${twentyUrl} refused this API key (${said}); create one in Twenty under Settings → APIs & Webhooks`);
      if (error.kind === 'permission') {
        throw new ValidationFailure('api-key', "this key's role in Twenty lacks the API_KEYS_AND_WEBHOOKS permission (\"API Keys & Webhooks\"); grant it to the role in Twenty under Settings → Roles, or use a key with an admin role, then run again");
      }
      if (error.kind === 'unavailable' && error.status === 0) throw new ValidationFailure('url', `Twenty does not answer at ${twentyUrl} (${said}); check --url and that Twenty is running`);
      if (error.kind === 'not-found') throw new ValidationFailure('url', `${twentyUrl} has no Twenty API (${said}); --url must be the base URL of Twenty's server, such as https://crm.example.com`);
      throw error;
    }
  }

  private async applyPlan(client: TwentyClient, plan: MetadataPlan, current: TwentyObject[], log: (line: string) => void): Promise<number> {
    const ids = new Map(current.map((object) => [object.nameSingular, object.id]));
    let applied = 0;
    for (const step of plan.steps) {
      log(`[${applied + 1}/${plan.steps.length}] ${describe(step)}`);
      try {
        if (step.kind === 'createObject') ids.set(step.object.nameSingular, await client.createObject(step.object));
        else if (step.kind === 'createField') await client.createField(ids.get(step.objectName) as string, step.field);
        else if (step.kind === 'addOptions') await client.updateFieldOptions(step.fieldId, step.options);
        else await client.createField(ids.get(step.objectName) as string, step.field, ids.get(step.targetObjectName));
      } catch (error) {
        if (error instanceof TwentyApiError && error.kind === 'permission') {
          throw new ValidationFailure('api-key', `this key's role in Twenty lacks the DATA_MODEL permission ("Data model"), needed to add TrackFlow's objects and fields; ${applied === 0 ? 'nothing was changed' : `${applied} change(s) were made and the next run finishes the rest`}. Grant it to the role in Twenty under Settings → Roles, then run again`);
        }
        throw error;
      }
      applied += 1;
    }
    return applied;
  }

  /**
   * Exactly one webhook of ours, the one whose secret the connection holds. Others aimed at our
   * URL were left by a run cut short between registering and storing; Twenty keeps them
   * delivering, so they go.
   */
  private async reconcileWebhook(
    client: TwentyClient,
    workspaceId: string,
    twentyUrl: string,
    apiKey: string,
    existing: TwentyConnection | null,
    keep: TwentyWebhook | undefined,
    strays: TwentyWebhook[],
    log: (line: string) => void,
  ): Promise<string> {
    for (const stray of strays) {
      await client.deleteWebhook(stray.id);
      log(`Removed stray webhook ${stray.id}.`);
    }
    if (existing && keep) {
      if (!sameOperations(keep.operations, WEBHOOK_OPERATIONS)) await client.updateWebhook(keep.id, { operations: WEBHOOK_OPERATIONS });
      await this.connections.save({ ...existing, twentyUrl, apiKey });
      log(`Webhook ${keep.id} is registered.`);
      return keep.id;
    }
    const secret = randomBytes(32).toString('hex');
    const created = await client.createWebhook(this.webhookUrl, WEBHOOK_OPERATIONS, secret, WEBHOOK_DESCRIPTION);
    await this.connections.save({ workspaceId, twentyUrl, twentyWorkspaceId: null, apiKey, webhookSecret: secret, webhookId: created.id });
    log(`Registered webhook ${created.id}; connection stored (credentials sealed).`);
    return created.id;
  }

  /** Campaigns, links and variants made before the install (or while Twenty was unreachable) get their Twenty copies, parents first. */
  private async mirrorStaffRecords(client: TwentyClient, workspaceId: string, log: (line: string) => void): Promise<void> {
    for (const { kind, ids } of await this.mirror.allStaffRecords(workspaceId)) {
      for (let start = 0; start < ids.length; start += MAX_BATCH_RECORDS) {
        const { records } = await this.mirror.load(workspaceId, kind, ids.slice(start, start + MAX_BATCH_RECORDS));
        if (records.length > 0) await client.upsertRecords(MIRROR_PLURAL[kind], records);
      }
      if (ids.length > 0) log(`Mirrored ${ids.length} ${kind}(s) into Twenty.`);
    }
  }

  /**
   * Twenty never retries a delivery and never says one failed (D2, D3), so the install proves the
   * round trip: it creates a record of ours in Twenty, waits for TrackFlow to record the verified
   * delivery of its creation, and destroys it again.
   */
  private async checkDelivery(client: TwentyClient, workspaceId: string, options: InstallOptions): Promise<boolean> {
    options.log('Checking that Twenty’s webhook deliveries reach TrackFlow…');
    const recordId = await client.createRecord(CAMPAIGN.namePlural, { name: DELIVERY_CHECK_NAME });
    let arrived = false;
    try {
      const deadline = Date.now() + (options.deliveryWaitMs ?? 8000);
      while (!(arrived = await this.deliveries.anyRecorded(workspaceId, recordId)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, DELIVERY_POLL_MS));
    } finally {
      await client.destroyRecord(CAMPAIGN.namePlural, recordId);
    }
    if (arrived) {
      options.log('Delivery check passed: Twenty’s webhook reached TrackFlow and its signature verified.');
      return true;
    }
    const reason = await this.whyNoDelivery(options.deliveryWaitMs ?? 8000);
    if (options.requireDelivery) throw new ValidationFailure('delivery', reason);
    options.log(`Warning: ${reason}`);
    return false;
  }

  private async whyNoDelivery(waitedMs: number): Promise<string> {
    const base = this.config.publicBaseUrl;
    const seconds = Math.round(waitedMs / 1000);
    const privateAddress = await this.privateAddressOf(base);
    if (privateAddress) {
      return `no webhook delivery arrived within ${seconds} s: PUBLIC_BASE_URL (${base}) is the private or loopback address ${privateAddress}, and Twenty's outbound safe mode (OUTBOUND_HTTP_SAFE_MODE_ENABLED, on by default) does not deliver there; set PUBLIC_BASE_URL to an address Twenty can reach, or have Twenty's admin set OUTBOUND_HTTP_SAFE_MODE_ENABLED=false (newer Twenty: OUTBOUND_HTTP_ALLOWED_INTERNAL_HOSTS), then run twenty:install again`;
    }
    const running = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(3000) }).then((answer) => answer.ok, () => false);
    if (!running) return `no webhook delivery arrived within ${seconds} s: TrackFlow does not answer at PUBLIC_BASE_URL (${base}/healthz); start the server (npm start) where that URL points, then run twenty:install again`;
    return `no webhook delivery arrived within ${seconds} s although TrackFlow answers at ${base}: check that Twenty's worker runs and that Twenty can reach ${base} (its "Webhook Response" audit events say why a delivery failed), then run twenty:install again`;
  }

  /** The private, loopback or link-local address a URL's host is or resolves to, if any. */
  private async privateAddressOf(url: string): Promise<string | null> {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await lookup(host, { all: true }).then((found) => found.map(({ address }) => address), () => []);
    return addresses.find((address) => isNonPublicAddress(address)) ?? null;
  }

  private async ourWebhooks(client: TwentyClient): Promise<TwentyWebhook[]> {
    return (await client.listWebhooks()).filter((webhook) => normalisedUrl(webhook.targetUrl) === this.webhookUrl);
  }
}

function sameOperations(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && [...left].sort().join() === [...right].sort().join();
}
