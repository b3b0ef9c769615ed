import { FieldManifest, ObjectManifest, SelectOption, STANDARD_OBJECTS, TwentyFieldType } from 'custom-objects/manifest.types';

/** A select option as Twenty holds it: its id is what Twenty matches an update's options by (M8). */
export type CurrentOption = SelectOption & { id: string };

/** A workspace's metadata as the Metadata API lists it. */
export interface CurrentObject {
  id: string;
  nameSingular: string;
  fields: { id?: string; name: string; type: string; universalIdentifier?: string | null; options?: CurrentOption[] | null }[];
}

export type PlanStep =
  | { kind: 'createObject'; object: ObjectManifest }
  | { kind: 'createField'; objectName: string; field: FieldManifest }
  | { kind: 'createRelation'; objectName: string; targetObjectName: string; field: FieldManifest }
  /** Twenty replaces a select's options with the list sent (M8), so `options` is the whole new list: every existing option as it is, then the missing ones. */
  | { kind: 'addOptions'; objectName: string; fieldName: string; fieldId: string; added: string[]; options: (SelectOption & { id?: string })[] };

interface FieldConflict {
  objectName: string;
  fieldName: string;
  declaredType: TwentyFieldType;
  existingType: string;
}

export interface MetadataPlan {
  /** In dependency order: objects, then plain fields, then options added to existing selects, then relations (both ends exist by then). */
  steps: PlanStep[];
  /** Same name, another type: reported, never overwritten. */
  conflicts: FieldConflict[];
  /** What is already there as declared. */
  unchanged: number;
}

const STANDARD_NAMES: Record<string, string> = Object.fromEntries(Object.entries(STANDARD_OBJECTS).map(([name, id]) => [id, name]));

/**
 * The existing options followed by the declared ones Twenty lacks, placed after the last position
 * (Twenty refuses duplicated positions, M8); null when nothing is missing. Options a user added
 * in Twenty stay, since removing one would empty the records holding it.
 */
function withMissingOptions(existing: readonly CurrentOption[], declared: readonly SelectOption[]): { added: string[]; options: (SelectOption & { id?: string })[] } | null {
  const held = new Set(existing.map((option) => option.value));
  const missing = declared.filter((option) => !held.has(option.value));
  if (missing.length === 0) return null;
  const lastPosition = Math.max(-1, ...existing.map((option) => option.position));
  return { added: missing.map((option) => option.value), options: [...existing, ...missing.map((option, index) => ({ ...option, position: lastPosition + 1 + index }))] };
}

/**
 * What installing the declarations into a workspace must do. Objects and fields are matched by
 * name, so objects the Twenty app already installed (same names) are recognised; nothing that
 * exists is changed or dropped (a select only gains the options a newer TrackFlow declares), and
 * running the plan twice does nothing the second time.
 */
export function computeMetadataPlan(objects: readonly ObjectManifest[], standardFields: readonly FieldManifest[], current: readonly CurrentObject[]): MetadataPlan {
  const byName = new Map(current.map((object) => [object.nameSingular, object]));
  const nameOf = (universalIdentifier: string) => STANDARD_NAMES[universalIdentifier] ?? objects.find((object) => object.universalIdentifier === universalIdentifier)?.nameSingular;
  const createObjects: PlanStep[] = [];
  const createFields: PlanStep[] = [];
  const createRelations: PlanStep[] = [];
  const addOptions: PlanStep[] = [];
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
      // A field the TrackFlow app installed carries our identifier and gains its options from the app's own upgrade (M7).
      const appInstalled = existing.universalIdentifier === field.universalIdentifier;
      const missing = !appInstalled && existing.type === field.type && field.options && existing.id && existing.options ? withMissingOptions(existing.options, field.options) : null;
      if (missing) addOptions.push({ kind: 'addOptions', objectName, fieldName: field.name, fieldId: existing.id as string, ...missing });
      else if (existing.type === field.type) unchanged += 1;
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
  return { steps: [...createObjects, ...createFields, ...addOptions, ...createRelations], conflicts, unchanged };
}
