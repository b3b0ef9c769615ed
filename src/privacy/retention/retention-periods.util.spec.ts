import { loadConfig } from 'src/config/app-config';
import { effectiveRetention, RETENTION_PERIODS, retentionDays, RetentionOverrides, retentionSetting } from 'src/privacy/retention/retention-periods.util';

describe('retention periods', () => {
  const defaults = loadConfig({}).retention;
  const none = Object.fromEntries(RETENTION_PERIODS.map((period) => [retentionSetting(period), null])) as RetentionOverrides;

  it('lists every period the server has, each with its setting', () => {
    const { cron: _cron, partitionCron: _partitionCron, partitionAnalyzeCron: _partitionAnalyzeCron, failedJobDays: _failedJobs, ...periods } = defaults;
    expect([...RETENTION_PERIODS].sort()).toEqual(Object.keys(periods).sort());
    expect(retentionSetting('apiRequestLogDays')).toBe('retentionApiRequestLogDays');
  });

  it("takes the workspace's own periods, 0 (forever) included, and the server's elsewhere", () => {
    expect(effectiveRetention({ ...none, retentionVisitorDays: 30, retentionClickEventDays: 0 }, defaults)).toEqual({
      clickEventDays: 0,
      visitorEventDays: 365,
      visitorSessionDays: 365,
      visitorDays: 30,
      apiRequestLogDays: 90,
      webhookDeliveryDays: 30,
    });
  });

  it('accepts whole days from 0 to 36500 or null, and names the field and the rule otherwise', () => {
    expect([retentionDays(0, 'retentionVisitorDays'), retentionDays(36500, 'retentionVisitorDays'), retentionDays(null, 'retentionVisitorDays')]).toEqual([0, 36500, null]);
    for (const bad of [-1, 36501, 1.5]) {
      expect(() => retentionDays(bad, 'retentionVisitorDays')).toThrow("retentionVisitorDays: must be a whole number of days from 0 (kept forever) to 36500, or null for the server's default");
    }
  });
});
