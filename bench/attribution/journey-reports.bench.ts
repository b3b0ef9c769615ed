/**
 * The path and time-lag reports' pure computation (summariseConversionPaths, summariseTimeLag) over
 * 10k, 100k and 1M journeys generated in memory: time (median of several runs), growth ratios
 * (linear expected) and peak memory. Each size runs in its own child process, so its peak RSS is
 * its own. The reading of journeys from PostgreSQL is not measured here: reports bound it by rows.
 */
import { fork } from 'child_process';
import { summariseConversionPaths } from 'src/attribution/engine/reports/conversion-paths.util';
import { ConvertingJourney } from 'src/attribution/engine/reports/converting-journey.types';
import { MilestoneJourney, summariseTimeLag } from 'src/attribution/engine/reports/time-lag.util';
import { CHANNELS } from './generate-workspace.util';
import { SeededRandom } from './seeded-random.util';

const CHILD_FLAG = '--journey-reports-child';
const MIB = 1024 * 1024;
const DAY = 86_400_000;
const SEED = 20251205;
const PERIOD_MS = 400 * DAY;
const LEAD_STAGES: MilestoneJourney['stages'] = ['FIRST_TOUCH_TO_LEAD'];
const DEAL_STAGES: MilestoneJourney['stages'] = ['LEAD_TO_OPPORTUNITY', 'OPPORTUNITY_TO_WON'];

interface ReportFigures {
  report: 'conversionPaths' | 'timeLag';
  journeys: number;
  /** Median over `runs` computations of the same journeys. */
  ms: number;
  runs: number;
  generateMs: number;
  /** heapUsed after generating this report's journeys and a full GC: what the journeys themselves take. */
  heapUsedJourneysMiB: number;
  /** Highest heapUsed sampled right after each computation, before any GC. */
  heapUsedPeakSampledMiB: number;
}

interface SizeFigures {
  journeys: number;
  /** The child's resident-set high-water mark, both reports included (each report's journeys are dropped before the next). */
  rssPeakMiB: number;
  reports: ReportFigures[];
}

export interface JourneyReportsFigures {
  sizes: SizeFigures[];
  growth: Record<string, number>;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** Converting journeys: one to twenty touches (about 2.2 on average) within 60 days before a conversion somewhere in 400 days. */
function touchesOf(random: SeededRandom, convertedMs: number): { atMs: number; key: string }[] {
  const touches: { atMs: number; key: string }[] = [];
  let atMs = convertedMs - random.int(60 * DAY);
  do {
    touches.push({ atMs, key: CHANNELS[random.int(CHANNELS.length)] });
    atMs += random.int(Math.max(1, convertedMs - atMs));
  } while (touches.length < 20 && random.next() < 0.55);
  return touches;
}

function convertingJourneys(count: number, seed: number): ConvertingJourney[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => {
    const convertedMs = random.int(PERIOD_MS);
    const touches = touchesOf(random, convertedMs);
    return { keys: touches.map((touch) => touch.key), firstTouchMs: touches[0].atMs, convertedMs, valueMicros: BigInt(random.int(10_000)) * 1_000_000n, currencyCode: random.next() < 0.8 ? 'USD' : 'EUR' };
  });
}

/** Half leads; half deals opened up to 20 days after their lead and, two in three, won up to 60 days later. */
function milestoneJourneys(count: number, seed: number): MilestoneJourney[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const leadMs = random.int(PERIOD_MS);
    const touches = touchesOf(random, leadMs);
    if (index % 2 === 0) return { touches, leadMs, opportunityMs: null, wonMs: null, stages: LEAD_STAGES };
    const opportunityMs = leadMs + random.int(20 * DAY);
    return { touches, leadMs, opportunityMs, wonMs: random.next() < 0.33 ? null : opportunityMs + random.int(60 * DAY), stages: DEAL_STAGES };
  });
}

/** Generates one report's journeys, warms the JIT on a small set, then times `runs` computations; the journeys are dropped on return. */
function timeReport<J>(report: ReportFigures['report'], journeys: number, generate: (count: number, seed: number) => J[], compute: (journeys: J[]) => unknown): ReportFigures {
  const gc = (global as { gc?: () => void }).gc ?? (() => undefined);
  compute(generate(5_000, SEED));
  gc();
  const started = process.hrtime.bigint();
  const generated = generate(journeys, SEED + journeys);
  const generateMs = Number(process.hrtime.bigint() - started) / 1e6;
  gc();
  const heapUsedJourneys = process.memoryUsage().heapUsed;
  const runs = journeys >= 1_000_000 ? 3 : journeys >= 100_000 ? 5 : 9;
  const times: number[] = [];
  let heapPeak = 0;
  for (let run = 0; run < runs; run += 1) {
    const t0 = process.hrtime.bigint();
    compute(generated);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  times.sort((a, b) => a - b);
  return {
    report,
    journeys,
    ms: round(times[Math.floor(runs / 2)]),
    runs,
    generateMs: round(generateMs),
    heapUsedJourneysMiB: round(heapUsedJourneys / MIB, 1),
    heapUsedPeakSampledMiB: round(heapPeak / MIB, 1),
  };
}

function runSize(journeys: number): SizeFigures {
  const reports = [
    timeReport('conversionPaths', journeys, convertingJourneys, (generated) => {
      const counted = summariseConversionPaths(generated, 20).conversions;
      if (counted !== generated.length) throw new Error(`conversionPaths counted ${counted} journeys, expected ${generated.length}`);
    }),
    // The period reaches past the last won deal, so every stage of every journey is counted.
    timeReport('timeLag', journeys, milestoneJourneys, (generated) => summariseTimeLag(generated, 0, PERIOD_MS + 90 * DAY)),
  ];
  return { journeys, rssPeakMiB: round((process.resourceUsage().maxRSS * 1024) / MIB, 1), reports };
}

function runInChild(journeys: number, memoryLimitMiB: number): Promise<SizeFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [CHILD_FLAG, String(journeys)], { execArgv: ['--expose-gc', `--max-old-space-size=${memoryLimitMiB}`], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let figures: SizeFigures | null = null;
    child.on('message', (message: SizeFigures) => (figures = message));
    child.on('error', reject);
    child.on('exit', (code) => (figures && code === 0 ? resolve(figures) : reject(new Error(`journey reports over ${journeys} journeys exited with ${code}`))));
  });
}

/** Runs every size, prints one line each and the growth ratios, and returns the figures for the runner's JSON. */
export async function benchJourneyReports(sizes: readonly number[], memoryLimitMiB: number): Promise<JourneyReportsFigures> {
  const figures: SizeFigures[] = [];
  for (const journeys of sizes) {
    const size = await runInChild(journeys, memoryLimitMiB);
    figures.push(size);
    console.log(
      `reports ${String(journeys).padStart(9)} journeys: ${size.reports.map((r) => `${r.report} ${r.ms.toFixed(2)} ms`).join(', ')} (median of ${size.reports[0].runs}),` +
        ` journeys heap ${size.reports.map((r) => `${r.heapUsedJourneysMiB}`).join(' / ')} MiB, heap after report ${size.reports.map((r) => `${r.heapUsedPeakSampledMiB}`).join(' / ')} MiB, peak RSS ${size.rssPeakMiB} MiB`,
    );
  }
  const growth: Record<string, number> = {};
  for (let i = 1; i < figures.length; i += 1) {
    const [before, after] = [figures[i - 1], figures[i]];
    for (const report of after.reports) {
      const base = before.reports.find((r) => r.report === report.report) as ReportFigures;
      const step = `${report.report} ${before.journeys}→${after.journeys}`;
      growth[step] = round(report.ms / base.ms);
      console.log(`report time growth ${step}: ×${growth[step]} (journeys ×${after.journeys / before.journeys})`);
    }
  }
  return { sizes: figures, growth };
}

if (process.argv[2] === CHILD_FLAG) {
  const figures = runSize(Number(process.argv[3]));
  process.send?.(figures, () => process.exit(0));
}
