import { FieldType, OnDeleteAction, RelationType, STANDARD_OBJECT, type defineField, type defineObject } from 'twenty-sdk/define';
import { type FieldManifest, type ObjectManifest, STANDARD_OBJECTS, type TwentyFieldType } from 'custom-objects/manifest.types';
import { TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS } from 'custom-objects/trackflow-data-model';

/**
 * custom-objects/ declares TrackFlow's data model once, for both install paths; this turns those
 * declarations into the SDK's configs. The type check holds the two shapes together, and the SDK's
 * build validates the result. What the Metadata API leaves to Twenty (a relation's inverse field,
 * its join column and delete rule) the app must spell out, with Twenty's defaults.
 */
type SdkObject = Parameters<typeof defineObject>[0];
type SdkField = Parameters<typeof defineField>[0];

// Compile-time proof that custom-objects names the standard objects as Twenty does.
STANDARD_OBJECTS satisfies { [name in keyof typeof STANDARD_OBJECTS]: (typeof STANDARD_OBJECT)[name]['universalIdentifier'] };

function relationParts(field: FieldManifest): { target: string; inverseId: string; inverseName: string; inverseLabel: string } {
  const { relationTargetObjectMetadataUniversalIdentifier: target, relationTargetFieldMetadataUniversalIdentifier: inverseId, inverseName, inverseLabel } = field;
  if (!target || !inverseId || !inverseName || !inverseLabel) {
    throw new Error(`relation ${field.name} (${field.universalIdentifier}) needs relationTargetObjectMetadataUniversalIdentifier, relationTargetFieldMetadataUniversalIdentifier, inverseName and inverseLabel`);
  }
  return { target, inverseId, inverseName, inverseLabel };
}

type CommonProps = Pick<FieldManifest, 'universalIdentifier' | 'objectUniversalIdentifier' | 'name' | 'label' | 'description' | 'icon'> & { isNullable: true };

/**
 * One entry per field type custom-objects may use: the SDK's field manifest is a union keyed by
 * the type, which TypeScript checks only for a literal type, and a type added on either side
 * without its counterpart fails the type check here.
 */
const REGULAR_FIELDS: { [type in Exclude<TwentyFieldType, 'RELATION'>]: (common: CommonProps, field: FieldManifest) => SdkField } = {
  TEXT: (common) => ({ ...common, type: FieldType.TEXT }),
  NUMBER: (common) => ({ ...common, type: FieldType.NUMBER }),
  NUMERIC: (common) => ({ ...common, type: FieldType.NUMERIC }),
  BOOLEAN: (common) => ({ ...common, type: FieldType.BOOLEAN }),
  DATE_TIME: (common) => ({ ...common, type: FieldType.DATE_TIME }),
  LINKS: (common) => ({ ...common, type: FieldType.LINKS }),
  CURRENCY: (common) => ({ ...common, type: FieldType.CURRENCY }),
  RAW_JSON: (common) => ({ ...common, type: FieldType.RAW_JSON }),
  UUID: (common) => ({ ...common, type: FieldType.UUID }),
  SELECT: (common, field) => ({ ...common, type: FieldType.SELECT, options: field.options }),
  MULTI_SELECT: (common, field) => ({ ...common, type: FieldType.MULTI_SELECT, options: field.options }),
};

function toSdkField(field: FieldManifest): SdkField {
  const common: CommonProps = { universalIdentifier: field.universalIdentifier, objectUniversalIdentifier: field.objectUniversalIdentifier, name: field.name, label: field.label, description: field.description, icon: field.icon, isNullable: true };
  if (field.type !== 'RELATION') return REGULAR_FIELDS[field.type](common, field);
  const { target, inverseId } = relationParts(field);
  return {
    ...common,
    type: FieldType.RELATION,
    relationTargetObjectMetadataUniversalIdentifier: target,
    relationTargetFieldMetadataUniversalIdentifier: inverseId,
    // What Twenty's Metadata API picks for a nullable MANY_TO_ONE relation it creates.
    universalSettings: { relationType: RelationType.MANY_TO_ONE, onDelete: OnDeleteAction.SET_NULL, joinColumnName: `${field.name}Id` },
  };
}

/** The ONE_TO_MANY side of a relation, which the Metadata API derives and the app declares. */
function inverseSdkField(field: FieldManifest): SdkField {
  const { target, inverseId, inverseName, inverseLabel } = relationParts(field);
  return {
    universalIdentifier: inverseId,
    objectUniversalIdentifier: target,
    type: FieldType.RELATION,
    name: inverseName,
    label: inverseLabel,
    icon: 'IconLink',
    relationTargetObjectMetadataUniversalIdentifier: field.objectUniversalIdentifier,
    relationTargetFieldMetadataUniversalIdentifier: field.universalIdentifier,
    universalSettings: { relationType: RelationType.ONE_TO_MANY },
  };
}

function toSdkObject({ fields, ...identity }: ObjectManifest): SdkObject {
  return {
    ...identity,
    fields: fields.map((field) => {
      const { objectUniversalIdentifier: _owner, ...objectField } = toSdkField(field);
      return objectField;
    }),
  };
}

const OBJECTS = new Map(TRACKFLOW_OBJECTS.map((object) => [object.universalIdentifier, toSdkObject(object)]));

/** Fields not inside one of our objects: the trackflow* fields on Twenty's objects and every inverse relation field. */
const STANDALONE_FIELDS = new Map(
  [...TRACKFLOW_STANDARD_FIELDS.map(toSdkField), ...TRACKFLOW_OBJECTS.flatMap((object) => object.fields.filter((field) => field.type === 'RELATION').map(inverseSdkField))].map((field) => [field.universalIdentifier, field]),
);

export const APP_OBJECT_IDS = [...OBJECTS.keys()];
export const APP_STANDALONE_FIELD_IDS = [...STANDALONE_FIELDS.keys()];

function lookUp<T>(entries: Map<string, T>, universalIdentifier: string, kind: string): T {
  const found = entries.get(universalIdentifier);
  if (!found) throw new Error(`custom-objects/ declares no ${kind} ${universalIdentifier}: run npm run generate again`);
  return found;
}

export const appObject = (universalIdentifier: string): SdkObject => lookUp(OBJECTS, universalIdentifier, 'object');
export const appField = (universalIdentifier: string): SdkField => lookUp(STANDALONE_FIELDS, universalIdentifier, 'standalone field');
