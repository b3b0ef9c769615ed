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

interface ReportFigures {
  report: 'conversionPaths' | 'timeLag';
  journeys: number;
  /** Median over `runs` computations of the same journeys. */
  ms: number;
  runs: number;
}

interface SizeFigures {
  journeys: number;
  generateMs: number;
  /** heapUsed after generating both kinds of journeys and a full GC: what the journeys themselves take. */
  heapUsedJourneysMiB: number;
  /** Highest heapUsed sampled right after each computation, before any GC. */
  heapUsedPeakSampledMiB: number;
  rssPeakMiB: number;
  reports: ReportFigures[];
}

export interface JourneyReportsFigures {
  sizes: SizeFigures[];
  growth: Record<string, number>;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** One to twenty touches (about 2.2 on average) within 60 days before the conversion, spread over 400 days. */
function generate(count: number, seed: number): { converting: ConvertingJourney[]; milestones: MilestoneJourney[] } {
  const random = new SeededRandom(seed);
  const converting: ConvertingJourney[] = new Array(count);
  const milestones: MilestoneJourney[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const convertedMs = random.int(PERIOD_MS);
    const keys: string[] = [];
    const touches: { atMs: number; key: string }[] = [];
    let atMs = convertedMs - random.int(60 * DAY);
    do {
      const key = CHANNELS[random.int(CHANNELS.length)];
      keys.push(key);
      touches.push({ atMs, key });
      atMs += random.int(Math.max(1, convertedMs - atMs));
    } while (keys.length < 20 && random.next() < 0.55);
    converting[i] = { keys, firstTouchMs: touches[0].atMs, convertedMs, valueMicros: BigInt(random.int(10_000)) * 1_000_000n, currencyCode: random.next() < 0.8 ? 'USD' : 'EUR' };
    // Half are leads; the other half deals opened up to 20 days after their lead and, two in three, won up to 60 days later.
    const isLead = i % 2 === 0;
    const opportunityMs = convertedMs + random.int(20 * DAY);
    milestones[i] = {
      touches,
      leadMs: convertedMs,
      opportunityMs: isLead ? null : opportunityMs,
      wonMs: isLead || random.next() < 0.33 ? null : opportunityMs + random.int(60 * DAY),
      stages: isLead ? ['FIRST_TOUCH_TO_LEAD'] : ['LEAD_TO_OPPORTUNITY', 'OPPORTUNITY_TO_WON'],
    };
  }
  return { converting, milestones };
}

function runSize(journeys: number): SizeFigures {
  const gc = (global as { gc?: () => void }).gc ?? (() => undefined);
  gc();
  const started = process.hrtime.bigint();
  const { converting, milestones } = generate(journeys, SEED + journeys);
  const generateMs = Number(process.hrtime.bigint() - started) / 1e6;
  gc();
  const heapUsedJourneys = process.memoryUsage().heapUsed;
  // JIT warm-up on a small set, so the 10k figure measures the reports and not the compiler.
  const warm = generate(5_000, SEED);
  summariseConversionPaths(warm.converting, 20);
  summariseTimeLag(warm.milestones, 0, PERIOD_MS);

  const runs = journeys >= 1_000_000 ? 3 : journeys >= 100_000 ? 5 : 9;
  let heapPeak = 0;
  const counted = summariseConversionPaths(converting, 20).conversions;
  if (counted !== journeys) throw new Error(`conversionPaths counted ${counted} journeys, expected ${journeys}`);
  const time = (report: ReportFigures['report'], compute: () => unknown): ReportFigures => {
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const t0 = process.hrtime.bigint();
      compute();
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    times.sort((a, b) => a - b);
    return { report, journeys, ms: round(times[Math.floor(runs / 2)]), runs };
  };
  const reports = [
    time('conversionPaths', () => summariseConversionPaths(converting, 20)),
    // The period reaches past the last won deal, so every stage of every journey is counted.
    time('timeLag', () => summariseTimeLag(milestones, 0, PERIOD_MS + 90 * DAY)),
  ];
  return {
    journeys,
    generateMs: round(generateMs),
    heapUsedJourneysMiB: round(heapUsedJourneys / MIB, 1),
    heapUsedPeakSampledMiB: round(heapPeak / MIB, 1),
    rssPeakMiB: round((process.resourceUsage().maxRSS * 1024) / MIB, 1),
    reports,
  };
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
        ` journeys heap ${size.heapUsedJourneysMiB} MiB, heap after report ${size.heapUsedPeakSampledMiB} MiB, peak RSS ${size.rssPeakMiB} MiB`,
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
