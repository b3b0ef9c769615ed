import { ObjectManifest } from 'custom-objects/manifest.types';
import { TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS } from 'custom-objects/trackflow-data-model';
import { computeMetadataPlan, CurrentObject, PlanStep } from 'src/crm/twenty/metadata-plan.util';

const STANDARD: CurrentObject[] = [
  { id: 'o-person', nameSingular: 'person', fields: [{ name: 'name', type: 'FULL_NAME' }, { name: 'emails', type: 'EMAILS' }] },
  { id: 'o-opportunity', nameSingular: 'opportunity', fields: [{ name: 'amount', type: 'CURRENCY' }] },
  { id: 'o-company', nameSingular: 'company', fields: [{ name: 'name', type: 'TEXT' }] },
];

/** What the Metadata API would hold after the steps: a relation also adds its inverse field on the target. */
function apply(current: CurrentObject[], steps: PlanStep[]): CurrentObject[] {
  const next = current.map((object) => ({ ...object, fields: [...object.fields] }));
  const find = (name: string) => next.find((object) => object.nameSingular === name) as CurrentObject;
  for (const step of steps) {
    if (step.kind === 'createObject') next.push({ id: `o-${step.object.nameSingular}`, nameSingular: step.object.nameSingular, fields: [] });
    else if (step.kind === 'createField') find(step.objectName).fields.push({ name: step.field.name, type: step.field.type });
    else {
      find(step.objectName).fields.push({ name: step.field.name, type: 'RELATION' });
      find(step.targetObjectName).fields.push({ name: step.field.inverseName as string, type: 'RELATION' });
    }
  }
  return next;
}

describe('computeMetadataPlan', () => {
  it('creates everything on a fresh workspace, objects first, relations last', () => {
    const plan = computeMetadataPlan(TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS, STANDARD);
    const kinds = plan.steps.map((step) => step.kind);
    expect(kinds.filter((kind) => kind === 'createObject')).toHaveLength(6);
    expect(kinds.lastIndexOf('createObject')).toBeLessThan(kinds.indexOf('createField'));
    expect(kinds.lastIndexOf('createField')).toBeLessThan(kinds.indexOf('createRelation'));
    expect(plan.steps.filter((step) => step.kind === 'createRelation').map((step) => step.kind === 'createRelation' && `${step.objectName}.${step.field.name} → ${step.targetObjectName}`)).toEqual([
      'trackflowLink.campaign → trackflowCampaign',
      'trackflowLinkVariant.trackedLink → trackflowLink',
      'trackflowConversion.person → person',
      'trackflowConversion.trackedLink → trackflowLink',
      'trackflowDealAttribution.opportunity → opportunity',
      'trackflowDealAttribution.campaign → trackflowCampaign',
      'trackflowDealAttribution.trackedLink → trackflowLink',
    ]);
    expect(plan.steps.some((step) => step.kind === 'createField' && step.objectName === 'person' && step.field.name === 'trackflowVisitorId')).toBe(true);
    expect(plan.conflicts).toEqual([]);
  });

  it('does nothing the second time', () => {
    const first = computeMetadataPlan(TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS, STANDARD);
    const second = computeMetadataPlan(TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS, apply(STANDARD, first.steps));
    expect(second.steps).toEqual([]);
    expect(second.unchanged).toBe(first.steps.filter((step) => step.kind !== 'createObject').length + 6);
  });

  it('finishes a half-done install and reports a field of another type as a conflict without touching it', () => {
    const full = computeMetadataPlan(TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS, STANDARD);
    const half = apply(STANDARD, full.steps.slice(0, 10));
    half.find((object) => object.nameSingular === 'person')?.fields.push({ name: 'trackflowTouchCount', type: 'TEXT' });
    const plan = computeMetadataPlan(TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS, half);
    expect(plan.steps).toHaveLength(full.steps.length - 10 - 1);
    expect(plan.conflicts).toEqual([{ objectName: 'person', fieldName: 'trackflowTouchCount', declaredType: 'NUMBER', existingType: 'TEXT' }]);
  });

  it('refuses declarations that point at an undeclared object', () => {
    const broken: ObjectManifest = { ...TRACKFLOW_OBJECTS[0], fields: [{ ...TRACKFLOW_OBJECTS[0].fields[0], type: 'RELATION', relationTargetObjectMetadataUniversalIdentifier: 'nowhere' }] };
    expect(() => computeMetadataPlan([broken], [], STANDARD)).toThrow('targets an undeclared object');
  });
});
