import { ValidationFailure } from 'src/common/errors/validation-failure';
import { compareText } from 'src/attribution/engine/compare-text.util';
import { FitInputsSummary } from 'src/attribution/engine/data-driven/fitted-model.types';
import { Journey } from 'src/attribution/engine/data-driven/journey.types';

function count(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0) throw new ValidationFailure(field, `must be a finite number >= 0, got ${value}`);
  return value;
}

/**
 * Validates journeys one at a time while a fit streams over them, numbers the channels in order of
 * appearance and tallies the summary stored with the fit.
 */
export class FitInputsCollector {
  readonly channelIds = new Map<string, number>();
  readonly channelNames: string[] = [];
  private journeys = 0;
  private ignoredJourneys = 0;
  private conversions = 0;
  private value = 0;
  private nulls = 0;

  /**
   * The journey's path as channel ids, or null when the journey cannot count (empty path, or
   * nobody followed it) — such journeys carry no information about any channel.
   */
  accept(journey: Journey, index: number): number[] | null {
    const conversions = count(journey.conversions, `journeys[${index}].conversions`);
    const nulls = count(journey.nulls, `journeys[${index}].nulls`);
    const value = count(journey.value, `journeys[${index}].value`);
    if (journey.path.length === 0 || conversions + nulls === 0) {
      this.ignoredJourneys += 1;
      return null;
    }
    const ids = journey.path.map((channel, step) => this.channelId(channel, index, step));
    this.journeys += 1;
    this.conversions += conversions;
    this.nulls += nulls;
    this.value += value;
    return ids;
  }

  summary(): FitInputsSummary {
    return {
      journeys: this.journeys,
      ignoredJourneys: this.ignoredJourneys,
      conversions: this.conversions,
      value: this.value,
      nulls: this.nulls,
      channels: [...this.channelNames].sort(compareText),
    };
  }

  private channelId(channel: string, index: number, step: number): number {
    const known = this.channelIds.get(channel);
    if (known !== undefined) return known;
    if (typeof channel !== 'string' || channel === '') throw new ValidationFailure(`journeys[${index}].path[${step}]`, 'must be a non-empty channel name');
    const id = this.channelNames.length;
    this.channelIds.set(channel, id);
    this.channelNames.push(channel);
    return id;
  }
}
