import { FieldManifest } from 'custom-objects/manifest.types';
import { TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS } from 'custom-objects/trackflow-data-model';
import type { AppManifest, ManifestField } from './standin-metadata';

/** The TrackFlow app's universal identifier (ui-extension/src/application.config.ts). */
const TRACKFLOW_APP_ID = 'e83b04f7-5ebf-455e-9eae-0105e78cd583';

function manifestField(field: FieldManifest, relationType?: 'MANY_TO_ONE' | 'ONE_TO_MANY'): ManifestField {
  return {
    universalIdentifier: field.universalIdentifier,
    objectUniversalIdentifier: field.objectUniversalIdentifier,
    name: field.name,
    label: field.label,
    type: field.type,
    ...(field.options ? { options: field.options } : {}),
    ...(field.type === 'RELATION'
      ? { relationTargetObjectMetadataUniversalIdentifier: field.relationTargetObjectMetadataUniversalIdentifier, relationTargetFieldMetadataUniversalIdentifier: field.relationTargetFieldMetadataUniversalIdentifier, universalSettings: { relationType } }
      : {}),
  };
}

/**
 * The data-model part of the manifest `twenty dev:build` writes for ui-extension/ (objects with
 * their fields, and standalone fields: the trackflow* fields and each relation's inverse side),
 * derived from custom-objects/ as ui-extension/src/data-model/app-data-model.ts derives it. The
 * app's own test compares this with its real build output, so the stand-in installs what Twenty
 * would be handed.
 */
export function trackflowAppManifest(): AppManifest {
  const inverses = TRACKFLOW_OBJECTS.flatMap((object) => object.fields.filter((field) => field.type === 'RELATION')).map(
    (field): ManifestField => ({
      universalIdentifier: field.relationTargetFieldMetadataUniversalIdentifier as string,
      objectUniversalIdentifier: field.relationTargetObjectMetadataUniversalIdentifier,
      name: field.inverseName as string,
      label: field.inverseLabel as string,
      type: 'RELATION',
      relationTargetObjectMetadataUniversalIdentifier: field.objectUniversalIdentifier,
      relationTargetFieldMetadataUniversalIdentifier: field.universalIdentifier,
      universalSettings: { relationType: 'ONE_TO_MANY' },
    }),
  );
  return {
    application: { universalIdentifier: TRACKFLOW_APP_ID },
    objects: TRACKFLOW_OBJECTS.map(({ universalIdentifier, nameSingular, namePlural, labelSingular, labelPlural, fields }) => ({
      universalIdentifier,
      nameSingular,
      namePlural,
      labelSingular,
      labelPlural,
      fields: fields.map((field) => {
        const { objectUniversalIdentifier: _owner, ...inObject } = manifestField(field, 'MANY_TO_ONE');
        return inObject;
      }),
    })),
    fields: [...TRACKFLOW_STANDARD_FIELDS.map((field) => manifestField(field)), ...inverses],
  };
}
