import { ChangeHistory, Empty, QueryView } from '../components';
import { formatDate, formatDateTime, formatMoney } from '../format';
import { buildTimeline, TimelineItem } from '../journey-timeline';
import { PERSON_JOURNEY, PersonJourney, StatusChange } from '../queries';
import { useQuery } from '../use-query';
import { shortId } from './search-labels';

const ICONS: Record<TimelineItem['kind'], string> = { session: '◎', click: '↗', conversion: '★' };

/** A Twenty person's journey: every visit, page, link click and conversion of all their devices, oldest first. */
export function JourneyScreen({ personId, onOpenDeal }: { personId: string; onOpenDeal?: (opportunityId: string) => void }) {
  const state = useQuery<{ personJourney: PersonJourney; leadStatusHistory: StatusChange[] }>(PERSON_JOURNEY, { personId });
  return (
    <section className="tf-screen" aria-labelledby="tf-journey-title">
      <header className="tf-screen-header">
        <h2 id="tf-journey-title">Journey</h2>
      </header>
      <QueryView state={state} loading="Loading the journey…">
        {({ personJourney, leadStatusHistory }) => {
          const days = buildTimeline(personJourney);
          const statuses = <ChangeHistory caption="Lead status" changes={leadStatusHistory} />;
          if (days.length === 0)
            return (
              <>
                <Empty title="No tracked activity yet">
                  <p>Visits and clicks show here once this person comes through a tracked link or a page with the TrackFlow script, and is identified by a form or a deal.</p>
                </Empty>
                {statuses}
              </>
            );
          const devices = personJourney.visitors.length;
          const deals = [...new Set(personJourney.conversions.flatMap((conversion) => (conversion.opportunityId ? [conversion.opportunityId] : [])))];
          return (
            <>
              <p className="tf-muted">
                {devices} device{devices === 1 ? '' : 's'} · {personJourney.conversions.length} conversion{personJourney.conversions.length === 1 ? '' : 's'}
              </p>
              <ol className="tf-timeline" aria-label="Journey, oldest first">
                {days.map((day) => (
                  <li key={day.day} className="tf-timeline-day">
                    <h3>{formatDate(day.day)}</h3>
                    <ol>
                      {day.items.map((item) => (
                        <li key={`${item.kind}-${item.id}`} className={`tf-timeline-item tf-${item.kind}`}>
                          <span className="tf-timeline-icon" aria-hidden="true">
                            {ICONS[item.kind]}
                          </span>
                          <div>
                            <p className="tf-timeline-title">
                              {item.title}
                              {item.kind === 'conversion' && Number(item.value) > 0 && <strong> {formatMoney(item.value, item.currencyCode)}</strong>}
                            </p>
                            <p className="tf-muted">
                              <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                              {item.kind !== 'conversion' && ` · ${item.detail}`}
                            </p>
                            {item.kind === 'session' && item.pages.length > 0 && (
                              <ul className="tf-pages">
                                {item.pages.map((page) => (
                                  <li key={page.id}>{page.label}</li>
                                ))}
                              </ul>
                            )}
                          </div>
                        </li>
                      ))}
                    </ol>
                  </li>
                ))}
              </ol>
              {onOpenDeal && deals.length > 0 && (
                <div className="tf-header-actions" role="group" aria-label="This person's deals">
                  {deals.map((opportunityId) => (
                    <button key={opportunityId} type="button" className="tf-button" onClick={() => onOpenDeal(opportunityId)}>
                      Attribution of deal {shortId(opportunityId)}
                    </button>
                  ))}
                </div>
              )}
              {statuses}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
