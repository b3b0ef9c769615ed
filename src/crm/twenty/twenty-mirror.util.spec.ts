import { campaignRecord, conversionRecord, dealAttributionRecord, linkRecord } from 'src/crm/twenty/twenty-mirror.util';

describe('Twenty mirror records', () => {
  it('gives a campaign its money as currency composites and its calendar dates as midnight UTC', () => {
    expect(
      campaignRecord({
        id: 'c1', name: 'Spring', campaign_type: 'EMAIL', status: 'ACTIVE', start_date: '2026-03-01', end_date: null, source: 'newsletter', medium: 'email',
        budget_micros: '1500500000', currency_code: 'EUR', total_clicks: '12', unique_visitors: '7', revenue_micros: '99999999999999999',
      }),
    ).toEqual({
      id: 'c1', name: 'Spring', campaignType: 'EMAIL', status: 'ACTIVE', startDate: '2026-03-01T00:00:00.000Z', endDate: null, source: 'newsletter', medium: 'email',
      budget: { amountMicros: 1_500_500_000, currencyCode: 'EUR' },
      totalClicks: 12,
      uniqueVisitors: 7,
      // Beyond 2^53 micros travel as digits, which Twenty's BigFloat takes, rather than a rounded number.
      revenue: { amountMicros: '99999999999999999', currencyCode: 'EUR' },
      trackflowId: 'c1',
    });
  });

  it("builds a link's short URL and QR code from its domain, reads a past expiry as EXPIRED, and drops a deleted campaign", () => {
    const base = {
      id: 'l1', campaign_id: 'c1', campaign_alive: false, short_code: 'abc123', title: null, destination_url: 'https://example.com/', status: 'ACTIVE',
      expiry_date: new Date('2020-01-01T00:00:00Z'), click_count: '3', unique_visitor_count: '2', last_click: null, domain: 'go.example.com', ssl_enabled: true, default_shortlink_domain: null,
    };
    expect(linkRecord(base, 'http://localhost:3300')).toMatchObject({
      name: 'abc123',
      shortUrl: { primaryLinkUrl: 'https://go.example.com/r/abc123' },
      qrCode: { primaryLinkUrl: 'https://go.example.com/r/abc123/qr.png' },
      status: 'EXPIRED',
      campaignId: null,
    });
    expect(linkRecord({ ...base, domain: null, expiry_date: null, campaign_alive: true }, 'http://localhost:3300')).toMatchObject({
      shortUrl: { primaryLinkUrl: 'http://localhost:3300/r/abc123' },
      status: 'ACTIVE',
      campaignId: 'c1',
    });
  });

  it("names conversions and attributions the way staff read them in Twenty's lists", () => {
    expect(
      conversionRecord({ id: 'v1', conversion_type: 'form_submission', visitor_id: 'x', person_id: 'p', value_micros: '0', currency_code: 'USD', conversion_date: new Date('2026-11-02T08:00:00Z'), tracked_link_id: null }),
    ).toMatchObject({ name: 'Form submission 2026-11-02', conversionType: 'FORM_SUBMISSION', value: { amountMicros: 0, currencyCode: 'USD' } });
    expect(
      dealAttributionRecord({
        id: 'a1', opportunity_id: 'o', model_type: 'LINEAR', channel: 'Email', touchpoint_source: 'newsletter', touchpoint_medium: 'email', touchpoint_campaign: null,
        touchpoint_timestamp: new Date('2026-11-01T00:00:00Z'), attribution_weight: 0.5, attributed_value_micros: '500', currency_code: 'USD', position_in_journey: 'first',
        days_to_conversion: '3.5000', tracked_link_id: null, campaign_id: null,
      }),
    ).toMatchObject({ name: 'Email / newsletter', positionInJourney: 'FIRST', daysToConversion: 3.5, attributedValue: { amountMicros: 500, currencyCode: 'USD' } });
  });
});
