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

const SCHEMA = `
  scalar JSON
  input CursorPaging { first: Int, after: String }
  type Field { id: ID!, name: String!, type: String!, label: String! }
  type FieldEdge { node: Field! }
  type FieldConnection { edges: [FieldEdge!]! }
  type Object { id: ID!, nameSingular: String!, namePlural: String!, labelSingular: String!, labelPlural: String!, isCustom: Boolean!, fields(paging: CursorPaging): FieldConnection! }
  type ObjectEdge { node: Object! }
  type ObjectConnection { edges: [ObjectEdge!]! }
  input CreateObjectInput { nameSingular: String!, namePlural: String!, labelSingular: String!, labelPlural: String!, description: String, icon: String }
  input CreateOneObjectInput { object: CreateObjectInput! }
  input RelationCreationPayload { type: String!, targetObjectMetadataId: String!, targetFieldLabel: String!, targetFieldIcon: String }
  input CreateFieldInput { objectMetadataId: String!, type: String!, name: String!, label: String!, description: String, icon: String, isNullable: Boolean,
    defaultValue: JSON, options: JSON, settings: JSON, relationCreationPayload: RelationCreationPayload }
  input CreateOneFieldMetadataInput { field: CreateFieldInput! }
  type Query { objects(paging: CursorPaging): ObjectConnection! }
  type Mutation { createOneObject(input: CreateOneObjectInput!): Object!, createOneField(input: CreateOneFieldMetadataInput!): Field! }
`;

export interface StandInField {
  id: string;
  name: string;
  type: string;
  label: string;
  options?: unknown;
}

export interface StandInObject {
  id: string;
  nameSingular: string;
  namePlural: string;
  labelSingular: string;
  labelPlural: string;
  isCustom: boolean;
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
  /** Every request received, for asserting what TrackFlow sent. */
  readonly requests: { method: string; path: string }[] = [];
  private readonly schema: GraphQLSchema = buildSchema(SCHEMA);
  private injected: { status: number; remaining: number } | null = null;
  private windowStart = Date.now();
  private windowCount = 0;
  private server!: Server;
  url = '';

  private constructor(readonly apiKey: string) {
    for (const [nameSingular, namePlural, extra] of [
      ['person', 'people', [['name', 'FULL_NAME'], ['emails', 'EMAILS'], ['companyId', 'UUID']]],
      ['opportunity', 'opportunities', [['name', 'TEXT'], ['amount', 'CURRENCY'], ['stage', 'SELECT'], ['pointOfContactId', 'UUID'], ['companyId', 'UUID']]],
      ['company', 'companies', [['name', 'TEXT'], ['domainName', 'LINKS']]],
    ] as const) {
      this.objects.push({
        id: randomUUID(),
        nameSingular,
        namePlural,
        labelSingular: nameSingular,
        labelPlural: namePlural,
        isCustom: false,
        fields: [...BUILT_IN_FIELDS.filter((name) => name !== 'name').map((name) => [name, name === 'id' ? 'UUID' : 'DATE_TIME']), ...extra].map(([name, type]) => ({ id: randomUUID(), name, type, label: name })),
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

  /** The next `count` requests are answered with `status` (429 carries Retry-After: 1). */
  failNext(status: number, count: number): void {
    this.injected = { status, remaining: count };
  }

  object(nameSingular: string): StandInObject | undefined {
    return this.objects.find((object) => object.nameSingular === nameSingular);
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    this.requests.push({ method: request.method ?? '', path });
    const raw = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    if (request.headers.authorization !== `Bearer ${this.apiKey}`) return send(response, 401, { statusCode: 401, messages: ['Token invalid'], error: 'UNAUTHENTICATED' });
    if (Date.now() - this.windowStart >= 60_000) {
      this.windowStart = Date.now();
      this.windowCount = 0;
    }
    this.windowCount += 1;
    if (this.windowCount > RATE_LIMIT_PER_MINUTE) return send(response, 429, { statusCode: 429, messages: ['Too many requests'] }, { 'Retry-After': '1' });
    if (this.injected && this.injected.remaining > 0) {
      this.injected.remaining -= 1;
      return send(response, this.injected.status, { statusCode: this.injected.status, messages: ['injected failure'] }, this.injected.status === 429 ? { 'Retry-After': '1' } : {});
    }
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(response, 400, { statusCode: 400, messages: ['Invalid JSON'] });
    }
    if (request.method === 'POST' && path === '/metadata') return this.metadata(body, response);
    if (request.method === 'POST' && path === '/rest/webhooks') return this.createWebhook(body, response);
    const records = /^\/rest\/([a-zA-Z]+)(?:\/([^/]+))?$/.exec(path);
    if (records && records[1] !== 'webhooks') return this.recordRoute(request.method ?? '', records[1], records[2], body, response, new URL(request.url ?? '', 'http://x').searchParams.get('filter'));
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
        const object: StandInObject = { id: randomUUID(), nameSingular, namePlural, labelSingular, labelPlural, isCustom: true, fields: BUILT_IN_FIELDS.map((name) => ({ id: randomUUID(), name, type: name === 'name' ? 'TEXT' : name === 'id' ? 'UUID' : 'DATE_TIME', label: name })) };
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
        const created: StandInField = { id: randomUUID(), name: field.name, type: field.type, label: field.label, options: field.options };
        if (field.type === 'RELATION') {
          const payload = field.relationCreationPayload;
          if (!payload || !['MANY_TO_ONE', 'ONE_TO_MANY'].includes(payload.type)) throw new GraphQLError('relationCreationPayload with type MANY_TO_ONE or ONE_TO_MANY is required for RELATION');
          const target = this.objects.find((candidate) => candidate.id === payload.targetObjectMetadataId);
          if (!target) throw new GraphQLError(`Target object ${payload.targetObjectMetadataId} not found`);
          const inverseName = camelFromLabel(payload.targetFieldLabel);
          if (target.fields.some((candidate) => candidate.name === inverseName)) throw new GraphQLError(`Field ${inverseName} already exists on ${target.nameSingular}`);
          target.fields.push({ id: randomUUID(), name: inverseName, type: 'RELATION', label: payload.targetFieldLabel });
        }
        object.fields.push(created);
        return created;
      },
    };
  }

  private async recordRoute(method: string, plural: string, id: string | undefined, body: Record<string, unknown>, response: ServerResponse, filter: string | null): Promise<void> {
    const object = this.objects.find((candidate) => candidate.namePlural === plural);
    if (!object) return send(response, 404, { statusCode: 404, messages: [`Object ${plural} not found`] });
    const singular = object.nameSingular.charAt(0).toUpperCase() + object.nameSingular.slice(1);
    const store = this.records.get(plural) ?? new Map<string, Record<string, unknown>>();
    this.records.set(plural, store);
    if (method === 'GET' && id) {
      const record = store.get(id);
      return record ? send(response, 200, { data: { [object.nameSingular]: record } }) : send(response, 404, { statusCode: 404, messages: [`Record ${id} not found`] });
    }
    if (method === 'GET') {
      // Only the filter form TrackFlow uses: field[eq]:"value", with sub-fields as emails.primaryEmail.
      const match = filter === null ? null : /^([a-zA-Z]+)(?:\.([a-zA-Z]+))?\[eq\]:"(.*)"$/.exec(filter);
      if (filter !== null && !match) return send(response, 400, { statusCode: 400, messages: [`Invalid filter: ${filter}`] });
      if (match && !object.fields.some((candidate) => candidate.name === match[1])) return send(response, 400, { statusCode: 400, messages: [`Object ${object.nameSingular} doesn't have any "${match[1]}" field.`] });
      const rows = [...store.values()].filter((record) => {
        if (!match) return true;
        const value = record[match[1]];
        return (match[2] ? (value as Record<string, unknown> | undefined)?.[match[2]] : value) === match[3];
      });
      return send(response, 200, { data: { [plural]: rows }, pageInfo: { hasNextPage: false }, totalCount: rows.length });
    }
    if (method !== 'POST' && method !== 'PATCH') return send(response, 405, { statusCode: 405, messages: [`${method} not supported`] });
    const unknown = Object.keys(body).filter((field) => !object.fields.some((candidate) => candidate.name === field));
    if (unknown.length > 0) return send(response, 400, { statusCode: 400, messages: [`Object ${object.nameSingular} doesn't have any "${unknown[0]}" field.`] });
    if (method === 'POST') {
      const record = { id: randomUUID(), createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), ...body };
      store.set(record.id as string, record);
      send(response, 201, { data: { [`create${singular}`]: record } });
      await this.emit(`${object.nameSingular}.created`, object, record, Object.keys(body));
      return;
    }
    const existing = id ? store.get(id) : undefined;
    if (!existing || !id) return send(response, 404, { statusCode: 404, messages: [`Record ${id} not found`] });
    const updated = { ...existing, ...body, updatedAt: new Date().toISOString() };
    store.set(id, updated);
    send(response, 200, { data: { [`update${singular}`]: updated } });
    await this.emit(`${object.nameSingular}.updated`, object, updated, Object.keys(body));
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
      const timestamp = String(Date.now());
      const signature = createHmac('sha256', webhook.secret).update(`${timestamp}:${body}`).digest('hex');
      const answer = await fetch(this.deliverTo ?? webhook.targetUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-twenty-webhook-timestamp': timestamp, 'x-twenty-webhook-signature': signature, 'x-twenty-webhook-nonce': randomUUID() },
        body,
      }).catch(() => null);
      this.deliveries.push({ eventName, recordId: String(record.id), status: answer?.status ?? 0 });
    }
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

function send(response: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
