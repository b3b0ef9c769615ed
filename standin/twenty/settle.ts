import type { INestApplicationContext } from '@nestjs/common';
import { drainQueue } from 'src/common/queue/drain-queue.util';
import { TWENTY_OUTBOX_QUEUE } from 'src/crm/twenty/twenty-outbox.service';
import { CRM_QUEUE } from 'src/crm/crm-worker.service';
import { TwentyStandIn } from 'standin/twenty/twenty-standin';

/** Each write to Twenty makes it send a webhook, which may run a hook and write again: drain until nothing moves. */
export async function settleTwenty(app: INestApplicationContext, twenty: TwentyStandIn, timeoutMs: number): Promise<void> {
  for (let round = 0; round < 4; round += 1) {
    await drainQueue(app, TWENTY_OUTBOX_QUEUE, timeoutMs);
    await twenty.deliveriesSent();
    await drainQueue(app, CRM_QUEUE, timeoutMs);
  }
}
