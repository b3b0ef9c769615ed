import type { ConversionRecord } from 'src/attribution/conversions/conversions.repository';
import type { AttributionResult } from 'src/attribution/engine/attribution.types';
import type { AttributionModelRecord } from 'src/attribution/models/attribution-model.record';
import type { StoredTouchpoint } from 'src/attribution/touchpoints.repository';
import { DomainEvent } from 'src/common/events/domain-event';

/** Attribution models created, edited or deleted (a new default changes the one that was). */
export const AttributionModelsChanged = new DomainEvent<{ workspaceId: string; modelIds: readonly string[] }>('attribution-models.changed');

/** A conversion recorded, or recorded again (a deal's amount changed). */
export const ConversionRecorded = new DomainEvent<{ workspaceId: string; conversion: ConversionRecord }>('conversion.recorded');

/** A conversion, or an open deal (id null), credited to its touches under a model and stored. */
export const ConversionAttributed = new DomainEvent<{
  workspaceId: string;
  conversion: Pick<ConversionRecord, 'opportunityId' | 'personId' | 'valueMicros' | 'currencyCode'> & { id: string | null };
  model: Pick<AttributionModelRecord, 'id' | 'name' | 'modelType'>;
  result: AttributionResult<StoredTouchpoint>;
}>('conversion.attributed');
