/**
 * Attribution benchmark: fit time and peak memory of MARKOV (order 1) and SHAPLEY on generated
 * workspaces of 10k, 100k and 1M journeys over 12 channels, the time and sampled peak heap to
 * attribute one conversion with 10, 1k and 100k touchpoints under each rule-based model and each
 * milestone model (the deal's lead 20 days, opportunity 10 days before, won at the conversion), and
 * the path and time-lag reports over the same journey counts (journey-reports.bench.ts). Prints each figure,
 * the growth ratio between consecutive sizes, and as its last line one JSON object with
 * everything. `--quick` runs small sizes only.
 *
 *   node --expose-gc dist/bench/attribution/run.js [--quick]
 *
 * Each fit runs in its own child process (capped at a 1 GiB heap) so that its peak RSS is its
 * own, not left over from a larger run before it.
 */
import { fork } from 'child_process';
import { attributeConversion } from 'src/attribution/engine/attribute-conversion.util';
import { AttributionModelConfig } from 'src/attribution/engine/attribution-model.config';
import { ChannelClassifier } from 'src/attribution/engine/channels/channel.classifier';
import { fitMarkov } from 'src/attribution/engine/data-driven/markov.fit';
import { fitShapley } from 'src/attribution/engine/data-driven/shapley.fit';
import { CHANNELS, generateJourneys, generateTouchpoints } from './generate-workspace.util';
import { benchJourneyReports } from './journey-reports.bench';

const MIB = 1024 * 1024;
const MEMORY_LIMIT_MIB = 1024;
const SEED = 20250331;

type FitModel = 'MARKOV' | 'SHAPLEY';

interface FitFigures {
  model: FitModel;
  journeys: number;
  channels: number;
  /** Median over `runs` fits of the same workspace. */
  fitMs: number;
  runs: number;
  generateMs: number;
  /** heapUsed after generating the workspace and a full GC: what the journeys themselves take. */
  heapUsedWorkspaceMiB: number;
  /** Highest heapUsed sampled right after each fit, before any GC. */
  heapUsedPeakSampledMiB: number;
  /** The process's resident-set high-water mark (getrusage maxrss), generation and fits included. */
  rssPeakMiB: number;
}

interface AttributionFigures {
  model: string;
  touchpoints: number;
  /** Mean time of one attributeConversion call. */
  msPerConversion: number;
  calls: number;
  /**
   * Heap one call leaves, result and garbage alike, sampled right after it on a heap just
   * collected: the peak the call needs, unless a scavenge ran inside it (then a lower bound).
   */
  heapPeakSampledMiB: number;
}

const gc = (): void => (global as { gc?: () => void }).gc?.();
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function runFitChild(model: FitModel, journeys: number): FitFigures {
  gc();
  const started = process.hrtime.bigint();
  const workspace = generateJourneys(journeys, SEED + journeys);
  const generateMs = Number(process.hrtime.bigint() - started) / 1e6;
  gc();
  const heapUsedWorkspace = process.memoryUsage().heapUsed;
  // JIT warm-up on a small workspace, so the 10k figure measures the fit and not the compiler.
  const fit = model === 'MARKOV' ? () => fitMarkov(workspace) : () => fitShapley(workspace);
  if (model === 'MARKOV') fitMarkov(generateJourneys(5_000, SEED));
  else fitShapley(generateJourneys(5_000, SEED));

  const runs = journeys >= 1_000_000 ? 3 : journeys >= 100_000 ? 5 : 9;
  const times: number[] = [];
  let heapPeak = 0;
  // No gc() between runs: a full collection shrinks the young generation and makes the next fit pay to regrow it.
  for (let run = 0; run < runs; run += 1) {
    const t0 = process.hrtime.bigint();
    const fitted = fit();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    if (fitted.inputs.journeys !== journeys) throw new Error(`fit saw ${fitted.inputs.journeys} journeys, expected ${journeys}`);
  }
  return {
    model,
    journeys,
    channels: CHANNELS.length,
    fitMs: round(median(times)),
    runs,
    generateMs: round(generateMs),
    heapUsedWorkspaceMiB: round(heapUsedWorkspace / MIB, 1),
    heapUsedPeakSampledMiB: round(heapPeak / MIB, 1),
    rssPeakMiB: round((process.resourceUsage().maxRSS * 1024) / MIB, 1),
  };
}

function fitInChild(model: FitModel, journeys: number): Promise<FitFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', model, String(journeys)], {
      execArgv: ['--expose-gc', `--max-old-space-size=${MEMORY_LIMIT_MIB}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let figures: FitFigures | null = null;
    child.on('message', (message: FitFigures) => (figures = message));
    child.on('error', reject);
    child.on('exit', (code) => (figures && code === 0 ? resolve(figures) : reject(new Error(`${model} fit of ${journeys} journeys exited with ${code}`))));
  });
}

const RULE_MODELS: AttributionModelConfig[] = [
  { type: 'FIRST_TOUCH' },
  { type: 'LAST_TOUCH', ignoreDirect: true },
  { type: 'LINEAR' },
  { type: 'TIME_DECAY' },
  { type: 'POSITION_BASED' },
  { type: 'CUSTOM' },
  { type: 'U_SHAPED' },
  { type: 'W_SHAPED' },
  { type: 'FULL_PATH' },
  { type: 'CUSTOM_MILESTONE', milestoneWeights: { firstTouch: 25, leadCreated: 25, opportunityCreated: 20, closedWon: 20, spread: 10 } },
];

function benchAttribution(touchpoints: number): AttributionFigures[] {
  const conversionAt = new Date('2025-03-31T12:00:00Z');
  const touches = generateTouchpoints(touchpoints, SEED + touchpoints, conversionAt);
  const daysBefore = (days: number) => new Date(conversionAt.getTime() - days * 86_400_000);
  // Only the milestone models read them.
  const milestones = { leadCreatedAt: daysBefore(20), opportunityCreatedAt: daysBefore(10), closedWonAt: conversionAt };
  const conversion = { at: conversionAt, valueMicros: 1_234_567_890n, currencyCode: 'EUR', milestones };
  const channels = new ChannelClassifier([
    { name: 'Brand search', channelName: 'Brand', priority: 1, weight: 2, conditions: [{ field: 'campaign', op: 'prefix', value: 'brand' }] },
    { name: 'Newsletter', channelName: 'Email', priority: 2, weight: 1, conditions: [{ field: 'medium', op: 'in', value: ['email', 'newsletter'] }] },
    { name: 'Hacker News', channelName: 'Community', priority: 3, weight: 3, conditions: [{ field: 'referrer_host', op: 'regex', value: 'ycombinator\\.com$' }] },
  ]);
  return RULE_MODELS.map((model) => {
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const sampled = attributeConversion({ conversion, touchpoints: touches, model, channels });
    const heapPeak = process.memoryUsage().heapUsed;
    if (sampled.rows.length !== touchpoints) throw new Error(`expected ${touchpoints} rows, got ${sampled.rows.length}`);
    // At least 3 calls and 250 ms per figure, so that neither a tiny nor a huge journey is one noisy sample.
    const t0 = process.hrtime.bigint();
    let calls = 0;
    let elapsedMs = 0;
    while (calls < 3 || elapsedMs < 250) {
      const result = attributeConversion({ conversion, touchpoints: touches, model, channels });
      if (result.rows.length !== touchpoints) throw new Error(`expected ${touchpoints} rows, got ${result.rows.length}`);
      calls += 1;
      elapsedMs = Number(process.hrtime.bigint() - t0) / 1e6;
    }
    return { model: model.type, touchpoints, msPerConversion: round(elapsedMs / calls, 4), calls, heapPeakSampledMiB: round((heapPeak - heapBefore) / MIB, 2) };
  });
}

function ratios<T>(rows: T[], key: (row: T) => string, size: (row: T) => number, figure: (row: T) => number): Record<string, number> {
  const out: Record<string, number> = {};
  const byKey = new Map<string, T[]>();
  for (const row of rows) byKey.set(key(row), [...(byKey.get(key(row)) ?? []), row]);
  for (const [name, list] of byKey) {
    list.sort((a, b) => size(a) - size(b));
    for (let i = 1; i < list.length; i += 1) {
      out[`${name} ${size(list[i - 1])}→${size(list[i])}`] = round(figure(list[i]) / figure(list[i - 1]));
    }
  }
  return out;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const journeySizes = quick ? [2_000, 20_000] : [10_000, 100_000, 1_000_000];
  const touchpointSizes = quick ? [10, 1_000, 10_000] : [10, 1_000, 100_000];
  if (!(global as { gc?: unknown }).gc) console.log('note: run with node --expose-gc for steadier memory figures');
  console.log(`attribution benchmark${quick ? ' (quick)' : ''}: ${CHANNELS.length} channels, seed ${SEED}, node ${process.version}`);

  const fits: FitFigures[] = [];
  for (const model of ['MARKOV', 'SHAPLEY'] as const) {
    for (const journeys of journeySizes) {
      const figures = await fitInChild(model, journeys);
      fits.push(figures);
      console.log(
        `fit ${model.padEnd(7)} ${String(journeys).padStart(9)} journeys: ${figures.fitMs.toFixed(2).padStart(9)} ms (median of ${figures.runs}),` +
          ` workspace heap ${figures.heapUsedWorkspaceMiB} MiB, heap after fit ${figures.heapUsedPeakSampledMiB} MiB, peak RSS ${figures.rssPeakMiB} MiB`,
      );
    }
  }
  const fitGrowth = ratios(fits, (f) => f.model, (f) => f.journeys, (f) => f.fitMs);
  for (const [step, ratio] of Object.entries(fitGrowth)) console.log(`fit time growth ${step}: ×${ratio} (journeys ×${ratioOfSizes(step)})`);

  const largest = journeySizes[journeySizes.length - 1];
  const memoryOk = fits.filter((f) => f.journeys === largest).every((f) => f.rssPeakMiB <= MEMORY_LIMIT_MIB);
  console.log(`memory: ${largest} journeys peak RSS ${fits.filter((f) => f.journeys === largest).map((f) => `${f.model} ${f.rssPeakMiB} MiB`).join(', ')} — limit ${MEMORY_LIMIT_MIB} MiB ${memoryOk ? 'OK' : 'EXCEEDED'}`);

  benchAttribution(1_000); // JIT warm-up, so the first model timed is not also paying for compilation.
  const attributions = touchpointSizes.flatMap(benchAttribution);
  for (const a of attributions) {
    console.log(
      `attribute ${a.model.padEnd(16)} ${String(a.touchpoints).padStart(7)} touchpoints: ${a.msPerConversion.toFixed(4).padStart(10)} ms per conversion (${a.calls} calls), heap peak +${a.heapPeakSampledMiB} MiB`,
    );
  }
  const attributionGrowth = ratios(attributions, (a) => a.model, (a) => a.touchpoints, (a) => a.msPerConversion);
  for (const [step, ratio] of Object.entries(attributionGrowth)) console.log(`attribution time growth ${step}: ×${ratio} (touchpoints ×${ratioOfSizes(step)})`);

  const journeyReports = await benchJourneyReports(journeySizes, MEMORY_LIMIT_MIB);

  console.log(JSON.stringify({ quick, channels: CHANNELS.length, seed: SEED, fits, fitGrowth, memoryLimitMiB: MEMORY_LIMIT_MIB, memoryOk, attributions, attributionGrowth, journeyReports }));
}

function ratioOfSizes(step: string): number {
  const [from, to] = step.split(' ').pop()?.split('→').map(Number) ?? [1, 1];
  return to / from;
}

if (process.argv[2] === '--child') {
  const figures = runFitChild(process.argv[3] as FitModel, Number(process.argv[4]));
  process.send?.(figures, () => process.exit(0));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
