import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { capitalize, Caller, restError, send, StandInField, StandInObject, UUID } from './standin-types';

/** R1/R3: QUERY_MAX_RECORDS of the oldest supported version, and the default page. */
const MAX_RECORDS = 60;
const DEFAULT_LIMIT = 60;
const DIRECTIONS = ['AscNullsFirst', 'AscNullsLast', 'DescNullsFirst', 'DescNullsLast'];
const COMPARATORS = ['eq', 'neq', 'in', 'is', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'startsWith', 'endsWith', 'containsAny'];

export type RecordEvent = { eventName: string; object: StandInObject; record: Record<string, unknown>; updatedFields?: string[]; caller: Caller };
type Filter = { and: Filter[] } | { or: Filter[] } | { not: Filter } | { path: string[]; comparator: string; value: string };
class BadRequest extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isInteger = (value: unknown) => (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value));

/** R2: what a value of each field type must look like; the message is Twenty's. */
const VALUE_RULES: Record<string, (value: unknown, field: StandInField) => boolean> = {
  TEXT: (value) => typeof value === 'string',
  UUID: (value) => typeof value === 'string' && UUID.test(value),
  NUMBER: (value) => typeof value === 'number' && Number.isFinite(value),
  NUMERIC: (value) => typeof value === 'number' && Number.isFinite(value),
  BOOLEAN: (value) => typeof value === 'boolean',
  DATE_TIME: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)),
  SELECT: (value, field) => Array.isArray(field.options) && field.options.some((option) => (option as { value: string }).value === value),
  CURRENCY: (value) => isObject(value) && Object.keys(value).every((key) => key === 'amountMicros' || key === 'currencyCode') && (value.amountMicros === undefined || value.amountMicros === null || isInteger(value.amountMicros)) && (value.currencyCode === undefined || (typeof value.currencyCode === 'string' && /^[A-Z]{3}$/.test(value.currencyCode))),
  LINKS: (value) => isObject(value) && (value.primaryLinkUrl === undefined || typeof value.primaryLinkUrl === 'string'),
  FULL_NAME: (value) => isObject(value) && Object.values(value).every((part) => typeof part === 'string'),
  EMAILS: (value) => isObject(value) && (value.primaryEmail === undefined || typeof value.primaryEmail === 'string'),
  RAW_JSON: () => true,
};

/** Field names a record input may carry: plain fields, and `<name>Id` for MANY_TO_ONE relations (R2). */
function writableFields(object: StandInObject): Map<string, StandInField> {
  const fields = new Map<string, StandInField>();
  for (const field of object.fields) {
    if (field.type !== 'RELATION') fields.set(field.name, field);
    else if (field.relationType === 'MANY_TO_ONE') fields.set(`${field.name}Id`, { ...field, type: 'UUID' });
  }
  return fields;
}

/** R2: why Twenty would refuse this record input (400), or null. */
function invalidInput(object: StandInObject, body: Record<string, unknown>, creating: boolean): string | null {
  const fields = writableFields(object);
  for (const [name, value] of Object.entries(body)) {
    if (name === 'id' && creating) {
      if (typeof value !== 'string' || !UUID.test(value)) return `Value "${String(value)}" is not a valid UUID`;
      continue;
    }
    const field = fields.get(name);
    if (!field || ['id', 'createdAt', 'updatedAt', 'deletedAt', 'position', 'searchVector'].includes(name)) return `Object ${object.nameSingular} doesn't have any "${name}" field.`;
    if (value !== null && !(VALUE_RULES[field.type] ?? (() => true))(value, field)) return `Invalid value ${typeof value === 'string' ? `'${value}'` : JSON.stringify(value)} for field "${name}"`;
  }
  return null;
}

/** R1: `field[comparator]:value`, `and(…)`, `or(…)`, `not(…)`, dotted sub-fields; a list of predicates without a conjunction is `and`. */
function parseFilter(text: string): Filter {
  const source = /[()]/.test(text) ? text : `and(${text})`;
  const parse = (part: string): Filter => {
    const conjunction = /^(and|or|not)\((.*)\)$/s.exec(part.trim());
    if (conjunction) {
      const children = splitTopLevel(conjunction[2]).map(parse);
      if (conjunction[1] === 'not') {
        if (children.length !== 1) throw new BadRequest("'filter' invalid. 'not' conjunction should contain only 1 condition. eg: not(field[eq]:1)");
        return { not: children[0] };
      }
      return conjunction[1] === 'and' ? { and: children } : { or: children };
    }
    const predicate = /^([^[\]]+)\[([^\]]+)\]:(.+)$/s.exec(part.trim());
    if (!predicate) throw new BadRequest(`'filter' invalid for '${part}'. eg: price[gte]:10`);
    if (!COMPARATORS.includes(predicate[2])) throw new BadRequest(`'filter' invalid for '${part}', comparator ${predicate[2]} not in ${COMPARATORS.join(', ')}`);
    return { path: predicate[1].split('.'), comparator: predicate[2], value: predicate[3].replace(/^(["'])(.*)\1$/s, '$2') };
  };
  return parse(source);
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') depth -= 1;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((part) => part.trim() !== '');
}

const filterFields = (filter: Filter): string[] => ('and' in filter ? filter.and.flatMap(filterFields) : 'or' in filter ? filter.or.flatMap(filterFields) : 'not' in filter ? filterFields(filter.not) : [filter.path[0]]);

function compare(left: unknown, right: unknown): number {
  if (left === right) return 0;
  if (left === null || left === undefined) return -1;
  if (right === null || right === undefined) return 1;
  if (typeof left === 'number' || typeof right === 'number') return Number(left) - Number(right);
  const [a, b] = [String(left), String(right)];
  if (/^\d{4}-\d{2}-\d{2}T/.test(a) && /^\d{4}-\d{2}-\d{2}T/.test(b)) return Date.parse(a) - Date.parse(b);
  return a < b ? -1 : 1;
}

function matches(record: Record<string, unknown>, filter: Filter): boolean {
  if ('and' in filter) return filter.and.every((child) => matches(record, child));
  if ('or' in filter) return filter.or.some((child) => matches(record, child));
  if ('not' in filter) return !matches(record, filter.not);
  const value = filter.path.reduce<unknown>((current, key) => (isObject(current) ? current[key] : undefined), record);
  const { comparator, value: expected } = filter;
  switch (comparator) {
    case 'eq':
      return compare(value, expected) === 0 || String(value) === expected;
    case 'neq':
      return !(compare(value, expected) === 0 || String(value) === expected);
    case 'is':
      return expected === 'NULL' ? value === null || value === undefined : value !== null && value !== undefined;
    case 'in':
    case 'containsAny': {
      const list = expected.replace(/^\[|\]$/g, '').split(',').map((item) => item.trim().replace(/^(["'])(.*)\1$/, '$2'));
      return list.includes(String(value));
    }
    case 'gt':
      return value !== null && value !== undefined && compare(value, expected) > 0;
    case 'gte':
      return value !== null && value !== undefined && compare(value, expected) >= 0;
    case 'lt':
      return value !== null && value !== undefined && compare(value, expected) < 0;
    case 'lte':
      return value !== null && value !== undefined && compare(value, expected) <= 0;
    case 'startsWith':
      return String(value ?? '').startsWith(expected);
    case 'endsWith':
      return String(value ?? '').endsWith(expected);
    default: {
      const pattern = new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, comparator === 'ilike' ? 'i' : '');
      return pattern.test(String(value ?? ''));
    }
  }
}

/**
 * The record REST API as docs/twenty-contracts.md records it (R1 to R8): Twenty's answer keys,
 * filters, ordering and cursors, batch upserts matched by id, hard DELETE unless
 * `soft_delete=true`, restore, and an event for each change.
 */
export class StandInRecords {
  /** Records by plural object name. */
  readonly store = new Map<string, Map<string, Record<string, unknown>>>();

  constructor(
    private readonly objects: () => StandInObject[],
    private readonly emit: (event: RecordEvent) => Promise<void>,
  ) {}

  table(plural: string): Map<string, Record<string, unknown>> {
    const table = this.store.get(plural) ?? new Map<string, Record<string, unknown>>();
    this.store.set(plural, table);
    return table;
  }

  async route(method: string, path: string, query: URLSearchParams, body: unknown, caller: Caller, response: ServerResponse): Promise<void> {
    try {
      await this.dispatch(method, path, query, body, caller, response);
    } catch (error) {
      if (error instanceof BadRequest) return restError(response, 400, 'BadRequestException', error.message);
      throw error;
    }
  }

  private async dispatch(method: string, path: string, query: URLSearchParams, body: unknown, caller: Caller, response: ServerResponse): Promise<void> {
    const segments = path.replace(/^\/rest\//, '').split('/');
    const batch = segments[0] === 'batch';
    const restore = segments[segments.length - 1] === 'restore';
    const [plural, id] = batch ? [segments[1], undefined] : segments;
    const object = this.objects().find((candidate) => candidate.namePlural === plural && candidate.isActive);
    if (!object) {
      const singular = this.objects().find((candidate) => candidate.nameSingular === plural);
      return restError(response, 400, 'BadRequestException', `object '${plural}' not found. ${singular ? `Did you mean '${singular.namePlural}'?` : 'eg: companies'}`);
    }
    if (id !== undefined && !UUID.test(id)) return restError(response, 400, 'BadRequestException', `'${id}' is not a valid UUID`);
    if (batch && method === 'POST') return this.createMany(object, body, query.get('upsert') === 'true', caller, response);
    if (method === 'GET' && id) return this.findOne(object, id, response);
    if (method === 'GET') return this.findMany(object, query, response);
    if (method === 'POST' && !id) return this.createMany(object, [body], query.get('upsert') === 'true', caller, response, true);
    if (method === 'PATCH' && id && restore) return this.restore(object, id, caller, response);
    if ((method === 'PATCH' || method === 'PUT') && id) return this.updateOne(object, id, body, caller, response);
    if (method === 'DELETE' && id) return this.deleteOne(object, id, query.get('soft_delete') === 'true', caller, response);
    restError(response, 400, 'BadRequestException', `Query path '${path}' invalid. Valid examples: /rest/companies/id or /rest/companies or /rest/batch/companies or /rest/restore/companies/id`);
  }

  private findOne(object: StandInObject, id: string, response: ServerResponse): void {
    const record = this.table(object.namePlural).get(id);
    if (!record || record.deletedAt) return restError(response, 404, 'NotFoundException', 'Record not found');
    send(response, 200, { data: { [object.nameSingular]: record } });
  }

  /** R1: filter, order_by (id always last), limit (capped, never refused), keyset cursors over the order. */
  private findMany(object: StandInObject, query: URLSearchParams, response: ServerResponse): void {
    const rawLimit = query.get('limit');
    const limit = rawLimit === null || rawLimit === '' ? DEFAULT_LIMIT : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 0) throw new BadRequest(`limit '${rawLimit}' is invalid. Should be an integer`);
    const filter = query.get('filter') ? parseFilter(query.get('filter') as string) : null;
    const order = (query.get('order_by') ?? '')
      .split(',')
      .filter(Boolean)
      .map((item) => {
        const parsed = /^([\w.]+)(?:\[(\w+)\])?$/.exec(item);
        const direction = parsed?.[2] ?? 'AscNullsFirst';
        if (!parsed || !DIRECTIONS.includes(direction)) {
          throw new BadRequest(`'order_by' direction '${parsed?.[2] ?? item}' invalid. Allowed values are 'AscNullsFirst', 'AscNullsLast', 'DescNullsFirst', 'DescNullsLast'. eg: ?order_by=field_1[AscNullsFirst],field_2[DescNullsLast],field_3`);
        }
        return { path: parsed[1].split('.'), descending: direction.startsWith('Desc') };
      });
    if (!order.some((item) => item.path.join('.') === 'id')) order.push({ path: ['id'], descending: false });
    const read = (record: Record<string, unknown>, path: string[]) => path.reduce<unknown>((current, key) => (isObject(current) ? current[key] : undefined), record);
    const byOrder = (a: Record<string, unknown>, b: Record<string, unknown>) => {
      for (const { path, descending } of order) {
        const difference = compare(read(a, path), read(b, path));
        if (difference !== 0) return descending ? -difference : difference;
      }
      return 0;
    };
    // Soft-deleted records are listed only when the filter names deletedAt.
    const withDeleted = filter !== null && filterFields(filter).includes('deletedAt');
    const all = [...this.table(object.namePlural).values()].filter((record) => (withDeleted || !record.deletedAt) && (!filter || matches(record, filter))).sort(byOrder);
    const cursorOf = (record: Record<string, unknown>) => Buffer.from(JSON.stringify(Object.fromEntries(order.map(({ path }) => [path.join('.'), read(record, path)])))).toString('base64');
    let rest = all;
    const after = query.get('starting_after');
    if (after) {
      let position: Record<string, unknown>;
      try {
        position = JSON.parse(Buffer.from(after, 'base64').toString()) as Record<string, unknown>;
        if (!isObject(position)) throw new Error('not an object');
      } catch {
        throw new BadRequest(`Invalid cursor: ${after}`);
      }
      const asRecord = order.reduce<Record<string, unknown>>((record, { path }) => {
        let target = record;
        path.slice(0, -1).forEach((key) => (target = (target[key] ??= {}) as Record<string, unknown>));
        target[path[path.length - 1]] = position[path.join('.')];
        return record;
      }, {});
      rest = all.filter((record) => byOrder(record, asRecord) > 0);
    }
    const records = rest.slice(0, Math.min(limit, MAX_RECORDS));
    send(response, 200, {
      data: { [object.namePlural]: records },
      totalCount: all.length,
      pageInfo: { startCursor: records[0] ? cursorOf(records[0]) : null, endCursor: records.length ? cursorOf(records[records.length - 1]) : null, hasNextPage: rest.length > records.length, hasPreviousPage: false },
    });
  }

  /** R2/R3: every input checked before any is written; with upsert, one matched by id is updated (and restored if soft-deleted). */
  private async createMany(object: StandInObject, body: unknown, upsert: boolean, caller: Caller, response: ServerResponse, single = false): Promise<void> {
    if (!Array.isArray(body)) throw new BadRequest('Body must be an array');
    if (body.length === 0) throw new BadRequest('Input must not be empty');
    if (body.length > MAX_RECORDS) throw new BadRequest(`Maximum number of records to upsert is ${MAX_RECORDS}.`);
    const table = this.table(object.namePlural);
    for (const input of body) {
      const invalid = isObject(input) ? invalidInput(object, input, true) : 'Each record must be an object';
      if (invalid) throw new BadRequest(invalid);
      if (!upsert && typeof input.id === 'string' && table.has(input.id)) throw new BadRequest(`duplicate key value violates unique constraint "${object.nameSingular}_pkey"`);
    }
    const now = new Date().toISOString();
    const written = (body as Record<string, unknown>[]).map((input) => {
      const previous = typeof input.id === 'string' ? table.get(input.id) : undefined;
      const record: Record<string, unknown> = previous ? { ...previous, ...input, deletedAt: null, updatedAt: now } : { id: randomUUID(), createdAt: now, updatedAt: now, deletedAt: null, createdBy: this.actor(caller), ...input };
      table.set(record.id as string, record);
      return { record, event: previous ? (previous.deletedAt ? 'restored' : 'updated') : 'created', input };
    });
    send(response, 201, { data: { [`create${capitalize(single ? object.nameSingular : object.namePlural)}`]: single ? written[0].record : written.map(({ record }) => record) } });
    for (const { record, event, input } of written) await this.emit({ eventName: `${object.nameSingular}.${event}`, object, record, updatedFields: event === 'updated' ? Object.keys(input) : undefined, caller });
  }

  private async updateOne(object: StandInObject, id: string, body: unknown, caller: Caller, response: ServerResponse): Promise<void> {
    if (!isObject(body)) throw new BadRequest('Body must be an object');
    const invalid = invalidInput(object, body, false);
    if (invalid) throw new BadRequest(invalid);
    const table = this.table(object.namePlural);
    const existing = table.get(id);
    if (!existing || existing.deletedAt) return restError(response, 404, 'NotFoundException', 'Record not found');
    const updated = { ...existing, ...body, id, updatedAt: new Date().toISOString(), updatedBy: this.actor(caller) };
    table.set(id, updated);
    send(response, 200, { data: { [`update${capitalize(object.nameSingular)}`]: updated } });
    await this.emit({ eventName: `${object.nameSingular}.updated`, object, record: updated, updatedFields: Object.keys(body), caller });
  }

  /** R6: a hard delete (`destroyed`, the record as it was) unless soft_delete=true (`deleted`, the record with deletedAt). */
  private async deleteOne(object: StandInObject, id: string, soft: boolean, caller: Caller, response: ServerResponse): Promise<void> {
    const table = this.table(object.namePlural);
    const existing = table.get(id);
    if (!existing) return restError(response, 404, 'NotFoundException', 'Record not found');
    if (soft) {
      const deleted = { ...existing, deletedAt: new Date().toISOString() };
      table.set(id, deleted);
      send(response, 200, { data: { [`delete${capitalize(object.nameSingular)}`]: { id } } });
      return this.emit({ eventName: `${object.nameSingular}.deleted`, object, record: deleted, caller });
    }
    table.delete(id);
    send(response, 200, { data: { [`delete${capitalize(object.nameSingular)}`]: { id } } });
    await this.emit({ eventName: `${object.nameSingular}.destroyed`, object, record: existing, caller });
  }

  private async restore(object: StandInObject, id: string, caller: Caller, response: ServerResponse): Promise<void> {
    const table = this.table(object.namePlural);
    const existing = table.get(id);
    if (!existing) return restError(response, 404, 'NotFoundException', 'Record not found');
    const restored = { ...existing, deletedAt: null };
    table.set(id, restored);
    send(response, 200, { data: { [`restore${capitalize(object.nameSingular)}`]: restored } });
    await this.emit({ eventName: `${object.nameSingular}.restored`, object, record: restored, caller });
  }

  /** R8: `createdBy`/`updatedBy` say whether an API key or a workspace member made the change. */
  private actor(caller: Caller) {
    return caller.kind === 'apiKey' ? { source: 'API', workspaceMemberId: null, name: 'API key', context: {} } : { source: 'MANUAL', workspaceMemberId: caller.workspaceMemberId, name: 'Sales staff', context: {} };
  }
}
