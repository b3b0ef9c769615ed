import { randomUUID } from 'node:crypto';
import { FieldManifest, ObjectManifest, SelectOption } from 'custom-objects/manifest.types';
import { metadataFailure, restFailure, TwentyApiError } from 'src/crm/twenty/twenty-api-error';
import { CurrentObject, CurrentOption } from 'src/crm/twenty/metadata-plan.util';

export { TwentyApiError } from 'src/crm/twenty/twenty-api-error';

/**
 * Records per batch call. Twenty's QUERY_MAX_RECORDS has been 60, 200 and 10,000 across versions
 * (docs/twenty-contracts.md, R4); 60 holds on all of them.
 */
export const MAX_BATCH_RECORDS = 60;
/** Twenty's largest page for metadata and webhook lists (M1, W1). */
const METADATA_PAGE_SIZE = 1000;
/** Twenty's largest record page in every version we support (R1: QUERY_MAX_RECORDS ≥ 60). */
export const RECORD_PAGE_SIZE = 60;
/** The current path; `/rest/webhooks` is its deprecated alias (W1). */
const WEBHOOKS_PATH = '/rest/metadata/webhooks';

export interface TwentyClientOptions {
  /** Attempts for a request Twenty answers 429 or 5xx (or that times out). */
  maxAttempts?: number;
  /** First back-off; doubled on each retry unless Twenty sends Retry-After. */
  baseDelayMs?: number;
  timeoutMs?: number;
  /**
   * Awaited before each record request (each attempt included), the only kind Twenty throttles
   * (R7): where TrackFlow spends its request budget. A throw stops the call before it is sent.
   */
  beforeRecordRequest?: () => Promise<void>;
}

/** An object as Twenty's metadata holds it, with the ids that updates and deletions need (M1). */
export type TwentyObject = Omit<CurrentObject, 'fields'> & { universalIdentifier: string | null; isSystem: boolean; fields: TwentyField[] };
type TwentyField = { id: string; name: string; type: string; universalIdentifier: string | null; options?: CurrentOption[] | null };

/** A webhook as Twenty's REST API answers it (W2); `secret` comes back in clear. */
export type TwentyWebhook = { id: string; targetUrl: string; operations: string[]; secret?: string; description?: string | null };

/** One page of records, the cursor of the next (null on the last) and how many match the filter in all. */
type RecordPage = { records: Record<string, unknown>[]; nextCursor: string | null; totalCount: number };

type ObjectNode = { id: string; nameSingular: string; namePlural: string; universalIdentifier?: string; isSystem?: boolean; fields: { edges: { node: TwentyField }[] } };
type ObjectsResult = { objects: { edges: { node: ObjectNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

/**
 * TrackFlow's own small Twenty client: the Metadata API, the webhook routes and the record REST
 * calls we use, each as docs/twenty-contracts.md records it from Twenty's source (the entry is
 * named on each method). 429 and 5xx are retried with back-off (Retry-After honoured when a newer
 * Twenty sends it); anything else Twenty refuses is a TwentyApiError saying what kind of refusal.
 */
export class TwentyClient {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly timeoutMs: number;
  private readonly beforeRecordRequest?: () => Promise<void>;

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    options: TwentyClientOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 6;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.beforeRecordRequest = options.beforeRecordRequest;
  }

  /**
   * M1: every object with its fields, inactive ones included; `isCustom` is gone from Twenty ≥ 2.12,
   * so ownership is read from names. A Twenty whose schema lacks the late-1.x ownership fields
   * (`universalIdentifier`, `isSystem`) is asked without them.
   */
  async listObjects(): Promise<TwentyObject[]> {
    try {
      return await this.listObjectsWith('universalIdentifier isSystem', 'universalIdentifier');
    } catch (error) {
      if (!(error instanceof TwentyApiError && /Cannot query field "(universalIdentifier|isSystem)"/.test(error.message))) throw error;
      return this.listObjectsWith('', '');
    }
  }

  private async listObjectsWith(objectExtras: string, fieldExtras: string): Promise<TwentyObject[]> {
    const objects: TwentyObject[] = [];
    for (let after: string | null = null; ; ) {
      const result: ObjectsResult = await this.metadata<ObjectsResult>(
        `query($paging: CursorPaging!) { objects(paging: $paging) { pageInfo { hasNextPage endCursor } edges { node { id nameSingular namePlural ${objectExtras}
          fields(paging: {first: ${METADATA_PAGE_SIZE}}) { edges { node { id name type options ${fieldExtras} } } } } } } }`,
        { paging: after ? { first: METADATA_PAGE_SIZE, after } : { first: METADATA_PAGE_SIZE } },
      );
      for (const { node } of result.objects.edges) {
        objects.push({
          id: node.id,
          nameSingular: node.nameSingular,
          universalIdentifier: node.universalIdentifier ?? null,
          isSystem: node.isSystem ?? false,
          fields: node.fields.edges.map((edge) => ({ ...edge.node, universalIdentifier: edge.node.universalIdentifier ?? null })),
        });
      }
      if (!result.objects.pageInfo.hasNextPage || !result.objects.pageInfo.endCursor) return objects;
      after = result.objects.pageInfo.endCursor;
    }
  }

  /** M5: Twenty before 2.x deletes only what is deactivated first; later ones accept either, so we always deactivate. */
  async deleteObject(id: string): Promise<void> {
    await this.metadata(`mutation($id: UUID!) { updateOneObject(input: {id: $id, update: {isActive: false}}) { id } }`, { id });
    await this.metadata(`mutation($id: UUID!) { deleteOneObject(input: {id: $id}) { id } }`, { id });
  }

  /** M5, as deleteObject. */
  async deleteField(id: string): Promise<void> {
    await this.metadata(`mutation($id: UUID!) { updateOneField(input: {id: $id, update: {isActive: false}}) { id } }`, { id });
    await this.metadata(`mutation($id: UUID!) { deleteOneField(input: {id: $id}) { id } }`, { id });
  }

  /**
   * M8: Twenty replaces the options with the list sent and matches them by id, so the existing
   * options keep theirs and each new one is given one (a Twenty before 2.x refuses an option
   * without an id).
   */
  async updateFieldOptions(fieldId: string, options: readonly (SelectOption & { id?: string })[]): Promise<void> {
    const withIds = options.map((option) => ({ ...option, id: option.id ?? randomUUID() }));
    await this.metadata(`mutation($id: UUID!, $update: UpdateFieldInput!) { updateOneField(input: {id: $id, update: $update}) { id } }`, { id: fieldId, update: { options: withIds } });
  }

  /** M2. */
  async createObject(object: ObjectManifest): Promise<string> {
    const { nameSingular, namePlural, labelSingular, labelPlural, description, icon } = object;
    const result = await this.metadata<{ createOneObject: { id: string } }>(`mutation($input: CreateOneObjectInput!) { createOneObject(input: $input) { id } }`, {
      input: { object: { nameSingular, namePlural, labelSingular, labelPlural, description, icon } },
    });
    return result.createOneObject.id;
  }

  /**
   * M3. A RELATION is created from its MANY_TO_ONE side; Twenty adds the inverse field on the
   * target, named from its label (M4). Select options carry an id because Twenty before 2.x
   * refuses options without one.
   */
  async createField(objectMetadataId: string, field: FieldManifest, targetObjectMetadataId?: string): Promise<string> {
    const input: Record<string, unknown> = { objectMetadataId, type: field.type, name: field.name, label: field.label, description: field.description, icon: field.icon, isNullable: field.isNullable ?? true };
    if (field.options) input.options = field.options.map((option) => ({ id: randomUUID(), ...option }));
    if (field.type === 'RELATION') {
      input.relationCreationPayload = { type: 'MANY_TO_ONE', targetObjectMetadataId, targetFieldLabel: field.inverseLabel, targetFieldIcon: 'IconLink' };
    }
    const result = await this.metadata<{ createOneField: { id: string } }>(`mutation($input: CreateOneFieldMetadataInput!) { createOneField(input: $input) { id } }`, { input: { field: input } });
    return result.createOneField.id;
  }

  /** R1: `GET /rest/people?filter=emails.primaryEmail[eq]:"..."`. */
  async findPeopleByEmail(email: string): Promise<{ id: string }[]> {
    const body = await this.rest<{ data: { people: { id: string }[] } }>('GET', `/rest/people?filter=${encodeURIComponent(`emails.primaryEmail[eq]:${JSON.stringify(email)}`)}`);
    return body.data.people;
  }

  /** R1: one page of records in a stable order, from `cursor` (the previous page's endCursor) on. */
  async listRecords(plural: string, query: { filter?: string; orderBy?: string; cursor?: string | null; limit?: number }): Promise<RecordPage> {
    const params = new URLSearchParams({ limit: String(query.limit ?? RECORD_PAGE_SIZE) });
    if (query.filter) params.set('filter', query.filter);
    if (query.orderBy) params.set('order_by', query.orderBy);
    if (query.cursor) params.set('starting_after', query.cursor);
    const body = await this.rest<{ data: Record<string, Record<string, unknown>[]>; totalCount?: number; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } }>('GET', `/rest/${plural}?${params}`);
    const records = body.data[plural] ?? [];
    return { records, nextCursor: body.pageInfo?.hasNextPage && body.pageInfo.endCursor ? body.pageInfo.endCursor : null, totalCount: Number(body.totalCount ?? records.length) };
  }

  /** R1: which of these records Twenty holds, out of its trash; an id missing from the answer was deleted or destroyed. */
  async existingIds(plural: string, ids: readonly string[]): Promise<Set<string>> {
    return new Set((await this.recordsWithIds(plural, ids)).map((record) => String(record.id)));
  }

  /** R1: the records of these ids (at most 60) that Twenty holds out of its trash, as R8 gives them. */
  async recordsWithIds(plural: string, ids: readonly string[]): Promise<Record<string, unknown>[]> {
    if (ids.length > RECORD_PAGE_SIZE) throw new TwentyApiError(400, `at most ${RECORD_PAGE_SIZE} ids per lookup, got ${ids.length}`, 'invalid');
    if (ids.length === 0) return [];
    const { records } = await this.listRecords(plural, { filter: `id[in]:[${ids.map((id) => JSON.stringify(id)).join(',')}]`, limit: ids.length });
    return records;
  }

  /** R2: `POST /rest/{plural}` answers 201 `{data: {create<Singular>: record}}`. */
  async createRecord(plural: string, data: Record<string, unknown>): Promise<string> {
    const body = await this.rest<{ data: Record<string, { id: string }> }>('POST', `/rest/${plural}`, data);
    return Object.values(body.data)[0].id;
  }

  /** R3: `POST /rest/batch/{plural}?upsert=true`: each record is matched by id (or a unique field) and updated, restored if soft-deleted, or created. */
  async upsertRecords(plural: string, records: Record<string, unknown>[]): Promise<void> {
    if (records.length > MAX_BATCH_RECORDS) throw new TwentyApiError(400, `at most ${MAX_BATCH_RECORDS} records per batch, got ${records.length}`, 'invalid');
    await this.rest('POST', `/rest/batch/${plural}?upsert=true`, records);
  }

  /**
   * R6: `DELETE /rest/{plural}/{id}` destroys the record (event `<object>.destroyed`); only
   * `?soft_delete=true` keeps it in Twenty's trash. A record already gone is what was wanted.
   */
  async destroyRecord(plural: string, id: string): Promise<void> {
    try {
      await this.rest('DELETE', `/rest/${plural}/${encodeURIComponent(id)}`);
    } catch (error) {
      if (!(error instanceof TwentyApiError && error.kind === 'not-found')) throw error;
    }
  }

  /** R5: `PATCH /rest/{plural}/{id}`; Twenty answers 400 naming an unknown field. */
  async updateRecord(plural: string, id: string, data: Record<string, unknown>): Promise<void> {
    await this.rest('PATCH', `/rest/${plural}/${encodeURIComponent(id)}`, data);
  }

  /** W1: a bare array in older versions and on the alias, `{data, pageInfo, totalCount}` on the current path of newer ones. */
  async listWebhooks(): Promise<TwentyWebhook[]> {
    const webhooks: TwentyWebhook[] = [];
    for (let after: string | null = null; ; ) {
      const query = new URLSearchParams({ limit: String(METADATA_PAGE_SIZE) });
      if (after) query.set('starting_after', after);
      const body = await this.rest<TwentyWebhook[] | { data: TwentyWebhook[]; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } }>('GET', `${WEBHOOKS_PATH}?${query}`);
      if (Array.isArray(body)) return [...webhooks, ...body];
      webhooks.push(...body.data);
      if (!body.pageInfo?.hasNextPage || !body.pageInfo.endCursor) return webhooks;
      after = body.pageInfo.endCursor;
    }
  }

  /** W2: 201 with the bare webhook entity. We choose the secret: Twenty before 2.x never generated one. */
  async createWebhook(targetUrl: string, operations: string[], secret: string, description: string): Promise<TwentyWebhook> {
    return this.rest<TwentyWebhook>('POST', WEBHOOKS_PATH, { targetUrl, operations, secret, description });
  }

  /** W3: only what is given changes. */
  async updateWebhook(id: string, update: Partial<Pick<TwentyWebhook, 'operations' | 'description'>>): Promise<void> {
    await this.rest('PATCH', `${WEBHOOKS_PATH}/${encodeURIComponent(id)}`, update);
  }

  /** W4: `true` when deleted; an unknown id answers 200 `false` in older versions, 404 (or 400 WEBHOOK_NOT_FOUND) in newer ones: all "already gone". */
  async deleteWebhook(id: string): Promise<'deleted' | 'already-gone'> {
    try {
      const answer = await this.rest<unknown>('DELETE', `${WEBHOOKS_PATH}/${encodeURIComponent(id)}`);
      return answer === false ? 'already-gone' : 'deleted';
    } catch (error) {
      if (error instanceof TwentyApiError && error.kind === 'not-found') return 'already-gone';
      throw error;
    }
  }

  /** M0: resolver errors come back as 200 with `errors[]`, document errors as 400 with `errors[]`. */
  async metadata<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const what = /^\s*(?:query|mutation)[^{]*\{\s*(\w+)/.exec(query)?.[1] ?? 'a metadata request';
    const { status, body } = await this.send('POST', '/metadata', { query, variables }, (answerStatus, text) => {
      const parsed = parseJson(text) as { errors?: { message: string; extensions?: { code?: string } }[] } | null;
      return parsed?.errors?.length ? metadataFailure(answerStatus, parsed.errors, what) : restFailure(answerStatus, text, `POST /metadata (${what})`);
    });
    const answer = body as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } | null;
    if (answer?.errors?.length || !answer?.data) throw metadataFailure(status, answer?.errors ?? [{ message: 'no data in the answer' }], what);
    return answer.data;
  }

  private async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
    const isRecordRequest = !path.startsWith(WEBHOOKS_PATH) && !path.startsWith('/rest/webhooks');
    return (await this.send(method, path, body, (status, text) => restFailure(status, text, `${method} ${path.split('?')[0]}`), isRecordRequest)).body as T;
  }

  /** One call with retries for 429, 5xx and network failures; an empty 200 (Twenty's "found nothing" on some routes) is null. */
  private async send(method: string, path: string, body: unknown, failure: (status: number, text: string) => TwentyApiError, isRecordRequest = false): Promise<{ status: number; body: unknown }> {
    for (let attempt = 1; ; attempt += 1) {
      let error: TwentyApiError;
      let retryAfter = NaN;
      if (isRecordRequest) await this.beforeRecordRequest?.();
      try {
        const response = await fetch(`${this.baseUrl.replace(/\/+$/, '')}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await response.text();
        if (response.ok) return { status: response.status, body: text === '' ? null : parseJson(text) };
        error = failure(response.status, text);
        if (error.kind !== 'throttled' && error.kind !== 'unavailable') throw error;
        retryAfter = Number(response.headers.get('retry-after'));
      } catch (caught) {
        if (caught instanceof TwentyApiError) throw caught;
        // fetch reports network failures as "fetch failed" with the reason in cause.
        const cause = (caught as Error & { cause?: { message?: string } }).cause?.message;
        error = new TwentyApiError(0, `Twenty did not answer ${method} ${path.split('?')[0]}: ${cause ? `${(caught as Error).message} (${cause})` : (caught as Error).message}`, 'unavailable');
      }
      if (attempt >= this.maxAttempts) throw new TwentyApiError(error.status, `${error.message} (gave up after ${attempt} attempts)`, error.kind, error.code);
      await new Promise((resolve) => setTimeout(resolve, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : this.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
