import { STANDARD_OBJECTS } from 'custom-objects/manifest.types';
import { TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS } from 'custom-objects/trackflow-data-model';

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

  it('uses camelCase names, unique per object, and none of the fields Twenty already has', () => {
    for (const object of TRACKFLOW_OBJECTS) {
      expect(object.nameSingular).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      const names = object.fields.map((field) => field.name);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) {
        expect(name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(['id', 'name', 'createdAt', 'updatedAt', 'deletedAt']).not.toContain(name);
      }
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
