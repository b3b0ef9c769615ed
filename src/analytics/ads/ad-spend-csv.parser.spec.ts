import { parseAdSpendCsv } from 'src/analytics/ads/ad-spend-csv.parser';
import { ValidationFailure } from 'src/common/errors/validation-failure';

describe('parseAdSpendCsv', () => {
  it('reads rows under export spellings, in any column order, campaign-level rows included', () => {
    const csv = [
      'Day,Campaign ID,Campaign name,Ad Set ID,Ad Set Name,Ad ID,Ad name,Impressions,Link clicks,Amount spent,Currency',
      '2026-10-01,c1,Autumn,as1,Women,ad1,"Coat, red",1000,40,12.50,eur',
      '2026-10-01,c1,Autumn,,,,,,,3,EUR',
    ].join('\n');
    const parsed = parseAdSpendCsv(csv, 'USD');
    expect(parsed.badRows).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, date: '2026-10-01', campaignId: 'c1', campaignName: 'Autumn', adsetId: 'as1', adsetName: 'Women', adId: 'ad1', adName: 'Coat, red', placement: null, impressions: 1000, clicks: 40, spendMicros: 12_500_000n, currencyCode: 'EUR' },
      { line: 3, date: '2026-10-01', campaignId: 'c1', campaignName: 'Autumn', adsetId: null, adsetName: null, adId: null, adName: null, placement: null, impressions: 0, clicks: 0, spendMicros: 3_000_000n, currencyCode: 'EUR' },
    ]);
  });

  it('takes ; with decimal commas and tabs, and the default currency', () => {
    expect(parseAdSpendCsv('date;campaign_id;spend\n2026-10-02;c2;7,25\n', 'GBP').rows[0]).toMatchObject({ spendMicros: 7_250_000n, currencyCode: 'GBP' });
    expect(parseAdSpendCsv('date\tcampaign_id\tcost\r\n2026-10-02\tc2\t1\r\n', 'USD').rows[0]).toMatchObject({ campaignId: 'c2', spendMicros: 1_000_000n });
  });

  it('lists every bad row with its line and reason and keeps the good ones', () => {
    const csv = [
      'date,campaign_id,adset_id,ad_id,impressions,clicks,spend',
      '2026-10-01,c1,as1,ad1,10,1,1.00',
      '2026-13-01,c1,as1,ad1,10,1,1.00',
      '2026-10-01,,as1,ad1,10,1,1.00',
      '2026-10-01,c1,as1,ad2,ten,1,1.00',
      '2026-10-01,c1,as1,ad3,10,1,-2',
      '2026-10-01,c1,as1,ad4,10,1,abc',
      '2026-10-01,c1,as1,ad1,10,1,1.00',
      '2026-10-01,c1,as1',
      '',
      '"2026-10-02",c1,as1,ad1,10,1,"2.00"',
    ].join('\n');
    const parsed = parseAdSpendCsv(csv, 'USD');
    expect(parsed.rows.map((row) => [row.line, row.date, row.adId])).toEqual([
      [2, '2026-10-01', 'ad1'],
      [11, '2026-10-02', 'ad1'],
    ]);
    expect(parsed.badRows).toEqual([
      { line: 3, reason: 'date: must be a calendar date written YYYY-MM-DD' },
      { line: 4, reason: 'campaign_id: is required' },
      { line: 5, reason: 'impressions: must be a whole number, 0 or more, got "ten"' },
      { line: 6, reason: 'spend: must not be negative' },
      { line: 7, reason: 'spend: must be a decimal amount with at most 13 integer digits and 6 decimals, e.g. 1500.50' },
      { line: 8, reason: 'repeats the day, campaign, adset and ad of line 2' },
      { line: 9, reason: 'expected 7 fields, found 3' },
    ]);
  });

  it('refuses a header without the needed columns', () => {
    expect(() => parseAdSpendCsv('date,campaign,cost\n', 'USD')).toThrow(new ValidationFailure('header', 'missing column campaign_id (found "date", "campaign", "cost")'));
    expect(() => parseAdSpendCsv('', 'USD')).toThrow(ValidationFailure);
    expect(() => parseAdSpendCsv('date,campaign_id,spend,cost\n', 'USD')).toThrow(/two columns mean spend/);
  });
});
