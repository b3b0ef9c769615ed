import { ValidationFailure } from 'src/common/errors/validation-failure';
import { MAX_RETENTION_DAYS, RetentionPeriods } from 'src/config/app-config';

export type RetentionPeriod = keyof RetentionPeriods;
/** The workspace setting that overrides a server period: retentionClickEventDays for clickEventDays. */
type RetentionSetting = `retention${Capitalize<RetentionPeriod>}`;
/** A workspace's own periods; null keeps the server's. */
export type RetentionOverrides = Record<RetentionSetting, number | null>;

// A record, so that a period added to RetentionPeriods cannot be left out here.
const PERIODS: Record<RetentionPeriod, true> = {
  clickEventDays: true,
  visitorEventDays: true,
  visitorSessionDays: true,
  visitorDays: true,
  apiRequestLogDays: true,
  webhookDeliveryDays: true,
};
export const RETENTION_PERIODS = Object.keys(PERIODS) as RetentionPeriod[];

export function retentionSetting(period: RetentionPeriod): RetentionSetting {
  return `retention${period.charAt(0).toUpperCase()}${period.slice(1)}` as RetentionSetting;
}

/** The periods a workspace's data is kept for: its own where it set one, the server's elsewhere. */
export function effectiveRetention(overrides: RetentionOverrides, defaults: RetentionPeriods): RetentionPeriods {
  return Object.fromEntries(RETENTION_PERIODS.map((period) => [period, overrides[retentionSetting(period)] ?? defaults[period]])) as RetentionPeriods;
}

/** The periods under their settings' names, as the settings API shows them. */
export function asRetentionSettings(periods: RetentionPeriods): Record<RetentionSetting, number> {
  return Object.fromEntries(RETENTION_PERIODS.map((period) => [retentionSetting(period), periods[period]])) as Record<RetentionSetting, number>;
}

/** A period given for a workspace: whole days, 0 for forever, or null to follow the server again. */
export function retentionDays(value: number | null, field: RetentionSetting): number | null {
  if (value !== null && (!Number.isInteger(value) || value < 0 || value > MAX_RETENTION_DAYS)) {
    throw new ValidationFailure(field, `must be a whole number of days from 0 (kept forever) to ${MAX_RETENTION_DAYS}, or null for the server's default`);
  }
  return value;
}
