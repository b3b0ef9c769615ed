import { TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS } from 'custom-objects/trackflow-data-model';

describe('TrackFlow data model for Twenty', () => {
  const fields = [...TRACKFLOW_OBJECTS.flatMap((object) => object.fields), ...TRACKFLOW_STANDARD_FIELDS];

  it('gives every object and field a unique universal identifier', () => {
    const ids = [...TRACKFLOW_OBJECTS.map((object) => object.universalIdentifier), ...fields.map((field) => field.universalIdentifier)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
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
      if (field.type === 'RELATION') expect([field.relationTargetObjectMetadataUniversalIdentifier, field.inverseName, field.inverseLabel].every(Boolean)).toBe(true);
    }
  });

  it('carries the trackflow* fields DESIGN.md names', () => {
    expect(TRACKFLOW_STANDARD_FIELDS.map((field) => `${field.objectUniversalIdentifier.replace('standard:', '')}.${field.name}`)).toEqual([
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
