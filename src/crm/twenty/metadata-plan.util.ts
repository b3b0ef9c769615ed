import { FieldManifest, ObjectManifest, STANDARD_OBJECTS, TwentyFieldType } from 'custom-objects/manifest.types';

/** A workspace's metadata as the Metadata API lists it. */
export interface CurrentObject {
  id: string;
  nameSingular: string;
  fields: { name: string; type: string }[];
}

export type PlanStep =
  | { kind: 'createObject'; object: ObjectManifest }
  | { kind: 'createField'; objectName: string; field: FieldManifest }
  | { kind: 'createRelation'; objectName: string; targetObjectName: string; field: FieldManifest };

interface FieldConflict {
  objectName: string;
  fieldName: string;
  declaredType: TwentyFieldType;
  existingType: string;
}

export interface MetadataPlan {
  /** In dependency order: objects, then plain fields, then relations (both ends exist by then). */
  steps: PlanStep[];
  /** Same name, another type: reported, never overwritten. */
  conflicts: FieldConflict[];
  /** What is already there as declared. */
  unchanged: number;
}

const STANDARD_NAMES: Record<string, string> = Object.fromEntries(Object.entries(STANDARD_OBJECTS).map(([name, id]) => [id, name]));

/**
 * What installing the declarations into a workspace must do. Objects and fields are matched by
 * name, so objects the Twenty app already installed (same names) are recognised; nothing that
 * exists is changed or dropped, and running the plan twice does nothing the second time.
 */
export function computeMetadataPlan(objects: readonly ObjectManifest[], standardFields: readonly FieldManifest[], current: readonly CurrentObject[]): MetadataPlan {
  const byName = new Map(current.map((object) => [object.nameSingular, object]));
  const nameOf = (universalIdentifier: string) => STANDARD_NAMES[universalIdentifier] ?? objects.find((object) => object.universalIdentifier === universalIdentifier)?.nameSingular;
  const createObjects: PlanStep[] = [];
  const createFields: PlanStep[] = [];
  const createRelations: PlanStep[] = [];
  const conflicts: FieldConflict[] = [];
  let unchanged = 0;

  for (const object of objects) {
    if (byName.has(object.nameSingular)) unchanged += 1;
    else createObjects.push({ kind: 'createObject', object });
  }
  for (const field of [...objects.flatMap((object) => object.fields), ...standardFields]) {
    const objectName = nameOf(field.objectUniversalIdentifier);
    if (!objectName) throw new Error(`field ${field.name} belongs to an undeclared object ${field.objectUniversalIdentifier}`);
    const existing = byName.get(objectName)?.fields.find((candidate) => candidate.name === field.name);
    if (existing) {
      if (existing.type === field.type) unchanged += 1;
      else conflicts.push({ objectName, fieldName: field.name, declaredType: field.type, existingType: existing.type });
      continue;
    }
    if (field.type === 'RELATION') {
      const targetObjectName = nameOf(field.relationTargetObjectMetadataUniversalIdentifier ?? '');
      if (!targetObjectName) throw new Error(`relation ${objectName}.${field.name} targets an undeclared object`);
      createRelations.push({ kind: 'createRelation', objectName, targetObjectName, field });
    } else {
      createFields.push({ kind: 'createField', objectName, field });
    }
  }
  return { steps: [...createObjects, ...createFields, ...createRelations], conflicts, unchanged };
}
