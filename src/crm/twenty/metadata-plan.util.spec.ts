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
    else if (step.kind === 'createField') find(step.objectName).fields.push({ id: `f-${step.field.name}`, name: step.field.name, type: step.field.type, options: step.field.options?.map((option) => ({ ...option, id: `${step.field.name}-${option.value}` })) });
    else if (step.kind === 'addOptions') {
      const field = find(step.objectName).fields.find((candidate) => candidate.name === step.fieldName);
      if (field) field.options = step.options.map((option) => ({ ...option, id: option.id ?? `${step.fieldName}-${option.value}` }));
    } else {
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

  it('adds to an existing select the options a newer TrackFlow declares, keeping every option Twenty holds with its id', () => {
    const installed = apply(STANDARD, computeMetadataPlan(TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS, STANDARD).steps);
    const model = installed.find((object) => object.nameSingular === 'trackflowDealAttribution')?.fields.find((field) => field.name === 'modelType');
    if (!model?.options) throw new Error('the install declares trackflowDealAttribution.modelType as a select');
    // An install made before the milestone models, where a user also added an option of their own in Twenty.
    model.options = [...model.options.filter((option) => !['U_SHAPED', 'W_SHAPED', 'FULL_PATH', 'CUSTOM_MILESTONE'].includes(option.value)), { id: 'user-option', value: 'OFFLINE', label: 'Offline', position: 40, color: 'gray' }];
    const before = model.options;

    const plan = computeMetadataPlan(TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS, installed);
    expect(plan.conflicts).toEqual([]);
    expect(plan.steps).toHaveLength(1);
    const [step] = plan.steps;
    if (step.kind !== 'addOptions') throw new Error(`expected addOptions, got ${step.kind}`);
    expect(step).toMatchObject({ objectName: 'trackflowDealAttribution', fieldName: 'modelType', fieldId: model.id, added: ['U_SHAPED', 'W_SHAPED', 'FULL_PATH', 'CUSTOM_MILESTONE'] });
    expect(step.options.slice(0, before.length)).toEqual(before);
    // Positions continue after the highest one Twenty holds (the user's 40), since Twenty refuses a position twice.
    expect(step.options.slice(before.length).map((option) => [option.value, option.position, option.id])).toEqual([['U_SHAPED', 41, undefined], ['W_SHAPED', 42, undefined], ['FULL_PATH', 43, undefined], ['CUSTOM_MILESTONE', 44, undefined]]);

    expect(computeMetadataPlan(TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS, apply(installed, plan.steps)).steps).toEqual([]);

    // The same field installed by the TrackFlow app carries our identifier: the app's upgrade adds the options, not the Metadata API.
    const declared = TRACKFLOW_OBJECTS.find((object) => object.nameSingular === 'trackflowDealAttribution')?.fields.find((field) => field.name === 'modelType');
    model.universalIdentifier = declared?.universalIdentifier;
    expect(computeMetadataPlan(TRACKFLOW_OBJECTS, TRACKFLOW_STANDARD_FIELDS, installed).steps).toEqual([]);
  });
});
