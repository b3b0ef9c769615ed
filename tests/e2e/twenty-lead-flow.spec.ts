import { TestServer } from 'tests/support/test-server';
import { ConnectedWorkspace, newsletterVisitor, settle, startConnectedWorkspace, stopConnectedWorkspace } from 'tests/support/twenty-connected';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';

/** Click → person created in Twenty with the visitor id → lead attributed → fields written back, once. */
describe('a lead from a short link, through Twenty and back', () => {
  let connected: ConnectedWorkspace;
  let server: TestServer;
  let twenty: TwentyStandIn;

  beforeAll(async () => {
    connected = await startConnectedWorkspace('lead-flow');
    ({ server, twenty } = connected);
  });
  afterAll(() => stopConnectedWorkspace(connected));

  it('writes the lead fields to the person, and the echo of that write changes nothing', async () => {
    const deliveriesBefore = twenty.deliveries.length;
    const visitorId = await newsletterVisitor(connected);
    // The link reaches Twenty (after its batch window) before the visitor becomes a person there.
    await settle(connected);

    const created = await twenty.asUser('POST', '/rest/people', { name: { firstName: 'Ann', lastName: 'Lee' }, emails: { primaryEmail: 'ann@example.com' }, trackflowVisitorId: visitorId });
    expect(created.status).toBe(201);
    const personId = ((await created.json()) as { data: { createPerson: { id: string } } }).data.createPerson.id;
    await settle(connected);

    expect(twenty.records.get('people')?.get(personId)).toMatchObject({
      trackflowVisitorId: visitorId,
      trackflowSource: 'newsletter',
      trackflowMedium: 'email',
      trackflowCampaign: 'spring',
      trackflowTouchCount: 1,
      trackflowFirstTouchDate: expect.any(String),
    });
    expect(twenty.deliveries.slice(deliveriesBefore).map((delivery) => [delivery.eventName, delivery.status])).toEqual([
      ['trackflowLink.created', 200],
      ['person.created', 200],
      // The workspace's default model, made on its first attribution, is mirrored like any model.
      ['trackflowAttributionModel.created', 200],
      ['person.updated', 200],
      ['trackflowConversion.created', 200],
    ]);
    expect(twenty.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
    const conversions = await server.dataSource.query(`SELECT conversion_type FROM trackflow.conversion WHERE person_id = $1`, [personId]);
    expect(conversions).toEqual([{ conversion_type: 'lead' }]);
    // The lead's Conversion is mirrored into Twenty under its TrackFlow id, linked to the person and the clicked link.
    const [conversion] = await server.dataSource.query(`SELECT id FROM trackflow.conversion WHERE person_id = $1`, [personId]);
    expect(twenty.records.get('trackflowConversions')?.get(conversion.id)).toMatchObject({ conversionType: 'LEAD', personId, trackflowId: conversion.id, trackedLinkId: expect.any(String) });
  });
});
