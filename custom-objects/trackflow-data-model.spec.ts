import { STANDARD_OBJECTS } from 'custom-objects/manifest.types';
import { TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS } from 'custom-objects/trackflow-data-model';
import { metadataNameFromLabel, metadataNameProblem } from 'custom-objects/twenty-names';

/** What Twenty puts on every custom object it creates (docs/twenty-contracts.md, M2): our fields must not take these names. */
const FIELDS_OF_EVERY_CUSTOM_OBJECT = ['id', 'name', 'createdAt', 'updatedAt', 'deletedAt', 'createdBy', 'updatedBy', 'position', 'searchVector', 'timelineActivities', 'favorites', 'attachments', 'noteTargets', 'taskTargets'];
/** The tag colours every supported Twenty accepts for a select option (M3). */
const OPTION_COLORS = ['green', 'turquoise', 'sky', 'blue', 'purple', 'pink', 'red', 'orange', 'yellow', 'gray'];

const STANDARD_NAMES = new Map<string, string>(Object.entries(STANDARD_OBJECTS).map(([name, id]) => [id, name]));

describe('TrackFlow data model for Twenty', () => {
  const fields = [...TRACKFLOW_OBJECTS.flatMap((object) => object.fields), ...TRACKFLOW_STANDARD_FIELDS];

  it('gives every object, field and inverse relation field a unique universal identifier the SDK accepts', () => {
    const inverseIds = fields.flatMap((field) => (field.relationTargetFieldMetadataUniversalIdentifier ? [field.relationTargetFieldMetadataUniversalIdentifier] : []));
    const ids = [...TRACKFLOW_OBJECTS.map((object) => object.universalIdentifier), ...fields.map((field) => field.universalIdentifier), ...inverseIds];
    expect(new Set(ids).size).toBe(ids.length);
    // twenty dev:build refuses identifiers that are not RFC 4122 UUIDs of version 4 or later.
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[4-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('uses names Twenty accepts as they are: valid, not reserved, unique per object, and none of the fields Twenty adds itself', () => {
    const names = [...TRACKFLOW_OBJECTS.flatMap((object) => [object.nameSingular, object.namePlural]), ...fields.map((field) => field.name), ...fields.flatMap((field) => (field.inverseName ? [field.inverseName] : []))];
    expect(names.map(metadataNameProblem).filter(Boolean)).toEqual([]);
    for (const object of TRACKFLOW_OBJECTS) {
      const own = object.fields.map((field) => field.name);
      const inverses = fields.filter((field) => field.relationTargetObjectMetadataUniversalIdentifier === object.universalIdentifier).map((field) => field.inverseName);
      expect(new Set([...own, ...inverses]).size).toBe(own.length + inverses.length);
      for (const name of [...own, ...inverses]) expect(FIELDS_OF_EVERY_CUSTOM_OBJECT).not.toContain(name);
    }
  });

  it('names every inverse relation field exactly as Twenty derives it from the label, so no version renames or refuses it', () => {
    for (const field of fields.filter((candidate) => candidate.type === 'RELATION')) {
      expect({ field: field.name, inverse: metadataNameFromLabel(field.inverseLabel ?? '') }).toEqual({ field: field.name, inverse: field.inverseName });
    }
  });

  it('would catch a reserved or malformed name', () => {
    expect(metadataNameProblem('links')).toBe('"links" is reserved by Twenty');
    expect(metadataNameFromLabel('Links')).toBe('links');
    expect(metadataNameProblem('Campaign')).toMatch(/must start with a lowercase letter/);
  });

  it('gives select options values, labels and colours every supported Twenty accepts', () => {
    for (const option of fields.flatMap((field) => field.options ?? [])) {
      expect(option.value).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(option.label).not.toContain(',');
      expect(OPTION_COLORS).toContain(option.color);
    }
  });

  it('declares select options and relations completely', () => {
    for (const field of fields) {
      if (field.type === 'SELECT') expect(field.options?.length).toBeGreaterThan(0);
      if (field.type === 'RELATION') {
        expect([field.relationTargetObjectMetadataUniversalIdentifier, field.relationTargetFieldMetadataUniversalIdentifier, field.inverseName, field.inverseLabel].every(Boolean)).toBe(true);
      }
    }
  });

  it('carries the trackflow* fields DESIGN.md names', () => {
    expect(TRACKFLOW_STANDARD_FIELDS.map((field) => `${STANDARD_NAMES.get(field.objectUniversalIdentifier)}.${field.name}`)).toEqual([
      'person.trackflowVisitorId',
      'person.trackflowSource',
      'person.trackflowMedium',
      'person.trackflowCampaign',
      'person.trackflowFirstTouchDate',
      'person.trackflowLastTouchDate',
      'person.trackflowTouchCount',
      'opportunity.trackflowAttributionModel',
      'opportunity.trackflowFirstTouchSource',
      'opportunity.trackflowLastTouchSource',
      'opportunity.trackflowMarketingInfluenced',
      'company.trackflowFirstTouchSource',
      'company.trackflowInfluencedRevenue',
    ]);
  });
});
