import { Injectable } from '@nestjs/common';
import { ActivityRecord, DayActivityRepository } from 'src/tracking/exports/day-activity.repository';

export type { ActivityRecord } from 'src/tracking/exports/day-activity.repository';

const PAGE = 5_000;

/** A day's tracked events and clicks for exports, page by page so a busy day never sits in memory whole. */
@Injectable()
export class DayActivityService {
  constructor(private readonly repository: DayActivityRepository) {}

  async *between(workspaceId: string, from: Date, to: Date): AsyncGenerator<ActivityRecord[]> {
    let after: [string, string] | null = null;
    for (;;) {
      const page = await this.repository.page(workspaceId, from, to, after, PAGE);
      if (page.length > 0) yield page;
      if (page.length < PAGE) return;
      const last = page[page.length - 1];
      after = [last.at, last.id];
    }
  }
}
