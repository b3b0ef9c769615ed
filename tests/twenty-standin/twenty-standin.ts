import { createHmac, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { buildSchema, graphql, GraphQLError, GraphQLSchema, parse, validate } from 'graphql';

/**
 * A strict in-process stand-in for the parts of Twenty's API TrackFlow uses, following the
 * contracts in DESIGN.md: bearer auth, 100 requests a minute, the Metadata API's input types
 * (unknown arguments or fields are rejected by GraphQL validation, as by Twenty), camelCase names
 * unique per object, known field types, and REST webhooks. Failures can be injected.
 */
const FIELD_TYPES = ['TEXT', 'NUMBER', 'NUMERIC', 'BOOLEAN', 'DATE_TIME', 'SELECT', 'MULTI_SELECT', 'LINKS', 'CURRENCY', 'RAW_JSON', 'UUID', 'RELATION', 'FULL_NAME', 'EMAILS'];
const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;
const BUILT_IN_FIELDS = ['id', 'name', 'createdAt', 'updatedAt', 'deletedAt'];
const RATE_LIMIT_PER_MINUTE = 100;
const MAX_BATCH_RECORDS = 60;
/** The stages a new Twenty workspace's opportunities come with. */
const OPPORTUNITY_STAGES = ['NEW', 'SCREENING', 'MEETING', 'PROPOSAL', 'CUSTOMER'].map((value, position) => ({ value, label: value, position }));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SCHEMA = `
  scalar JSON
  input CursorPaging { first: Int, after: String }
  type Field { id: ID!, name: String!, type: String!, label: String!, isCustom: Boolean!, isActive: Boolean! }
  type FieldEdge { node: Field! }
  type FieldConnection { edges: [FieldEdge!]! }
  type Object { id: ID!, nameSingular: String!, namePlural: String!, labelSingular: String!, labelPlural: String!, isCustom: Boolean!, isActive: Boolean!, fields(paging: CursorPaging): FieldConnection! }
  type ObjectEdge { node: Object! }
  type ObjectConnection { edges: [ObjectEdge!]! }
  input CreateObjectInput { nameSingular: String!, namePlural: String!, labelSingular: String!, labelPlural: String!, description: String, icon: String }
  input CreateOneObjectInput { object: CreateObjectInput! }
  input RelationCreationPayload { type: String!, targetObjectMetadataId: String!, targetFieldLabel: String!, targetFieldIcon: String }
  input CreateFieldInput { objectMetadataId: String!, type: String!, name: String!, label: String!, description: String, icon: String, isNullable: Boolean,
    defaultValue: JSON, options: JSON, settings: JSON, relationCreationPayload: RelationCreationPayload }
  input CreateOneFieldMetadataInput { field: CreateFieldInput! }
  input UpdateObjectPayload { isActive: Boolean, labelSingular: String, labelPlural: String, description: String, icon: String }
  input UpdateOneObjectInput { id: ID!, update: UpdateObjectPayload! }
  input UpdateFieldInput { isActive: Boolean, label: String, description: String, icon: String }
  input UpdateOneFieldMetadataInput { id: ID!, update: UpdateFieldInput! }
  input DeleteOneObjectInput { id: ID! }
  input DeleteOneFieldInput { id: ID! }
  type Query { objects(paging: CursorPaging): ObjectConnection! }
  type Mutation {
    createOneObject(input: CreateOneObjectInput!): Object!, createOneField(input: CreateOneFieldMetadataInput!): Field!,
    updateOneObject(input: UpdateOneObjectInput!): Object!, updateOneField(input: UpdateOneFieldMetadataInput!): Field!,
    deleteOneObject(input: DeleteOneObjectInput!): Object!, deleteOneField(input: DeleteOneFieldInput!): Field!
  }
`;

export interface StandInField {
  id: string;
  name: string;
  type: string;
  label: string;
  options?: unknown;
  /** MANY_TO_ONE relations are written through their `<name>Id` join column, as in Twenty's REST API. */
  relationType?: 'MANY_TO_ONE' | 'ONE_TO_MANY';
  /** The object at the other end of a relation: deleting that object takes this field with it. */
  relationTargetObjectId?: string;
  isCustom: boolean;
  isActive: boolean;
}

export interface StandInObject {
  id: string;
  nameSingular: string;
  namePlural: string;
  labelSingular: string;
  labelPlural: string;
  isCustom: boolean;
  isActive: boolean;
  fields: StandInField[];
}

export interface StandInWebhook {
  id: string;
  targetUrl: string;
  operations: string[];
  secret: string;
}

const camelFromLabel = (label: string) =>
  label
    .trim()
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word, index) => (index === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()))
    .join('');

export class TwentyStandIn {
  readonly objects: StandInObject[] = [];
  readonly webhooks: StandInWebhook[] = [];
  /** Records by plural object name, as the REST API holds them. */
  readonly records = new Map<string, Map<string, Record<string, unknown>>>();
  readonly workspaceId = randomUUID();
  /** Deliveries sent to webhook targets: status answered by TrackFlow. */
  readonly deliveries: { eventName: string; recordId: string; status: number }[] = [];
  /** Requests refused for the rate limit, for telling what a slow test spent its time on. */
  rateLimited = 0;
  /** Every request received except a user's (see asUser), for asserting what TrackFlow sent. */
  readonly requests: { method: string; path: string }[] = [];
  private readonly schema: GraphQLSchema = buildSchema(SCHEMA);
  private injected: { status: number; remaining: number } | null = null;
  /** Twenty limits each API key separately; a person using Twenty's own UI is not counted against TrackFlow's key. */
  private readonly rateWindows = new Map<string, { start: number; count: number }>();
  /** A signed-in Twenty user's token: what the tests use to act as staff in Twenty's UI. */
  readonly userToken = `twenty-user-${randomUUID()}`;
  private server!: Server;
  url = '';

  private constructor(readonly apiKey: string) {
    for (const [nameSingular, namePlural, extra] of [
      ['person', 'people', [['name', 'FULL_NAME'], ['emails', 'EMAILS'], ['companyId', 'UUID']]],
      ['opportunity', 'opportunities', [['name', 'TEXT'], ['amount', 'CURRENCY'], ['stage', 'SELECT', OPPORTUNITY_STAGES], ['pointOfContactId', 'UUID'], ['companyId', 'UUID']]],
      ['company', 'companies', [['name', 'TEXT'], ['domainName', 'LINKS']]],
    ] as const) {
      this.objects.push({
        id: randomUUID(),
        nameSingular,
        namePlural,
        labelSingular: nameSingular,
        labelPlural: namePlural,
        isCustom: false,
        isActive: true,
        fields: [...BUILT_IN_FIELDS.filter((name) => name !== 'name').map((name) => [name, name === 'id' ? 'UUID' : 'DATE_TIME']), ...extra].map(([name, type, options]) => ({ id: randomUUID(), name, type, label: name, options, isCustom: false, isActive: true })),
      });
    }
  }

  static async start(apiKey = `twenty-key-${randomUUID()}`): Promise<TwentyStandIn> {
    const standIn = new TwentyStandIn(apiKey);
    standIn.server = createServer((request, response) => void standIn.route(request, response));
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    standIn.url = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
    return standIn;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Starts every key's minute afresh: for a test that stands for a later day than the setup it ran. */
  forgetRateLimits(): void {
    this.rateWindows.clear();
  }

  /** A request made as a person using Twenty (its UI, its imports): not TrackFlow's traffic, so not in `requests` or its rate limit. */
  asUser(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.userToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** The next `count` requests are answered with `status` (an injected 429 carries Retry-After: 1; the real limit says when its minute ends). */
  failNext(status: number, count: number): void {
    this.injected = { status, remaining: count };
  }

  object(nameSingular: string): StandInObject | undefined {
    return this.objects.find((object) => object.nameSingular === nameSingular);
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    const raw = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (token !== this.apiKey && token !== this.userToken) return send(response, 401, { statusCode: 401, messages: ['Token invalid'], error: 'UNAUTHENTICATED' });
    if (token !== this.userToken) this.requests.push({ method: request.method ?? '', path });
    const window = this.rateWindows.get(token) ?? { start: Date.now(), count: 0 };
    if (Date.now() - window.start >= 60_000) Object.assign(window, { start: Date.now(), count: 0 });
    window.count += 1;
    this.rateWindows.set(token, window);
    if (window.count > RATE_LIMIT_PER_MINUTE) {
      this.rateLimited += 1;
      const retryAfter = Math.max(1, Math.ceil((window.start + 60_000 - Date.now()) / 1000));
      return send(response, 429, { statusCode: 429, messages: ['Too many requests'] }, { 'Retry-After': String(retryAfter) });
    }
    if (this.injected && this.injected.remaining > 0) {
      this.injected.remaining -= 1;
      return send(response, this.injected.status, { statusCode: this.injected.status, messages: ['injected failure'] }, this.injected.status === 429 ? { 'Retry-After': '1' } : {});
    }
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      if (body === null || typeof body !== 'object') throw new Error('not an object');
    } catch {
      return send(response, 400, { statusCode: 400, messages: ['Invalid JSON'] });
    }
    if (request.method === 'POST' && path === '/metadata') return this.metadata(body, response);
    if (request.method === 'POST' && path === '/rest/webhooks') return this.createWebhook(body, response);
    const query = new URL(request.url ?? '', 'http://x').searchParams;
    const batch = /^\/rest\/batch\/([a-zA-Z]+)$/.exec(path);
    if (request.method === 'POST' && batch) return this.createMany(batch[1], body, query.get('upsert') === 'true', response);
    const records = /^\/rest\/([a-zA-Z]+)(?:\/([^/]+))?$/.exec(path);
    if (records && records[1] !== 'webhooks') return this.recordRoute(request.method ?? '', records[1], records[2], body, response, query);
    const webhook = /^\/rest\/webhooks\/([^/]+)$/.exec(path);
    if (request.method === 'DELETE' && webhook) {
      const index = this.webhooks.findIndex((candidate) => candidate.id === webhook[1]);
      if (index === -1) return send(response, 404, { statusCode: 404, messages: ['Webhook not found'] });
      this.webhooks.splice(index, 1);
      return send(response, 200, { data: { deleteWebhook: { id: webhook[1] } } });
    }
    send(response, 404, { statusCode: 404, messages: [`Cannot ${request.method} ${path}`] });
  }

  private async metadata(body: Record<string, unknown>, response: ServerResponse): Promise<void> {
    let document;
    try {
      document = parse(String(body.query ?? ''));
    } catch (error) {
      return send(response, 400, { errors: [{ message: (error as Error).message }] });
    }
    const invalid = validate(this.schema, document);
    if (invalid.length > 0) return send(response, 400, { errors: invalid.map((error) => ({ message: error.message })) });
    const result = await graphql({ schema: this.schema, source: String(body.query), variableValues: body.variables as Record<string, unknown>, rootValue: this.resolvers() });
    send(response, 200, result as unknown as Record<string, unknown>);
  }

  private resolvers() {
    const connection = <T>(nodes: T[]) => ({ edges: nodes.map((node) => ({ node })) });
    const present = (object: StandInObject) => ({ ...object, fields: () => connection(object.fields) });
    return {
      objects: () => connection(this.objects.map(present)),
      createOneObject: ({ input }: { input: { object: Omit<StandInObject, 'id' | 'isCustom' | 'fields'> } }) => {
        const { nameSingular, namePlural, labelSingular, labelPlural } = input.object;
        for (const [field, value] of [['nameSingular', nameSingular], ['namePlural', namePlural]]) {
          if (!CAMEL_CASE.test(value)) throw new GraphQLError(`${field} "${value}" must be camelCase`);
          if (this.objects.some((object) => object.nameSingular === value || object.namePlural === value)) throw new GraphQLError(`Object already exists: ${value}`);
        }
        const object: StandInObject = {
          id: randomUUID(),
          nameSingular,
          namePlural,
          labelSingular,
          labelPlural,
          isCustom: true,
          isActive: true,
          fields: BUILT_IN_FIELDS.map((name) => ({ id: randomUUID(), name, type: name === 'name' ? 'TEXT' : name === 'id' ? 'UUID' : 'DATE_TIME', label: name, isCustom: false, isActive: true })),
        };
        this.objects.push(object);
        return present(object);
      },
      createOneField: ({ input }: { input: { field: { objectMetadataId: string; type: string; name: string; label: string; options?: unknown[]; relationCreationPayload?: { type: string; targetObjectMetadataId: string; targetFieldLabel: string } } } }) => {
        const field = input.field;
        const object = this.objects.find((candidate) => candidate.id === field.objectMetadataId);
        if (!object) throw new GraphQLError(`Object ${field.objectMetadataId} not found`);
        if (!FIELD_TYPES.includes(field.type)) throw new GraphQLError(`Unknown field type ${field.type}`);
        if (!CAMEL_CASE.test(field.name)) throw new GraphQLError(`Field name "${field.name}" must be camelCase`);
        if (object.fields.some((candidate) => candidate.name === field.name)) throw new GraphQLError(`Field ${field.name} already exists on ${object.nameSingular}`);
        if ((field.type === 'SELECT' || field.type === 'MULTI_SELECT') && !(Array.isArray(field.options) && field.options.length > 0)) throw new GraphQLError(`Options are required for ${field.type}`);
        const created: StandInField = { id: randomUUID(), name: field.name, type: field.type, label: field.label, options: field.options, isCustom: true, isActive: true };
        if (field.type === 'RELATION') {
          const payload = field.relationCreationPayload;
          if (!payload || !['MANY_TO_ONE', 'ONE_TO_MANY'].includes(payload.type)) throw new GraphQLError('relationCreationPayload with type MANY_TO_ONE or ONE_TO_MANY is required for RELATION');
          const target = this.objects.find((candidate) => candidate.id === payload.targetObjectMetadataId);
          if (!target) throw new GraphQLError(`Target object ${payload.targetObjectMetadataId} not found`);
          const inverseName = camelFromLabel(payload.targetFieldLabel);
          if (target.fields.some((candidate) => candidate.name === inverseName)) throw new GraphQLError(`Field ${inverseName} already exists on ${target.nameSingular}`);
          target.fields.push({
            id: randomUUID(),
            name: inverseName,
            type: 'RELATION',
            label: payload.targetFieldLabel,
            relationType: payload.type === 'MANY_TO_ONE' ? 'ONE_TO_MANY' : 'MANY_TO_ONE',
            relationTargetObjectId: object.id,
            isCustom: true,
            isActive: true,
          });
          created.relationType = payload.type as 'MANY_TO_ONE' | 'ONE_TO_MANY';
          created.relationTargetObjectId = target.id;
        }
        object.fields.push(created);
        return created;
      },
      updateOneObject: ({ input }: { input: { id: string; update: { isActive?: boolean } } }) => {
        const object = this.objects.find((candidate) => candidate.id === input.id);
        if (!object) throw new GraphQLError('Object does not exist');
        if (input.update.isActive !== undefined && input.update.isActive !== null) object.isActive = input.update.isActive;
        return present(object);
      },
      updateOneField: ({ input }: { input: { id: string; update: { isActive?: boolean } } }) => {
        const field = this.objects.flatMap((object) => object.fields).find((candidate) => candidate.id === input.id);
        if (!field) throw new GraphQLError('Field does not exist');
        if (!field.isCustom && input.update.isActive === false) throw new GraphQLError("Standard fields can't be deactivated");
        if (input.update.isActive !== undefined && input.update.isActive !== null) field.isActive = input.update.isActive;
        return field;
      },
      // As in Twenty: standard objects and fields can't be deleted, and nothing active can be.
      deleteOneObject: ({ input }: { input: { id: string } }) => {
        const object = this.objects.find((candidate) => candidate.id === input.id);
        if (!object) throw new GraphQLError('Object does not exist');
        if (!object.isCustom) throw new GraphQLError("Standard Objects can't be deleted");
        if (object.isActive) throw new GraphQLError("Active objects can't be deleted");
        this.objects.splice(this.objects.indexOf(object), 1);
        for (const other of this.objects) other.fields = other.fields.filter((field) => field.relationTargetObjectId !== object.id);
        this.records.delete(object.namePlural);
        return present(object);
      },
      deleteOneField: ({ input }: { input: { id: string } }) => {
        const object = this.objects.find((candidate) => candidate.fields.some((field) => field.id === input.id));
        const field = object?.fields.find((candidate) => candidate.id === input.id);
        if (!object || !field) throw new GraphQLError('Field does not exist');
        if (!field.isCustom) throw new GraphQLError("Standard fields can't be deleted");
        if (field.isActive) throw new GraphQLError("Active fields can't be deleted");
        object.fields.splice(object.fields.indexOf(field), 1);
        for (const record of this.records.get(object.namePlural)?.values() ?? []) delete record[field.name];
        return field;
      },
    };
  }

  private async recordRoute(method: string, plural: string, id: string | undefined, body: Record<string, unknown>, response: ServerResponse, query: URLSearchParams): Promise<void> {
    const object = this.objects.find((candidate) => candidate.namePlural === plural && candidate.isActive);
    if (!object) return send(response, 404, { statusCode: 404, messages: [`Object ${plural} not found`] });
    const singular = capitalize(object.nameSingular);
    const store = this.store(plural);
    const live = id ? store.get(id) : undefined;
    const existing = live && !live.deletedAt ? live : undefined;
    if (method === 'GET' && id) {
      return existing ? send(response, 200, { data: { [object.nameSingular]: existing } }) : send(response, 404, { statusCode: 404, messages: [`Record ${id} not found`] });
    }
    if (method === 'GET') {
      const filter = query.get('filter');
      // Only the filter form TrackFlow uses: field[eq]:"value", with sub-fields as emails.primaryEmail.
      const match = filter === null ? null : /^([a-zA-Z]+)(?:\.([a-zA-Z]+))?\[eq\]:"(.*)"$/.exec(filter);
      if (filter !== null && !match) return send(response, 400, { statusCode: 400, messages: [`Invalid filter: ${filter}`] });
      if (match && !writableFields(object).has(match[1])) return send(response, 400, { statusCode: 400, messages: [`Object ${object.nameSingular} doesn't have any "${match[1]}" field.`] });
      const rows = [...store.values()].filter((record) => {
        if (record.deletedAt) return false;
        if (!match) return true;
        const value = record[match[1]];
        return (match[2] ? (value as Record<string, unknown> | undefined)?.[match[2]] : value) === match[3];
      });
      return send(response, 200, { data: { [plural]: rows }, pageInfo: { hasNextPage: false }, totalCount: rows.length });
    }
    if (method === 'DELETE' && id) {
      // Twenty's DELETE is a soft delete: the record gets deletedAt and leaves every list.
      if (!existing) return send(response, 404, { statusCode: 404, messages: [`Record ${id} not found`] });
      const deleted = { ...existing, deletedAt: new Date().toISOString() };
      store.set(id, deleted);
      send(response, 200, { data: { [`delete${singular}`]: { id } } });
      await this.emit(`${object.nameSingular}.deleted`, object, deleted, []);
      return;
    }
    if (method !== 'POST' && method !== 'PATCH') return send(response, 405, { statusCode: 405, messages: [`${method} not supported`] });
    const invalid = invalidInput(object, body, method === 'POST');
    if (invalid) return send(response, 400, { statusCode: 400, messages: [invalid] });
    if (method === 'POST') {
      const written = this.write(object, body, query.get('upsert') === 'true');
      if (typeof written === 'string') return send(response, 400, { statusCode: 400, messages: [written] });
      send(response, 201, { data: { [`create${singular}`]: written.record } });
      await this.emit(`${object.nameSingular}.${written.event}`, object, written.record, Object.keys(body));
      return;
    }
    if (!existing || !id) return send(response, 404, { statusCode: 404, messages: [`Record ${id} not found`] });
    const updated = { ...existing, ...body, id, updatedAt: new Date().toISOString() };
    store.set(id, updated);
    send(response, 200, { data: { [`update${singular}`]: updated } });
    await this.emit(`${object.nameSingular}.updated`, object, updated, Object.keys(body));
  }

  /** POST /rest/batch/{plural}: a non-empty array of at most 60 records, all checked before any is written. */
  private async createMany(plural: string, body: unknown, upsert: boolean, response: ServerResponse): Promise<void> {
    const object = this.objects.find((candidate) => candidate.namePlural === plural && candidate.isActive);
    if (!object) return send(response, 404, { statusCode: 404, messages: [`Object ${plural} not found`] });
    if (!Array.isArray(body)) return send(response, 400, { statusCode: 400, messages: ['Body must be an array'] });
    if (body.length === 0) return send(response, 400, { statusCode: 400, messages: ['Input must not be empty'] });
    if (body.length > MAX_BATCH_RECORDS) return send(response, 400, { statusCode: 400, messages: [`Maximum number of records to upsert is ${MAX_BATCH_RECORDS}`] });
    for (const input of body as Record<string, unknown>[]) {
      const invalid = input !== null && typeof input === 'object' ? invalidInput(object, input, true) : 'Each record must be an object';
      if (invalid) return send(response, 400, { statusCode: 400, messages: [invalid] });
      const exists = typeof input.id === 'string' && this.store(plural).get(input.id);
      if (exists && !upsert) return send(response, 400, { statusCode: 400, messages: ['Record already exists'] });
    }
    const written = (body as Record<string, unknown>[]).map((input) => this.write(object, input, upsert) as { record: Record<string, unknown>; event: string });
    send(response, 201, { data: { [plural]: written.map(({ record }) => record) } });
    await Promise.all(written.map(({ record, event }, index) => this.emit(`${object.nameSingular}.${event}`, object, record, Object.keys((body as Record<string, unknown>[])[index]))));
  }

  /** Creates a record (with the caller's id if given), or with upsert updates the one of that id, restoring it if soft-deleted. */
  private write(object: StandInObject, input: Record<string, unknown>, upsert: boolean): { record: Record<string, unknown>; event: 'created' | 'updated' } | string {
    const store = this.store(object.namePlural);
    const now = new Date().toISOString();
    const previous = typeof input.id === 'string' ? store.get(input.id) : undefined;
    if (previous && !upsert) return 'Record already exists';
    if (previous) {
      const record: Record<string, unknown> = { ...previous, ...input, deletedAt: null, updatedAt: now };
      store.set(input.id as string, record);
      return { record, event: 'updated' };
    }
    const record = { id: randomUUID(), createdAt: now, updatedAt: now, deletedAt: null, ...input };
    store.set(record.id as string, record);
    return { record, event: 'created' };
  }

  private store(plural: string): Map<string, Record<string, unknown>> {
    const store = this.records.get(plural) ?? new Map<string, Record<string, unknown>>();
    this.records.set(plural, store);
    return store;
  }

  private readonly pendingDeliveries = new Set<Promise<void>>();

  /** Resolves once every webhook delivery started so far has been answered (Twenty sends them after answering the API call). */
  async deliveriesSent(): Promise<void> {
    while (this.pendingDeliveries.size > 0) await Promise.all([...this.pendingDeliveries]);
  }

  private emit(eventName: string, object: StandInObject, record: Record<string, unknown>, updatedFields: string[]): Promise<void> {
    const delivery = this.deliver(eventName, object, record, updatedFields).finally(() => this.pendingDeliveries.delete(delivery));
    this.pendingDeliveries.add(delivery);
    return delivery;
  }

  /** Like Twenty: one record per delivery, signed HMAC-SHA256(secret, "timestamp:body"), a fresh nonce each time. */
  private async deliver(eventName: string, object: StandInObject, record: Record<string, unknown>, updatedFields: string[]): Promise<void> {
    const [objectName] = eventName.split('.');
    for (const webhook of this.webhooks.filter((candidate) => candidate.operations.some((operation) => operation === '*.*' || operation === eventName || operation === `${objectName}.*`))) {
      const body = JSON.stringify({ targetUrl: webhook.targetUrl, eventName, objectMetadata: { id: object.id, nameSingular: object.nameSingular }, workspaceId: this.workspaceId, webhookId: webhook.id, eventDate: new Date().toISOString(), record, updatedFields });
      this.sent.push({ webhook, eventName, recordId: String(record.id), body });
      await this.post(webhook, eventName, String(record.id), body);
    }
  }

  /** Sends a delivery again as Twenty's retries do: the same body, a new timestamp, signature and nonce. */
  async redeliver(eventName: string, recordId: string): Promise<number> {
    const delivery = [...this.sent].reverse().find((candidate) => candidate.eventName === eventName && candidate.recordId === recordId);
    if (!delivery) throw new Error(`no ${eventName} of ${recordId} was sent`);
    return this.post(delivery.webhook, eventName, recordId, delivery.body);
  }

  private readonly sent: { webhook: StandInWebhook; eventName: string; recordId: string; body: string }[] = [];

  private async post(webhook: StandInWebhook, eventName: string, recordId: string, body: string): Promise<number> {
    const timestamp = String(Date.now());
    const signature = createHmac('sha256', webhook.secret).update(`${timestamp}:${body}`).digest('hex');
    const answer = await fetch(this.deliverTo ?? webhook.targetUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twenty-webhook-timestamp': timestamp, 'x-twenty-webhook-signature': signature, 'x-twenty-webhook-nonce': randomUUID() },
      body,
    }).catch(() => null);
    this.deliveries.push({ eventName, recordId, status: answer?.status ?? 0 });
    return answer?.status ?? 0;
  }

  /** Where deliveries really go: registered target URLs name PUBLIC_BASE_URL, which tests serve on another port. */
  deliverTo: string | null = null;

  private createWebhook(body: Record<string, unknown>, response: ServerResponse): void {
    const { targetUrl, operations, secret } = body as { targetUrl?: unknown; operations?: unknown; secret?: unknown };
    if (typeof targetUrl !== 'string' || !/^https?:\/\//.test(targetUrl)) return send(response, 400, { statusCode: 400, messages: ['targetUrl must be an http(s) URL'] });
    if (!Array.isArray(operations) || operations.length === 0 || operations.some((operation) => typeof operation !== 'string' || !/^(\*|[a-z][A-Za-z0-9]*)\.(\*|created|updated|deleted|destroyed)$/.test(operation))) {
      return send(response, 400, { statusCode: 400, messages: ['operations must be a non-empty list like person.created or *.*'] });
    }
    const webhook: StandInWebhook = { id: randomUUID(), targetUrl, operations: operations as string[], secret: typeof secret === 'string' ? secret : randomUUID() };
    this.webhooks.push(webhook);
    send(response, 201, { data: { createWebhook: webhook } });
  }
}

const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** Field names a record input may carry: plain fields, and `<name>Id` for MANY_TO_ONE relations. */
function writableFields(object: StandInObject): Map<string, StandInField> {
  const fields = new Map<string, StandInField>();
  for (const field of object.fields) {
    if (field.type !== 'RELATION') fields.set(field.name, field);
    else if (field.relationType === 'MANY_TO_ONE') fields.set(`${field.name}Id`, { ...field, type: 'UUID' });
  }
  return fields;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isInteger = (value: unknown) => (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value));

/** Twenty's record input checks, per field type: what a value of each type must look like. */
const VALUE_RULES: Record<string, (value: unknown, field: StandInField) => boolean> = {
  TEXT: (value) => typeof value === 'string',
  UUID: (value) => typeof value === 'string' && UUID.test(value),
  NUMBER: (value) => typeof value === 'number' && Number.isFinite(value),
  NUMERIC: (value) => typeof value === 'number' && Number.isFinite(value),
  BOOLEAN: (value) => typeof value === 'boolean',
  DATE_TIME: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)),
  SELECT: (value, field) => Array.isArray(field.options) && field.options.some((option) => (option as { value: string }).value === value),
  CURRENCY: (value) => isObject(value) && (value.amountMicros === null || isInteger(value.amountMicros)) && typeof value.currencyCode === 'string' && /^[A-Z]{3}$/.test(value.currencyCode),
  LINKS: (value) => isObject(value) && (value.primaryLinkUrl === undefined || typeof value.primaryLinkUrl === 'string'),
  FULL_NAME: (value) => isObject(value) && Object.values(value).every((part) => typeof part === 'string'),
  EMAILS: (value) => isObject(value) && (value.primaryEmail === undefined || typeof value.primaryEmail === 'string'),
  RAW_JSON: () => true,
};

/** Why Twenty would refuse this record input (400), or null. */
function invalidInput(object: StandInObject, body: Record<string, unknown>, creating: boolean): string | null {
  const fields = writableFields(object);
  for (const [name, value] of Object.entries(body)) {
    if (name === 'id' && creating) {
      if (typeof value !== 'string' || !UUID.test(value)) return `Invalid UUID for field "id": ${JSON.stringify(value)}`;
      continue;
    }
    const field = fields.get(name);
    if (!field || ['id', 'createdAt', 'updatedAt', 'deletedAt'].includes(name)) return `Object ${object.nameSingular} doesn't have any "${name}" field.`;
    if (value !== null && !(VALUE_RULES[field.type] ?? (() => true))(value, field)) return `Invalid value ${JSON.stringify(value)} for field "${name}" of type ${field.type}`;
  }
  return null;
}

function send(response: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
