import { Injectable, Logger } from '@nestjs/common';
import { appendFile, mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfig } from 'src/config/app-config';
import { RecordedClick } from 'src/tracking/clicks/recorded-click';

const ACTIVE_PREFIX = 'clicks-';
const CLAIMED_PREFIX = 'replaying-';

/**
 * Where clicks go when Redis cannot take them: one JSON line per click in a file of this process.
 * Replaying claims a file by renaming it, so several processes (or a restart after a crash) never
 * replay the same lines twice at once; the worker's idempotent insert absorbs any repeat.
 */
@Injectable()
export class ClickJournalService {
  private readonly logger = new Logger(ClickJournalService.name);
  private readonly directory: string;
  private readonly activeFile: string;
  private pendingLines = 0;

  constructor(config: AppConfig) {
    this.directory = config.clickJournalDir;
    this.activeFile = join(this.directory, `${ACTIVE_PREFIX}${process.pid}.jsonl`);
  }

  get backlog(): number {
    return this.pendingLines;
  }

  async append(clicks: RecordedClick[]): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await appendFile(this.activeFile, clicks.map((click) => JSON.stringify(click) + '\n').join(''));
    this.pendingLines += clicks.length;
  }

  /** Counts lines left by earlier processes, so /healthz shows them before the first replay. */
  async scanBacklog(): Promise<number> {
    let lines = 0;
    for (const file of await this.journalFiles()) lines += (await this.readClicks(file)).length;
    this.pendingLines = lines;
    return lines;
  }

  /** Hands every journalled click to `deliver`; lines it could not deliver are journalled again. */
  async replay(deliver: (clicks: RecordedClick[]) => Promise<void>, batchSize = 200): Promise<number> {
    let delivered = 0;
    for (const file of await this.journalFiles()) {
      const claimed = join(this.directory, `${CLAIMED_PREFIX}${process.pid}-${Date.now()}-${file.replace(/^.*\//, '')}`);
      try {
        await rename(file, claimed);
      } catch {
        continue;
      }
      const clicks = await this.readClicks(claimed);
      for (let start = 0; start < clicks.length; start += batchSize) {
        const batch = clicks.slice(start, start + batchSize);
        try {
          await deliver(batch);
          delivered += batch.length;
          this.pendingLines = Math.max(0, this.pendingLines - batch.length);
        } catch (error) {
          this.logger.warn(`replay paused: ${(error as Error).message}`);
          this.pendingLines = Math.max(0, this.pendingLines - (clicks.length - start));
          await this.append(clicks.slice(start));
          break;
        }
      }
      await unlink(claimed).catch(() => undefined);
    }
    return delivered;
  }

  private async journalFiles(): Promise<string[]> {
    try {
      const names = await readdir(this.directory);
      return names.filter((name) => name.startsWith(ACTIVE_PREFIX) || name.startsWith(CLAIMED_PREFIX)).map((name) => join(this.directory, name));
    } catch {
      return [];
    }
  }

  /** A torn last line (a crash mid-write) is skipped rather than blocking the whole file. */
  private async readClicks(file: string): Promise<RecordedClick[]> {
    const text = await readFile(file, 'utf8').catch(() => '');
    const clicks: RecordedClick[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        clicks.push(JSON.parse(line) as RecordedClick);
      } catch {
        this.logger.error(`skipping a damaged journal line in ${file}`);
      }
    }
    return clicks;
  }
}
