import { CoreSchema1763769600000 } from './1763769600000-core-schema';
import { AttributionCrmSecuritySchema1763769600001 } from './1763769600001-attribution-crm-security-schema';
import { TrackingIndexes1763856000000 } from './1763856000000-tracking-indexes';
import { TwentyConnection1763856000001 } from './1763856000001-twenty-connection';
import { AnalyticsRollupsAdSpend1763942400000 } from './1763942400000-analytics-rollups-ad-spend';
import { CrmRecords1764028800000 } from './1764028800000-crm-records';
import { SecurityPrivacy1764115200000 } from './1764115200000-security-privacy';
import { RollupKeysPeriodFirst1764201600000 } from './1764201600000-rollup-keys-period-first';
import { EventSessionKey1764201600001 } from './1764201600001-event-session-key';
import { CampaignCost1764288000000 } from './1764288000000-campaign-cost';
import { TwentyDurableIntake1764374400000 } from './1764374400000-twenty-durable-intake';
import { CampaignAnnouncedFigures1764374400001 } from './1764374400001-campaign-announced-figures';
import { CrmDeleted1764374400002 } from './1764374400002-crm-deleted';
import { TwentyPendingMirror1764374400003 } from './1764374400003-twenty-pending-mirror';
import { AnonymousClicks1764499200000 } from './1764499200000-anonymous-clicks';
import { SettingsWithoutGdprFlag1764499200001 } from './1764499200001-settings-without-gdpr-flag';
import { VisitorCountryExternalId1764585600000 } from './1764585600000-visitor-country-external-id';
import { RetentionSettings1764585600001 } from './1764585600001-retention-settings';
import { ErasureSubjectExternalId1764585600002 } from './1764585600002-erasure-subject-external-id';
import { SettingsThatChangeNothing1764672000000 } from './1764672000000-settings-that-change-nothing';
import { UnusedTablesAndColumns1764758400000 } from './1764758400000-unused-tables-and-columns';
import { RollupsWithOverviewFigures1764844800000 } from './1764844800000-rollups-with-overview-figures';
import { CrmNames1764845000000 } from './1764845000000-crm-names';
import { PendingLeads1764845000001 } from './1764845000001-pending-leads';
import { FilteredClicksIndex1764846000000 } from './1764846000000-filtered-clicks-index';
import { MilestoneModels1764900000000 } from './1764900000000-milestone-models';
import { ExportRuns1765000000000 } from './1765000000000-export-runs';
import { MonthlyEventPartitions1765100000000 } from './1765100000000-monthly-event-partitions';

/** Listed explicitly so ts-jest and the compiled server run the same set, in this order. */
export const ALL_MIGRATIONS = [
  CoreSchema1763769600000,
  AttributionCrmSecuritySchema1763769600001,
  TrackingIndexes1763856000000,
  TwentyConnection1763856000001,
  AnalyticsRollupsAdSpend1763942400000,
  CrmRecords1764028800000,
  SecurityPrivacy1764115200000,
  RollupKeysPeriodFirst1764201600000,
  EventSessionKey1764201600001,
  CampaignCost1764288000000,
  TwentyDurableIntake1764374400000,
  CampaignAnnouncedFigures1764374400001,
  CrmDeleted1764374400002,
  TwentyPendingMirror1764374400003,
  AnonymousClicks1764499200000,
  SettingsWithoutGdprFlag1764499200001,
  VisitorCountryExternalId1764585600000,
  RetentionSettings1764585600001,
  ErasureSubjectExternalId1764585600002,
  SettingsThatChangeNothing1764672000000,
  UnusedTablesAndColumns1764758400000,
  RollupsWithOverviewFigures1764844800000,
  CrmNames1764845000000,
  PendingLeads1764845000001,
  FilteredClicksIndex1764846000000,
  MilestoneModels1764900000000,
  ExportRuns1765000000000,
  MonthlyEventPartitions1765100000000,
];
