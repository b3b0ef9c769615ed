import { ModelAttribution } from './queries';

interface ChannelCredit {
  channel: string;
  weight: number;
  /** Decimal string in the deal's currency, summed in micros so parts still add up to the deal. */
  value: string;
}

const MICROS = 1_000_000n;

function toMicros(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.replace(/^-/, '').split('.');
  const micros = BigInt(whole || '0') * MICROS + BigInt(fraction.padEnd(6, '0').slice(0, 6));
  return decimal.startsWith('-') ? -micros : micros;
}

function fromMicros(micros: bigint): string {
  const sign = micros < 0n ? '-' : '';
  const absolute = micros < 0n ? -micros : micros;
  const fraction = (absolute % MICROS).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${absolute / MICROS}${fraction ? `.${fraction}` : ''}`;
}

/** Credit per channel under one model, largest first (ties by name). */
export function creditByChannel(attribution: ModelAttribution): ChannelCredit[] {
  const channels = new Map<string, { weight: number; micros: bigint }>();
  for (const row of attribution.rows) {
    const credit = channels.get(row.channel) ?? { weight: 0, micros: 0n };
    credit.weight += row.attributionWeight;
    credit.micros += toMicros(row.attributedValue);
    channels.set(row.channel, credit);
  }
  return [...channels.entries()]
    .map(([channel, credit]) => ({ channel, weight: credit.weight, value: fromMicros(credit.micros) }))
    .sort((a, b) => b.weight - a.weight || a.channel.localeCompare(b.channel));
}

interface ModelComparison {
  models: ModelAttribution['model'][];
  /** One line per channel seen under any model, with its credit under each model in the same order (0 where it got none). */
  channels: { channel: string; credits: ChannelCredit[] }[];
}

/** The same deal under every model side by side; channels ordered by their credit under the first (default) model. */
export function compareModels(byModel: readonly ModelAttribution[]): ModelComparison {
  const perModel = byModel.map(creditByChannel);
  const order: string[] = [];
  for (const credits of perModel) for (const credit of credits) if (!order.includes(credit.channel)) order.push(credit.channel);
  return {
    models: byModel.map((attribution) => attribution.model),
    channels: order.map((channel) => ({
      channel,
      credits: perModel.map((credits) => credits.find((credit) => credit.channel === channel) ?? { channel, weight: 0, value: '0' }),
    })),
  };
}
