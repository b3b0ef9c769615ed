import { FieldManifest, ObjectManifest } from 'custom-objects/manifest.types';
import { CurrentObject } from 'src/crm/twenty/metadata-plan.util';

/** Twenty's cap on records per batch call. */
export const MAX_BATCH_RECORDS = 60;

export class TwentyApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface TwentyClientOptions {
  /** Attempts for a request Twenty answers 429 or 5xx (or that times out). */
  maxAttempts?: number;
  /** First back-off; doubled on each retry unless Twenty sends Retry-After. */
  baseDelayMs?: number;
  timeoutMs?: number;
}

type ObjectsResult = { objects: { edges: { node: { id: string; nameSingular: string; isCustom: boolean; fields: { edges: { node: { id: string; name: string; type: string } }[] } } }[] } };

/** An object as Twenty's metadata holds it, with the ids that updates and deletions need. */
export type TwentyObject = Omit<CurrentObject, 'fields'> & { isCustom: boolean; fields: { id: string; name: string; type: string }[] };

/**
 * TrackFlow's own small Twenty client: the Metadata API and the REST calls we use, with the
 * retries Twenty's limits call for (429 and 5xx with back-off, Retry-After honoured). Anything
 * else Twenty refuses is an error carrying its status and message.
 */
export class TwentyClient {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    options: TwentyClientOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 6;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async listObjects(): Promise<TwentyObject[]> {
    const result = await this.metadata<ObjectsResult>(`query { objects(paging: {first: 1000}) { edges { node { id nameSingular isCustom fields(paging: {first: 1000}) { edges { node { id name type } } } } } } }`);
    return result.objects.edges.map(({ node }) => ({ id: node.id, nameSingular: node.nameSingular, isCustom: node.isCustom, fields: node.fields.edges.map((edge) => edge.node) }));
  }

  /** Twenty deletes only what is deactivated first (and never its standard objects or fields). */
  async deleteObject(id: string): Promise<void> {
    await this.metadata(`mutation($id: ID!) { updateOneObject(input: {id: $id, update: {isActive: false}}) { id } }`, { id });
    await this.metadata(`mutation($id: ID!) { deleteOneObject(input: {id: $id}) { id } }`, { id });
  }

  async deleteField(id: string): Promise<void> {
    await this.metadata(`mutation($id: ID!) { updateOneField(input: {id: $id, update: {isActive: false}}) { id } }`, { id });
    await this.metadata(`mutation($id: ID!) { deleteOneField(input: {id: $id}) { id } }`, { id });
  }

  async createObject(object: ObjectManifest): Promise<string> {
    const { nameSingular, namePlural, labelSingular, labelPlural, description, icon } = object;
    const result = await this.metadata<{ createOneObject: { id: string } }>(`mutation($input: CreateOneObjectInput!) { createOneObject(input: $input) { id } }`, {
      input: { object: { nameSingular, namePlural, labelSingular, labelPlural, description, icon } },
    });
    return result.createOneObject.id;
  }

  /** A RELATION is created from its MANY_TO_ONE side; Twenty adds the inverse field on the target, named from its label. */
  async createField(objectMetadataId: string, field: FieldManifest, targetObjectMetadataId?: string): Promise<string> {
    const input: Record<string, unknown> = { objectMetadataId, type: field.type, name: field.name, label: field.label, description: field.description, icon: field.icon, isNullable: field.isNullable ?? true };
    if (field.options) input.options = field.options;
    if (field.type === 'RELATION') {
      input.relationCreationPayload = { type: 'MANY_TO_ONE', targetObjectMetadataId, targetFieldLabel: field.inverseLabel, targetFieldIcon: 'IconLink' };
    }
    const result = await this.metadata<{ createOneField: { id: string } }>(`mutation($input: CreateOneFieldMetadataInput!) { createOneField(input: $input) { id } }`, { input: { field: input } });
    return result.createOneField.id;
  }

  /** GET /rest/people?filter=emails.primaryEmail[eq]:"..." */
  async findPeopleByEmail(email: string): Promise<{ id: string }[]> {
    const body = await this.request<{ data: { people: { id: string }[] } }>('GET', `/rest/people?filter=${encodeURIComponent(`emails.primaryEmail[eq]:${JSON.stringify(email)}`)}`);
    return body.data.people;
  }

  /** POST /rest/{plural}; the answer wraps the record as data.create<Object>. */
  async createRecord(plural: string, data: Record<string, unknown>): Promise<string> {
    const body = await this.request<{ data: Record<string, { id: string }> }>('POST', `/rest/${plural}`, data);
    return Object.values(body.data)[0].id;
  }

  /** POST /rest/batch/{plural}?upsert=true: at most 60 records, each created or, when its id exists, updated. */
  async upsertRecords(plural: string, records: Record<string, unknown>[]): Promise<void> {
    if (records.length > MAX_BATCH_RECORDS) throw new TwentyApiError(400, `at most ${MAX_BATCH_RECORDS} records per batch, got ${records.length}`);
    await this.request('POST', `/rest/batch/${plural}?upsert=true`, records);
  }

  /** DELETE /rest/{plural}/{id} (a soft delete in Twenty); a record already gone is what was wanted. */
  async deleteRecord(plural: string, id: string): Promise<void> {
    try {
      await this.request('DELETE', `/rest/${plural}/${encodeURIComponent(id)}`);
    } catch (error) {
      if (!(error instanceof TwentyApiError && error.status === 404)) throw error;
    }
  }

  /** PATCH /rest/{plural}/{id}; Twenty answers 400 naming an unknown field. */
  async updateRecord(plural: string, id: string, data: Record<string, unknown>): Promise<void> {
    await this.request('PATCH', `/rest/${plural}/${encodeURIComponent(id)}`, data);
  }

  async createWebhook(targetUrl: string, operations: string[], secret: string): Promise<string> {
    const body = await this.request<{ data: { createWebhook: { id: string } } }>('POST', '/rest/webhooks', { targetUrl, operations, secret });
    return body.data.createWebhook.id;
  }

  async deleteWebhook(id: string): Promise<void> {
    await this.request('DELETE', `/rest/webhooks/${encodeURIComponent(id)}`);
  }

  async metadata<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = await this.request<{ data?: T; errors?: { message: string }[] }>('POST', '/metadata', { query, variables });
    if (body.errors?.length || !body.data) throw new TwentyApiError(400, body.errors?.map((error) => error.message).join('; ') ?? 'no data in the answer');
    return body.data;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      let response: Response | null = null;
      let failure: string;
      try {
        response = await fetch(`${this.baseUrl.replace(/\/+$/, '')}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (response.ok) return (await response.json()) as T;
        failure = await response.text();
        if (response.status !== 429 && response.status < 500) throw new TwentyApiError(response.status, `Twenty answered ${response.status} to ${method} ${path}: ${failure.slice(0, 500)}`);
      } catch (error) {
        if (error instanceof TwentyApiError) throw error;
        // fetch reports network failures as "fetch failed" with the reason in cause.
        const cause = (error as Error & { cause?: { message?: string } }).cause?.message;
        failure = cause ? `${(error as Error).message} (${cause})` : (error as Error).message;
      }
      if (attempt >= this.maxAttempts) throw new TwentyApiError(response?.status ?? 0, `Twenty kept failing ${method} ${path} after ${attempt} attempts: ${failure.slice(0, 500)}`);
      const retryAfter = Number(response?.headers.get('retry-after'));
      await new Promise((resolve) => setTimeout(resolve, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : this.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
