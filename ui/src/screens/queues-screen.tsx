import { Badge, Empty, NumberCell, QueryView } from '../components';
import { formatCount, formatDateTime } from '../format';
import { QUEUES, QueueStatus } from '../queries';
import { useQuery } from '../use-query';

const COUNTS = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** The operators' read-only view of the background queues (admin keys): what waits, what runs when, and what failed last. */
export function QueuesScreen() {
  const state = useQuery<{ queues: QueueStatus[] }>(QUEUES);
  return (
    <section className="tf-screen" aria-labelledby="tf-queues-title">
      <header className="tf-screen-header">
        <h2 id="tf-queues-title">Queues</h2>
        <button type="button" className="tf-button" onClick={() => void state.reload()}>
          Refresh
        </button>
      </header>
      <QueryView state={state} loading="Loading queues…">
        {({ queues }) => (
          <>
            <div className="tf-table-wrap">
              <table className="tf-table tf-cards-when-narrow">
                <caption className="tf-visually-hidden">Jobs of each queue</caption>
                <thead>
                  <tr>
                    <th scope="col">Queue</th>
                    {COUNTS.map((count) => (
                      <th key={count} scope="col" className="tf-num">
                        {count.charAt(0).toUpperCase() + count.slice(1)}
                      </th>
                    ))}
                    <th scope="col">Scheduled</th>
                  </tr>
                </thead>
                <tbody>
                  {queues.map((queue) => (
                    <tr key={queue.name}>
                      <th scope="row" data-label="Queue">
                        {queue.name}
                        {queue.isPaused && (
                          <>
                            {' '}
                            <Badge tone="amber">Paused</Badge>
                          </>
                        )}
                      </th>
                      {COUNTS.map((count) => (
                        <NumberCell key={count} label={count}>
                          {formatCount(queue.counts[count])}
                        </NumberCell>
                      ))}
                      <td data-label="Scheduled">
                        {queue.repeatable.length === 0
                          ? '—'
                          : queue.repeatable.map((job) => (
                              <div key={job.name} className="tf-muted">
                                {job.name} ({job.cron ?? (job.everySeconds ? `every ${job.everySeconds} s` : 'no schedule')}){job.nextRunAt ? `, next ${formatDateTime(job.nextRunAt)}` : ''}
                              </div>
                            ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>Recent failures</h3>
            {queues.every((queue) => queue.recentFailures.length === 0) ? (
              <Empty title="No failed jobs" />
            ) : (
              <ul className="tf-list">
                {queues.flatMap((queue) =>
                  queue.recentFailures.map((job) => (
                    <li key={`${queue.name}/${job.id}`}>
                      <strong>
                        {queue.name} · {job.name}
                      </strong>{' '}
                      <span className="tf-muted">
                        {job.finishedAt ? formatDateTime(job.finishedAt) : ''} after {job.attemptsMade} {job.attemptsMade === 1 ? 'attempt' : 'attempts'}
                      </span>
                      <div>{job.failedReason ?? 'no reason given'}</div>
                    </li>
                  )),
                )}
              </ul>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}
