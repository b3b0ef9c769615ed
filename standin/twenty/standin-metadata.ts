import { randomUUID } from 'node:crypto';
import { buildSchema, graphql, GraphQLError, GraphQLSchema, parse, validate } from 'graphql';
import { metadataNameFromLabel, metadataNameProblem, RESERVED_METADATA_NAMES } from 'custom-objects/twenty-names';
import { Caller, PermissionFlag, StandInField, StandInObject, TWENTY_STANDARD_APPLICATION_ID, TwentyVersion, UUID } from './standin-types';

const FIELD_TYPES = ['TEXT', 'NUMBER', 'NUMERIC', 'BOOLEAN', 'DATE_TIME', 'DATE', 'SELECT', 'MULTI_SELECT', 'LINKS', 'CURRENCY', 'RAW_JSON', 'UUID', 'RELATION', 'FULL_NAME', 'EMAILS', 'PHONES', 'ADDRESS', 'ACTOR', 'POSITION', 'TS_VECTOR', 'RATING', 'RICH_TEXT'];
const OPTION_COLORS = ['green', 'turquoise', 'sky', 'blue', 'purple', 'pink', 'red', 'orange', 'yellow', 'gray'];
const OPTION_VALUE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const MAX_PAGE = 1000;
/** M2: what Twenty puts on every custom object; the last five are its ONE_TO_MANY relations to Twenty's own system objects. */
const DEFAULT_CUSTOM_FIELDS: [string, string, boolean][] = [
  ['id', 'UUID', true], ['name', 'TEXT', false], ['createdAt', 'DATE_TIME', false], ['updatedAt', 'DATE_TIME', false], ['deletedAt', 'DATE_TIME', false],
  ['createdBy', 'ACTOR', false], ['updatedBy', 'ACTOR', false], ['position', 'POSITION', true], ['searchVector', 'TS_VECTOR', true],
  ['timelineActivities', 'RELATION', true], ['favorites', 'RELATION', true], ['attachments', 'RELATION', true], ['noteTargets', 'RELATION', true], ['taskTargets', 'RELATION', true],
];

/** M1: the types as Twenty's metadata schema declares them; `isCustom` left Twenty in 2.12, ownership (universal identifiers) came in late 1.x. */
function schemaText(version: TwentyVersion): string {
  const isCustom = version === 'previous' ? 'isCustom: Boolean!' : '';
  // Ownership came in late 1.x; the previous version stands for a Twenty before it.
  const owner = version === 'current' ? 'universalIdentifier: String!, applicationId: UUID!,' : '';
  return `
  scalar JSON
  scalar UUID
  input CursorPaging { before: String, after: String, first: Int, last: Int }
  input BooleanFieldComparison { is: Boolean, isNot: Boolean }
  input ObjectFilter { isActive: BooleanFieldComparison, isSystem: BooleanFieldComparison ${version === 'previous' ? ', isCustom: BooleanFieldComparison' : ''} }
  input FieldFilter { isActive: BooleanFieldComparison, isSystem: BooleanFieldComparison }
  type PageInfo { hasNextPage: Boolean!, hasPreviousPage: Boolean!, startCursor: String, endCursor: String }
  type Field { id: UUID!, ${owner} name: String!, type: String!, label: String!, ${isCustom} isActive: Boolean!, isSystem: Boolean!, options: JSON, settings: JSON }
  type FieldEdge { node: Field!, cursor: String! }
  type FieldConnection { pageInfo: PageInfo!, edges: [FieldEdge!]! }
  type Object { id: UUID!, ${owner} nameSingular: String!, namePlural: String!, labelSingular: String!, labelPlural: String!,
    description: String, icon: String, ${isCustom} isActive: Boolean!, isSystem: Boolean!, fields(paging: CursorPaging, filter: FieldFilter): FieldConnection! }
  type ObjectEdge { node: Object!, cursor: String! }
  type ObjectConnection { pageInfo: PageInfo!, edges: [ObjectEdge!]! }
  input CreateObjectInput { nameSingular: String!, namePlural: String!, labelSingular: String!, labelPlural: String!, description: String, icon: String, shortcut: String, isLabelSyncedWithName: Boolean }
  input CreateOneObjectInput { object: CreateObjectInput! }
  input CreateFieldInput { objectMetadataId: UUID!, type: String!, name: String!, label: String!, description: String, icon: String, isNullable: Boolean, isUnique: Boolean,
    defaultValue: JSON, options: JSON, settings: JSON, isLabelSyncedWithName: Boolean, relationCreationPayload: JSON }
  input CreateOneFieldMetadataInput { field: CreateFieldInput! }
  input UpdateObjectPayload { isActive: Boolean, labelSingular: String, labelPlural: String, description: String, icon: String }
  input UpdateOneObjectInput { id: UUID!, update: UpdateObjectPayload! }
  input UpdateFieldInput { isActive: Boolean, label: String, description: String, icon: String, options: JSON }
  input UpdateOneFieldMetadataInput { id: UUID!, update: UpdateFieldInput! }
  input DeleteOneObjectInput { id: UUID! }
  input DeleteOneFieldInput { id: UUID! }
  type Query { objects(paging: CursorPaging = {first: 10}, filter: ObjectFilter = {}): ObjectConnection! }
  type Mutation {
    createOneObject(input: CreateOneObjectInput!): Object!, createOneField(input: CreateOneFieldMetadataInput!): Field!,
    updateOneObject(input: UpdateOneObjectInput!): Object!, updateOneField(input: UpdateOneFieldMetadataInput!): Field!,
    deleteOneObject(input: DeleteOneObjectInput!): Object!, deleteOneField(input: DeleteOneFieldInput!): Field!
  }`;
}

/** One manifest entity as `twenty dev:build` writes it to .twenty/output/manifest.json (M7). */
export type ManifestField = { universalIdentifier: string; objectUniversalIdentifier?: string; name: string; label: string; type: string; options?: unknown[]; relationTargetObjectMetadataUniversalIdentifier?: string; relationTargetFieldMetadataUniversalIdentifier?: string; universalSettings?: { relationType?: 'MANY_TO_ONE' | 'ONE_TO_MANY' } };
type ManifestObject = { universalIdentifier: string; nameSingular: string; namePlural: string; labelSingular: string; labelPlural: string; fields: ManifestField[] };
export type AppManifest = { application: { universalIdentifier: string }; objects: ManifestObject[]; fields: ManifestField[] };

const cursorOf = (id: string) => Buffer.from(JSON.stringify({ id })).toString('base64');
const idOfCursor = (cursor: string): string => {
  try {
    const { id } = JSON.parse(Buffer.from(cursor, 'base64').toString()) as { id?: string };
    if (typeof id === 'string') return id;
  } catch {
    // handled below
  }
  throw new GraphQLError(`Invalid cursor: ${cursor}`, { extensions: { code: 'BAD_USER_INPUT' } });
};

/** M1: keyset pages on `id DESC`, at most 1000 a page. */
function page<T extends { id: string }>(items: T[], paging: { first?: number | null; after?: string | null } | undefined) {
  const first = paging?.first ?? 10;
  if (first < 0) throw new GraphQLError('Page size cannot be negative', { extensions: { code: 'BAD_USER_INPUT' } });
  if (first > MAX_PAGE) throw new GraphQLError(`Requested page size of ${first} exceeds the maximum size of ${MAX_PAGE}`, { extensions: { code: 'BAD_USER_INPUT' } });
  const sorted = [...items].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const after = paging?.after ? idOfCursor(paging.after) : null;
  const rest = after ? sorted.filter((item) => item.id < after) : sorted;
  const nodes = rest.slice(0, first);
  return {
    edges: nodes.map((node) => ({ node, cursor: cursorOf(node.id) })),
    pageInfo: { hasNextPage: rest.length > first, hasPreviousPage: after !== null, startCursor: nodes[0] ? cursorOf(nodes[0].id) : null, endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1].id) : null },
  };
}

const flagFilter = (filter: Record<string, { is?: boolean; isNot?: boolean } | undefined> | undefined) => (item: object) =>
  Object.entries(filter ?? {}).every(([key, comparison]) => {
    const value = (item as Record<string, unknown>)[key];
    return !comparison || ((comparison.is === undefined || value === comparison.is) && (comparison.isNot === undefined || value !== comparison.isNot));
  });

/**
 * The Metadata API (`POST /metadata`) as docs/twenty-contracts.md records it, entries M0 to M7:
 * objects and fields keyed by `universalIdentifier` and owned by an application, Twenty's name
 * rules, relation pairs, the DATA_MODEL permission on every mutation, and the version's errors.
 */
export class StandInMetadata {
  readonly objects: StandInObject[] = [];
  private readonly schema: GraphQLSchema;
  /** M7: the application that owns what the Metadata API creates (Twenty's "workspace custom application"). */
  readonly customApplicationId = randomUUID();

  constructor(
    private readonly version: TwentyVersion,
    private readonly dropRecords: (plural: string, fieldName?: string) => void,
  ) {
    this.schema = buildSchema(schemaText(version));
  }

  object(nameSingular: string): StandInObject | undefined {
    return this.objects.find((object) => object.nameSingular === nameSingular);
  }

  /** A standard object of every new workspace, owned by Twenty's standard application. */
  addStandardObject(nameSingular: string, namePlural: string, universalIdentifier: string, fields: [string, string, unknown?][]): void {
    const system: [string, string][] = [['id', 'UUID'], ['createdAt', 'DATE_TIME'], ['updatedAt', 'DATE_TIME'], ['deletedAt', 'DATE_TIME'], ['createdBy', 'ACTOR'], ['position', 'POSITION']];
    this.objects.push({
      id: randomUUID(),
      universalIdentifier,
      applicationId: TWENTY_STANDARD_APPLICATION_ID,
      nameSingular,
      namePlural,
      labelSingular: nameSingular,
      labelPlural: namePlural,
      isSystem: false,
      isActive: true,
      fields: [...system, ...fields].map(([name, type, options]) => ({ id: randomUUID(), universalIdentifier: randomUUID(), applicationId: TWENTY_STANDARD_APPLICATION_ID, name, type, label: name, options, isSystem: name === 'id' || name === 'position', isActive: true })),
    });
  }

  /** M0: resolver errors answer 200 with `errors[]`; a document that fails validation answers 400, or 200 when the client asks for JSON. */
  async handle(body: Record<string, unknown>, caller: Caller, acceptsJson: boolean): Promise<{ status: number; body: unknown }> {
    let document;
    try {
      document = parse(String(body.query ?? ''));
    } catch (error) {
      return { status: 400, body: { errors: [{ message: (error as Error).message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] } };
    }
    const invalid = validate(this.schema, document);
    if (invalid.length > 0) return { status: acceptsJson ? 200 : 400, body: { errors: invalid.map((error) => ({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) } };
    const result = await graphql({ schema: this.schema, source: String(body.query), variableValues: body.variables as Record<string, unknown>, rootValue: this.resolvers(caller) });
    return { status: 200, body: { ...result, errors: result.errors?.map((error) => ({ message: error.message, extensions: error.extensions })) } };
  }

  /** M6: every mutation needs the DATA_MODEL flag (or full settings access); users in these tests have it. */
  private requirePermission(caller: Caller, flag: PermissionFlag): void {
    if (caller.kind === 'apiKey' && !caller.permissions.has(flag)) {
      throw new GraphQLError('User does not have permission', { extensions: { code: 'FORBIDDEN', ...(this.version === 'current' ? { subCode: 'PERMISSION_DENIED', userFriendlyMessage: 'User does not have permission.' } : {}) } });
    }
  }

  /** M0: validation failures, in the shape of the version. */
  private invalid(action: 'creating' | 'updating' | 'deleting', kind: 'object' | 'field', message: string, code = kind === 'object' ? 'INVALID_OBJECT_INPUT' : 'INVALID_FIELD_INPUT'): GraphQLError {
    const entity = kind === 'object' ? 'objectMetadata' : 'fieldMetadata';
    const errors = { [entity]: [{ type: action === 'creating' ? 'create' : action === 'updating' ? 'update' : 'delete', metadataName: entity, errors: [{ code, message, userFriendlyMessage: message }] }] };
    if (this.version === 'previous') {
      return new GraphQLError(`Validation failed for ${kind === 'object' ? 1 : 0} object(s) and ${kind === 'field' ? 1 : 0} field(s)`, { extensions: { code: 'BAD_USER_INPUT', errors } });
    }
    return new GraphQLError(`Multiple validation errors occurred while ${action} ${kind}`, {
      extensions: { code: 'METADATA_VALIDATION_FAILED', message: `Validation failed for 1 ${kind}`, errors, summary: { totalErrors: 1, [entity]: 1 }, userFriendlyMessage: message },
    });
  }

  /** M4: what Twenty says of a name given as it is. */
  private nameError(name: string): string | null {
    const problem = metadataNameProblem(name);
    if (!problem) return null;
    return RESERVED_METADATA_NAMES.has(name)
      ? this.version === 'current'
        ? 'This name is reserved. Use a different name or the system will add "Custom" suffix.'
        : `The name "${name}" is not available`
      : 'Name is not valid: it must start with lowercase letter and contain only alphanumeric letters';
  }

  private present(object: StandInObject) {
    return { ...object, isCustom: object.applicationId !== TWENTY_STANDARD_APPLICATION_ID, fields: ({ paging, filter }: { paging?: { first?: number; after?: string }; filter?: Record<string, { is?: boolean }> }) => page(object.fields.filter(flagFilter(filter)).map((field) => ({ ...field, isCustom: field.applicationId !== TWENTY_STANDARD_APPLICATION_ID })), paging ?? { first: 1000 }) };
  }

  private findField(id: string): { object: StandInObject; field: StandInField } | null {
    for (const object of this.objects) {
      const field = object.fields.find((candidate) => candidate.id === id);
      if (field) return { object, field };
    }
    return null;
  }

  private resolvers(caller: Caller) {
    const notFound = (what: string) => new GraphQLError(what, { extensions: { code: 'NOT_FOUND' } });
    return {
      objects: ({ paging, filter }: { paging?: { first?: number; after?: string }; filter?: Record<string, { is?: boolean }> }) => {
        const listed = page(this.objects.filter((object) => flagFilter(filter)({ ...object, isCustom: object.applicationId !== TWENTY_STANDARD_APPLICATION_ID })), paging);
        return { ...listed, edges: listed.edges.map((edge) => ({ ...edge, node: this.present(edge.node) })) };
      },
      createOneObject: ({ input }: { input: { object: { nameSingular: string; namePlural: string; labelSingular: string; labelPlural: string; description?: string; icon?: string } } }) => {
        this.requirePermission(caller, 'DATA_MODEL');
        const { nameSingular, namePlural, labelSingular, labelPlural, description, icon } = input.object;
        for (const name of [nameSingular, namePlural]) {
          const problem = this.nameError(name);
          if (problem) throw this.invalid('creating', 'object', problem);
        }
        if (nameSingular.toLowerCase() === namePlural.toLowerCase()) throw this.invalid('creating', 'object', 'The singular and plural names cannot be the same for an object');
        if (this.objects.some((object) => [object.nameSingular, object.namePlural].some((name) => name === nameSingular || name === namePlural))) {
          throw this.version === 'current' ? this.invalid('creating', 'object', 'Object already exists', 'OBJECT_ALREADY_EXISTS') : new GraphQLError('Object already exists', { extensions: { code: 'CONFLICT' } });
        }
        const id = randomUUID();
        const object = this.newObject({ id, universalIdentifier: id, applicationId: this.customApplicationId, nameSingular, namePlural, labelSingular, labelPlural, description, icon });
        this.objects.push(object);
        return this.present(object);
      },
      createOneField: ({ input }: { input: { field: { objectMetadataId: string; type: string; name: string; label: string; options?: unknown; relationCreationPayload?: Record<string, unknown> } } }) => {
        this.requirePermission(caller, 'DATA_MODEL');
        const { field } = input;
        const object = this.objects.find((candidate) => candidate.id === field.objectMetadataId);
        if (!object) throw new GraphQLError('Provided object metadata id does not exist', { extensions: { code: 'NOT_FOUND' } });
        if (!FIELD_TYPES.includes(field.type)) throw new GraphQLError(`Variable "$input" got invalid value "${field.type}" at "input.field.type"`, { extensions: { code: 'BAD_USER_INPUT' } });
        const problem = this.nameError(field.name) ?? this.nameTaken(object, field.name);
        if (problem) throw this.invalid('creating', 'field', problem);
        const options = this.checkOptions(field.type, field.options, 'creating');
        const universalIdentifier = randomUUID();
        const created: StandInField = { id: randomUUID(), universalIdentifier, applicationId: this.customApplicationId, name: field.name, type: field.type, label: field.label, options, isSystem: false, isActive: true };
        if (field.type === 'RELATION') this.relate(object, created, field.relationCreationPayload);
        object.fields.push(created);
        return created;
      },
      updateOneObject: ({ input }: { input: { id: string; update: Partial<StandInObject> } }) => {
        this.requirePermission(caller, 'DATA_MODEL');
        const object = this.objects.find((candidate) => candidate.id === input.id);
        if (!object) throw this.version === 'current' ? this.invalid('updating', 'object', 'Object to update not found') : notFound('Object does not exist');
        Object.assign(object, Object.fromEntries(Object.entries(input.update).filter(([, value]) => value !== undefined && value !== null)));
        return this.present(object);
      },
      updateOneField: ({ input }: { input: { id: string; update: Partial<StandInField> } }) => {
        this.requirePermission(caller, 'DATA_MODEL');
        const found = this.findField(input.id);
        if (!found) throw this.invalid('updating', 'field', 'field metadata to update not found');
        if (found.field.isSystem && Object.keys(input.update).some((key) => key !== 'isActive')) throw this.invalid('updating', 'field', 'System fields only allow updating: isActive');
        const update = Object.fromEntries(Object.entries(input.update).filter(([, value]) => value !== undefined && value !== null));
        // M8: the list sent replaces the field's options.
        if (update.options !== undefined) update.options = this.checkOptions(found.field.type, update.options, 'updating');
        Object.assign(found.field, update);
        return found.field;
      },
      deleteOneObject: ({ input }: { input: { id: string } }) => {
        this.requirePermission(caller, 'DATA_MODEL');
        const object = this.objects.find((candidate) => candidate.id === input.id);
        if (!object) throw this.invalid('deleting', 'object', 'Object to delete not found');
        if (object.applicationId === TWENTY_STANDARD_APPLICATION_ID) throw this.invalid('deleting', 'object', 'Standard objects cannot be deleted');
        if (this.version === 'previous' && object.isActive) throw this.invalid('deleting', 'object', 'Active objects cannot be deleted');
        this.objects.splice(this.objects.indexOf(object), 1);
        for (const other of this.objects) other.fields = other.fields.filter((field) => field.relationTargetObjectId !== object.id);
        this.dropRecords(object.namePlural);
        return this.present(object);
      },
      deleteOneField: ({ input }: { input: { id: string } }) => {
        this.requirePermission(caller, 'DATA_MODEL');
        const found = this.findField(input.id);
        if (!found) throw this.invalid('deleting', 'field', 'Field metadata to delete not found');
        const { object, field } = found;
        if (field.isSystem || field.applicationId === TWENTY_STANDARD_APPLICATION_ID) throw this.invalid('deleting', 'field', this.version === 'previous' ? "Standard Fields can't be deleted" : 'System fields cannot be deleted');
        if (this.version === 'previous' && field.isActive) throw this.invalid('deleting', 'field', "Active fields can't be deleted");
        this.removeField(object, field);
        const inverse = field.relationTargetFieldId ? this.findField(field.relationTargetFieldId) : null;
        if (inverse) this.removeField(inverse.object, inverse.field);
        return field;
      },
    };
  }

  private removeField(object: StandInObject, field: StandInField): void {
    object.fields.splice(object.fields.indexOf(field), 1);
    this.dropRecords(object.namePlural, field.relationType === 'MANY_TO_ONE' ? `${field.name}Id` : field.name);
  }

  private newObject(identity: Omit<StandInObject, 'fields' | 'isActive' | 'isSystem'>): StandInObject {
    const fields = DEFAULT_CUSTOM_FIELDS.map(([name, type, isSystem]) => ({ id: randomUUID(), universalIdentifier: randomUUID(), applicationId: identity.applicationId, name, type, label: name, isSystem, isActive: true }));
    return { ...identity, isSystem: false, isActive: true, fields };
  }

  /** M4: a field name must be free on its object, join columns of MANY_TO_ONE relations included. */
  private nameTaken(object: StandInObject, name: string): string | null {
    if (object.fields.some((field) => field.name === name)) return `Name "${name}" is not available as it is already used by another field`;
    if (object.fields.some((field) => field.relationType === 'MANY_TO_ONE' && `${field.name}Id` === name)) return `Name "${name}" is not available as it is already used by another join column name`;
    return null;
  }

  /**
   * M3/M8: options of a SELECT: ids (generated by the current version, required by the previous),
   * UPPER_SNAKE values, labels without commas, known colours, no id, value or position twice.
   */
  private checkOptions(type: string, options: unknown, action: 'creating' | 'updating'): unknown {
    if (type !== 'SELECT' && type !== 'MULTI_SELECT') return undefined;
    if (!Array.isArray(options) || options.length === 0) throw this.invalid(action, 'field', 'Options are required for enum fields');
    const checked = options.map((option: Record<string, unknown>) => {
      if (option.id === undefined && this.version === 'previous') throw this.invalid(action, 'field', 'Option id is required');
      if (option.id !== undefined && !(typeof option.id === 'string' && UUID.test(option.id))) throw this.invalid(action, 'field', 'Option id is invalid');
      if (typeof option.value !== 'string' || !OPTION_VALUE.test(option.value)) throw this.invalid(action, 'field', `Value must be in UPPER_CASE and follow snake_case "${String(option.value)}"`);
      if (typeof option.label !== 'string' || option.label.includes(',')) throw this.invalid(action, 'field', 'Label must not contain a comma');
      if (option.color !== undefined && !OPTION_COLORS.includes(String(option.color))) throw this.invalid(action, 'field', 'Option color must be a supported color');
      return { ...option, id: option.id ?? randomUUID(), color: option.color ?? 'gray' } as Record<string, unknown>;
    });
    for (const property of ['position', 'id', 'value'] as const) {
      if (new Set(checked.map((option) => option[property])).size !== checked.length) throw this.invalid(action, 'field', `Duplicated option ${property}`);
    }
    return checked;
  }

  /**
   * M3/M4: a RELATION creates its pair. The inverse is named from `targetFieldLabel`; a reserved
   * result gets a `Custom` suffix in the current version and is refused in the previous one.
   */
  private relate(object: StandInObject, created: StandInField, payload: Record<string, unknown> | undefined): void {
    if (!payload) throw this.invalid('creating', 'field', 'Relation creation payload is required');
    const { type, targetObjectMetadataId, targetFieldLabel, targetFieldIcon } = payload;
    if (!['MANY_TO_ONE', 'ONE_TO_MANY'].includes(String(type)) || typeof targetObjectMetadataId !== 'string' || !UUID.test(targetObjectMetadataId) || typeof targetFieldLabel !== 'string' || (targetFieldIcon !== undefined && typeof targetFieldIcon !== 'string')) {
      throw this.invalid('creating', 'field', 'Relation creation payload is invalid', 'FIELD_METADATA_RELATION_MALFORMED');
    }
    const target = this.objects.find((candidate) => candidate.id === targetObjectMetadataId);
    if (!target) throw this.invalid('creating', 'field', 'Object metadata relation target not found for relation creation payload');
    let inverseName = metadataNameFromLabel(targetFieldLabel);
    if (RESERVED_METADATA_NAMES.has(inverseName)) {
      if (this.version === 'previous') throw this.invalid('creating', 'field', `The name "${inverseName}" is not available`);
      inverseName = `${inverseName}Custom`;
    }
    const taken = this.nameTaken(target, inverseName);
    if (taken) throw this.invalid('creating', 'field', taken);
    const relationType = type as 'MANY_TO_ONE' | 'ONE_TO_MANY';
    const inverse: StandInField = {
      id: randomUUID(),
      universalIdentifier: randomUUID(),
      applicationId: created.applicationId,
      name: inverseName,
      type: 'RELATION',
      label: targetFieldLabel,
      relationType: relationType === 'MANY_TO_ONE' ? 'ONE_TO_MANY' : 'MANY_TO_ONE',
      relationTargetObjectId: object.id,
      relationTargetFieldId: created.id,
      isSystem: false,
      isActive: true,
    };
    Object.assign(created, { relationType, relationTargetObjectId: target.id, relationTargetFieldId: inverse.id, settings: relationType === 'MANY_TO_ONE' ? { relationType, onDelete: 'SET_NULL', joinColumnName: `${created.name}Id` } : { relationType } });
    inverse.settings = inverse.relationType === 'MANY_TO_ONE' ? { relationType: inverse.relationType, onDelete: 'SET_NULL', joinColumnName: `${inverseName}Id` } : { relationType: inverse.relationType };
    target.fields.push(inverse);
  }

  /**
   * M7: installing or upgrading an app. Twenty compares the manifest only with what that app
   * already owns (by universal identifier) and adopts nothing of another application's, so a
   * same-named object or field made through the Metadata API makes the install fail on Twenty's
   * unique names; nothing is half-applied.
   */
  syncApplication(manifest: AppManifest): void {
    const applicationId = manifest.application.universalIdentifier;
    const byUniversalId = (id: string) => this.objects.find((object) => object.universalIdentifier === id);
    const conflicts: string[] = [];
    for (const declared of manifest.objects) {
      const existing = byUniversalId(declared.universalIdentifier);
      if (!existing && this.objects.some((object) => object.nameSingular === declared.nameSingular || object.namePlural === declared.namePlural)) conflicts.push(`object ${declared.nameSingular}`);
    }
    const standalone = [...manifest.fields, ...manifest.objects.flatMap((object) => object.fields.map((field) => ({ ...field, objectUniversalIdentifier: object.universalIdentifier })))];
    for (const field of manifest.fields) {
      const owner = byUniversalId(field.objectUniversalIdentifier ?? '');
      if (owner && !owner.fields.some((candidate) => candidate.universalIdentifier === field.universalIdentifier) && owner.fields.some((candidate) => candidate.name === field.name)) conflicts.push(`field ${owner.nameSingular}.${field.name}`);
    }
    if (conflicts.length > 0) throw new GraphQLError(`Failed to execute workspace migration: duplicate key value violates unique constraint (${conflicts.join(', ')})`, { extensions: { code: 'APPLICATION_INSTALLATION_FAILED' } });
    for (const declared of manifest.objects) {
      if (byUniversalId(declared.universalIdentifier)) continue;
      const { universalIdentifier, nameSingular, namePlural, labelSingular, labelPlural } = declared;
      const object = this.newObject({ id: randomUUID(), universalIdentifier, applicationId, nameSingular, namePlural, labelSingular, labelPlural });
      this.objects.push(object);
    }
    for (const field of standalone) {
      const owner = byUniversalId(field.objectUniversalIdentifier ?? '');
      if (!owner || owner.fields.some((candidate) => candidate.universalIdentifier === field.universalIdentifier)) continue;
      // A field the app declares under a name Twenty gives every object (its label identifier `name`) is that field.
      const made = owner.fields.find((candidate) => candidate.name === field.name && candidate.applicationId === applicationId);
      if (made) {
        made.universalIdentifier = field.universalIdentifier;
        continue;
      }
      const target = field.relationTargetObjectMetadataUniversalIdentifier ? byUniversalId(field.relationTargetObjectMetadataUniversalIdentifier) : undefined;
      owner.fields.push({
        id: randomUUID(),
        universalIdentifier: field.universalIdentifier,
        applicationId,
        name: field.name,
        type: field.type,
        label: field.label,
        options: field.options,
        isSystem: false,
        isActive: true,
        relationTargetObjectId: target?.id,
        relationType: field.universalSettings?.relationType,
      });
    }
    // The two sides of a relation name each other by universal identifier.
    const fields = this.objects.flatMap((object) => object.fields);
    for (const field of standalone.filter((candidate) => candidate.type === 'RELATION')) {
      const own = fields.find((candidate) => candidate.universalIdentifier === field.universalIdentifier);
      const inverse = fields.find((candidate) => candidate.universalIdentifier === field.relationTargetFieldMetadataUniversalIdentifier);
      if (own && inverse) own.relationTargetFieldId = inverse.id;
    }
  }
}
