import { Badge, Empty, NumberCell, QueryView, Stat } from '../components';
import { formatCount, formatDateTime, formatLag } from '../format';
import { TWENTY_SYNC, TwentySync } from '../queries';
import { useQuery } from '../use-query';

/**
 * The sync with Twenty as an operator checks it: whether deliveries arrive, how far reconciliation
 * has read each object and how far behind it is, what waits, and what failed (settings:read keys).
 */
export function TwentySyncScreen() {
  const state = useQuery<{ twentySync: TwentySync }>(TWENTY_SYNC);
  return (
    <section className="tf-screen" aria-labelledby="tf-twenty-sync-title">
      <header className="tf-screen-header">
        <h2 id="tf-twenty-sync-title">Twenty sync</h2>
        <button type="button" className="tf-button" onClick={() => void state.reload()}>
          Refresh
        </button>
      </header>
      <QueryView state={state} loading="Loading the Twenty sync…">
        {({ twentySync: sync }) =>
          !sync.connected ? (
            <Empty title="Not connected to Twenty">Run npx trackflow twenty:install to connect this workspace.</Empty>
          ) : (
            <>
              <div className="tf-stats">
                <Stat label="Twenty" value={sync.twentyUrl} />
                <Stat label="Last delivery" value={sync.lastDeliveryAt ? formatDateTime(sync.lastDeliveryAt) : 'none yet'} />
                <Stat label="Waiting to be processed" value={formatCount(sync.backlog)} />
                <Stat label="Reconciliation" value={sync.intervalSeconds > 0 ? `every ${formatLag(sync.intervalSeconds)}` : 'off'} />
              </div>
              <div className="tf-table-wrap">
                <table className="tf-table tf-cards-when-narrow">
                  <caption className="tf-visually-hidden">How far reconciliation has read each Twenty object</caption>
                  <thead>
                    <tr>
                      <th scope="col">Object</th>
                      <th scope="col">Read up to</th>
                      <th scope="col" className="tf-num">
                        Behind
                      </th>
                      <th scope="col">Last run</th>
                      <th scope="col" className="tf-num">
                        Records processed
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {sync.cursors.map((cursor) => (
                      <tr key={cursor.objectPlural}>
                        <th scope="row" data-label="Object">
                          {cursor.objectPlural.replace(/:deleted$/, ' in the trash').replace(/:present$/, ' checked for deletions')}
                          {cursor.lastError && (
                            <>
                              {' '}
                              <Badge tone="red">
                                <span title={cursor.lastError}>Failed</span>
                              </Badge>
                            </>
                          )}
                        </th>
                        <td data-label="Read up to">{cursor.cursorUpdatedAt ? formatDateTime(cursor.cursorUpdatedAt) : '—'}</td>
                        <NumberCell label="Behind">{formatLag(cursor.lagSeconds)}</NumberCell>
                        <td data-label="Last run">{cursor.lastRunAt ? formatDateTime(cursor.lastRunAt) : 'never'}</td>
                        <NumberCell label="Records processed">{formatCount(cursor.recordsProcessed)}</NumberCell>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {sync.cursors.length === 0 && <Empty title="Reconciliation has not run yet" />}
              <h3>Recent failures</h3>
              {sync.recentFailures.length === 0 && sync.cursors.every((cursor) => !cursor.lastError) ? (
                <Empty title="No failures" />
              ) : (
                <ul className="tf-list">
                  {sync.cursors
                    .filter((cursor) => cursor.lastError)
                    .map((cursor) => (
                      <li key={`cursor-${cursor.objectPlural}`}>
                        <strong>Reconciling {cursor.objectPlural}</strong> <span className="tf-muted">{cursor.lastError}</span>
                      </li>
                    ))}
                  {sync.recentFailures.map((failure) => (
                    <li key={`${failure.eventName}-${failure.recordId}-${failure.receivedAt}`}>
                      <strong>
                        {failure.eventName} {failure.recordId}
                      </strong>{' '}
                      <span className="tf-muted">
                        {formatDateTime(failure.receivedAt)}: {failure.error}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )
        }
      </QueryView>
    </section>
  );
}
