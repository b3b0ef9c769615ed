import { Injectable } from '@nestjs/common';
import { HealthDetail } from 'src/common/health/health-detail';
import { ClickJournalService } from 'src/tracking/clicks/click-journal.service';

/** Clicks still waiting in the local journal for Redis, shown by `/healthz`. */
@Injectable()
export class ClickJournalHealth extends HealthDetail {
  readonly name = 'clickJournalBacklog';

  constructor(private readonly journal: ClickJournalService) {
    super();
  }

  value(): number {
    return this.journal.backlog;
  }
}
