import type { ParsedCidr } from 'src/common/net/ip-address.util';
import type { TrackflowSettings } from 'src/settings/trackflow-settings.entity';

export type SettingsAuditEntry = { field: string; oldValue: unknown; newValue: unknown };

/** An Internal IP Range as staff give it and as it is stored. */
export type InternalIpRangeEntry = { ipRange: string; description: string | null };
export type InternalRange = ParsedCidr & { description: string | null };
export type EffectiveSettings = { settings: TrackflowSettings; internalRanges: InternalRange[] };
