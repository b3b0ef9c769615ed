import { readCsvRecords } from 'src/common/csv/csv-records.util';
import { googleAdsFile, googleAdsTime } from 'src/attribution/exports/google-ads-format.util';
import { linkedInFile } from 'src/attribution/exports/linkedin-format.util';
import { metaFbc, metaFile } from 'src/attribution/exports/meta-format.util';
import { microsoftAdsFile, microsoftAdsTime } from 'src/attribution/exports/microsoft-ads-format.util';
import { hashedEmail, OfflineConversionRow, platformCredit } from 'src/attribution/exports/offline-conversion.util';
import { offlineConversionFile } from 'src/attribution/exports/offline-conversion-formats.util';

const row = (overrides: Partial<OfflineConversionRow> = {}): OfflineConversionRow => ({
  conversionId: 'conv-1',
  kind: 'deal',
  clickId: 'CLICK',
  clickedAt: new Date('2020-03-30T10:00:00Z'),
  convertedAt: new Date('2020-04-01T18:50:54Z'),
  valueMicros: 10_000_000n,
  currencyCode: 'USD',
  email: null,
  conversionName: 'Won deal',
  ...overrides,
});
const lines = (file: string): string[][] => readCsvRecords(file, [',']).records.filter((record) => record.fields.join('') !== '').map((record) => record.fields);

// SHA-256("abc") = ba7816bf…15ad is the FIPS 180-2 published test vector (NIST, appendix B.1); the
// platforms ask for the hash of the trimmed, lower-cased address, so " ABC " must hash as "abc".
const SHA256_OF_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('Google Ads click-conversion import', () => {
  it('has the template columns and the documented time format', () => {
    // developers.google.com/google-ads/api/reference/rpc/…/ClickConversion: conversion_date_time is
    // "yyyy-mm-dd hh:mm:ss+|-hh:mm", for example "2019-01-01 12:32:45-08:00".
    expect(googleAdsTime(new Date('2019-01-01T20:32:45Z'), -480)).toBe('2019-01-01 12:32:45-08:00');
    expect(googleAdsTime(new Date('2019-01-01T20:32:45Z'))).toBe('2019-01-01 20:32:45+00:00');
    expect(googleAdsTime(new Date('2019-01-01T20:32:45Z'), 330)).toBe('2019-01-02 02:02:45+05:30');
    const file = googleAdsFile([row({ clickId: 'Cj0KCQ-x_1', valueMicros: 1_500_250_000n, currencyCode: 'EUR' })]);
    // support.google.com/google-ads/answer/7014069: the template's header row starts "Google Click ID".
    expect(lines(file)).toEqual([
      ['Google Click ID', 'Conversion Name', 'Conversion Time', 'Conversion Value', 'Conversion Currency'],
      ['Cj0KCQ-x_1', 'Won deal', '2020-04-01 18:50:54+00:00', '1500.25', 'EUR'],
    ]);
    expect(file.startsWith('Google Click ID,')).toBe(true);
  });
});

describe('Meta offline events (Conversions API parameters)', () => {
  it('writes fbc as Meta documents it', () => {
    // developers.facebook.com/docs/marketing-api/conversions-api/parameters/fbp-and-fbc:
    // fbc = fb.1.1554763741205.AbCdEfGhIjKlMnOpQrStUvWxYz1234567890 (version.subdomainIndex.creationTime.fbclid).
    expect(metaFbc('AbCdEfGhIjKlMnOpQrStUvWxYz1234567890', new Date(1554763741205))).toBe('fb.1.1554763741205.AbCdEfGhIjKlMnOpQrStUvWxYz1234567890');
  });

  it('hashes the normalised address and writes unix seconds', () => {
    expect(hashedEmail('  ABC ')).toBe(SHA256_OF_ABC);
    expect(hashedEmail(null)).toBe('');
    const file = metaFile([row({ email: ' ABC', clickId: 'IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk' }), row({ kind: 'lead', valueMicros: 0n })]);
    expect(lines(file)).toEqual([
      ['event_name', 'event_time', 'action_source', 'em', 'fbc', 'value', 'currency'],
      ['Purchase', '1585767054', 'system_generated', SHA256_OF_ABC, 'fb.1.1585562400000.IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMgk', '10', 'USD'],
      ['Lead', '1585767054', 'system_generated', '', 'fb.1.1585562400000.CLICK', '0', 'USD'],
    ]);
  });
});

describe('Microsoft Advertising bulk offline conversions', () => {
  it('matches the published example line for line', () => {
    // learn.microsoft.com/advertising/bulk-service/offline-conversion (bingads-13), "The following Bulk CSV example would add a new offline conversion":
    // Type,Status,Id,Parent Id,Client Id,Name,Conversion Currency Code,Conversion Name,Conversion Time,Conversion Value,Microsoft Click Id
    // Format Version,,,,,6.0,,,,,
    // Offline Conversion,,,,ClientIdGoesHere,,USD,My Goal Name,4/1/2020 6:50:54 PM,10,f894f652ea334e739002f7167ab8f8e3
    const file = microsoftAdsFile([row({ conversionId: 'ClientIdGoesHere', conversionName: 'My Goal Name', clickId: 'f894f652ea334e739002f7167ab8f8e3' })]);
    expect(file).toBe(
      'Type,Status,Id,Parent Id,Client Id,Name,Conversion Currency Code,Conversion Name,Conversion Time,Conversion Value,Microsoft Click Id\r\n' +
        'Format Version,,,,,6.0,,,,,\r\n' +
        'Offline Conversion,,,,ClientIdGoesHere,,USD,My Goal Name,4/1/2020 6:50:54 PM,10,f894f652ea334e739002f7167ab8f8e3\r\n',
    );
    expect(microsoftAdsTime(new Date('2020-12-31T00:05:09Z'))).toBe('12/31/2020 12:05:09 AM');
    expect(microsoftAdsTime(new Date('2020-12-31T12:05:09Z'))).toBe('12/31/2020 12:05:09 PM');
  });
});

describe('LinkedIn CSV conversion upload', () => {
  it('uses the template column names, epoch milliseconds and a hashed address', () => {
    // linkedin.com/help/lms/answer/a530615: "Epoch time in milliseconds. For example, 12/31/2020 1:00:00 PM GMT is 1609419600000";
    // email "can either be hashed (SHA-256) or unhashed. Must not include salting".
    const file = linkedInFile([row({ convertedAt: new Date('2020-12-31T13:00:00Z'), email: 'Abc ', valueMicros: 2_000_020_000n })]);
    expect(lines(file)).toEqual([
      ['email', 'timestamp', 'eventtype', 'amount', 'currency'],
      [SHA256_OF_ABC, '1609419600000', 'purchase', '2000.02', 'USD'],
    ]);
  });
});

describe('offlineConversionFile', () => {
  it('gives each platform its own format', () => {
    expect(offlineConversionFile('google-ads', []).split('\r\n')[0]).toMatch(/^Google Click ID,/);
    expect(offlineConversionFile('meta', []).split('\r\n')[0]).toMatch(/^event_name,/);
    expect(offlineConversionFile('microsoft-ads', []).split('\r\n')[1]).toBe('Format Version,,,,,6.0,,,,,');
    expect(offlineConversionFile('linkedin', []).split('\r\n')[0]).toBe('email,timestamp,eventtype,amount,currency');
  });
});

describe('platformCredit', () => {
  it('adds the credit of the touches whose source names the platform', () => {
    const credited = [
      { source: 'Google', valueMicros: 300n },
      { source: 'facebook', valueMicros: 200n },
      { source: ' adwords ', valueMicros: 100n },
      { source: null, valueMicros: 400n },
    ];
    expect(platformCredit('google-ads', credited)).toBe(400n);
    expect(platformCredit('meta', credited)).toBe(200n);
    expect(platformCredit('linkedin', credited)).toBe(0n);
  });
});
