import { CoreSchema1763769600000 } from './1763769600000-core-schema';
import { AttributionCrmSecuritySchema1763769600001 } from './1763769600001-attribution-crm-security-schema';
import { TrackingIndexes1763856000000 } from './1763856000000-tracking-indexes';
import { TwentyConnection1763856000001 } from './1763856000001-twenty-connection';

/** Listed explicitly so ts-jest and the compiled server run the same set, in this order. */
export const ALL_MIGRATIONS = [CoreSchema1763769600000, AttributionCrmSecuritySchema1763769600001, TrackingIndexes1763856000000, TwentyConnection1763856000001];
