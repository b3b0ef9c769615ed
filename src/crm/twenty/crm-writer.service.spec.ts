import { CrmWriter } from 'src/crm/twenty/crm-writer.service';
import { TwentyOutboxService } from 'src/crm/twenty/twenty-outbox.service';

function writerWithOutbox() {
  const outbox = { updateRecord: jest.fn().mockResolvedValue(undefined), dropPendingUpdates: jest.fn().mockResolvedValue(undefined), upsertPerson: jest.fn().mockResolvedValue(undefined) };
  return { writer: new CrmWriter(outbox as unknown as TwentyOutboxService), outbox };
}

const rollup = { firstTouchSource: 'newsletter', influencedRevenueMicros: 12_500_000n, currencyCode: 'EUR' };

describe('CrmWriter', () => {
  it("sends only the fields the record does not hold yet, to Twenty's REST object, and counts them", async () => {
    const { writer, outbox } = writerWithOutbox();
    const attribution = { modelName: 'Linear', firstTouchSource: 'newsletter', lastTouchSource: 'Direct', marketingInfluenced: true };
    const written = { trackflowAttributionModel: 'Linear', trackflowFirstTouchSource: 'newsletter', trackflowMarketingInfluenced: true };
    await expect(writer.updateOpportunityAttribution('w1', 'o1', attribution, written)).resolves.toBe(1);
    expect(outbox.updateRecord).toHaveBeenCalledWith({ workspaceId: 'w1', plural: 'opportunities', recordId: 'o1', data: { trackflowLastTouchSource: 'Direct' } });
  });

  it('sends nothing for the echo of its own write', async () => {
    const { writer, outbox } = writerWithOutbox();
    await expect(writer.updateCompanyRollup('w1', 'c1', rollup, { trackflowFirstTouchSource: 'newsletter', trackflowInfluencedRevenue: { amountMicros: '12500000', currencyCode: 'EUR' } })).resolves.toBe(0);
    expect(outbox.updateRecord).not.toHaveBeenCalled();
  });

  it('sends every field of a rollup known to have changed', async () => {
    const { writer, outbox } = writerWithOutbox();
    await writer.updateCompanyRollup('w1', 'c1', rollup);
    expect(outbox.updateRecord).toHaveBeenCalledWith({
      workspaceId: 'w1',
      plural: 'companies',
      recordId: 'c1',
      data: { trackflowFirstTouchSource: 'newsletter', trackflowInfluencedRevenue: { amountMicros: 12_500_000, currencyCode: 'EUR' } },
    });
  });

  it('clears every trackflow field of an erased person', async () => {
    const { writer, outbox } = writerWithOutbox();
    await writer.clearPersonAttribution('w1', 'p1');
    expect(outbox.updateRecord).toHaveBeenCalledWith({
      workspaceId: 'w1',
      plural: 'people',
      recordId: 'p1',
      data: { trackflowVisitorId: null, trackflowSource: null, trackflowMedium: null, trackflowCampaign: null, trackflowFirstTouchDate: null, trackflowLastTouchDate: null, trackflowTouchCount: 0 },
    });
  });

  it("forgets what waits for a deleted record under its REST object, and queues a lead form's person", async () => {
    const { writer, outbox } = writerWithOutbox();
    await writer.forgetRecord('w1', 'person', 'p1');
    expect(outbox.dropPendingUpdates).toHaveBeenCalledWith('w1', 'people', 'p1');
    await writer.upsertLead('w1', { email: 'ada@example.com', firstName: 'Ada', lastName: 'L', visitorId: null });
    expect(outbox.upsertPerson).toHaveBeenCalledWith({ workspaceId: 'w1', email: 'ada@example.com', firstName: 'Ada', lastName: 'L', visitorId: null });
  });
});
