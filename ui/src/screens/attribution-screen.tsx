import { creditByChannel, compareModels } from '../attribution-credit';
import { Badge, ChangeHistory, Empty, NumberCell, QueryView } from '../components';
import { formatDateTime, formatMoney, formatPercent } from '../format';
import { DealLink, OPPORTUNITY_ATTRIBUTION, OpportunityAttribution, StatusChange } from '../queries';
import { useQuery } from '../use-query';

const LINK_ROLES: Record<DealLink['associationType'], string> = { first_touch: 'first touch', assist: 'assist', last_touch: 'last touch', manual: 'added by hand' };

/** An opportunity's credit per touch and channel under the workspace's model, and under every model side by side. */
export function AttributionScreen({ opportunityId }: { opportunityId: string }) {
  const state = useQuery<{ opportunityAttribution: OpportunityAttribution; dealLinks: DealLink[]; dealStageHistory: StatusChange[] }>(OPPORTUNITY_ATTRIBUTION, { opportunityId });
  return (
    <section className="tf-screen" aria-labelledby="tf-attribution-title">
      <header className="tf-screen-header">
        <h2 id="tf-attribution-title">Attribution</h2>
      </header>
      <QueryView
        state={state}
        loading="Crediting this deal…"
        notFound={
          <Empty title="TrackFlow has not seen this deal yet">
            <p>Deals reach TrackFlow through Twenty's webhook when they are created or change stage; this one has not, so nothing is credited yet.</p>
          </Empty>
        }
      >
        {({ opportunityAttribution: deal, dealLinks, dealStageHistory }) => {
          const [main] = deal.byModel;
          const stages = <ChangeHistory caption="Stage history" changes={dealStageHistory} />;
          if (!main || main.rows.length === 0)
            return (
              <>
                <Empty title="No marketing touch before this deal">
                  <p>Nothing tracked for its contact fell inside the attribution window, so no campaign gets credit.</p>
                </Empty>
                {stages}
              </>
            );
          const money = (value: string) => formatMoney(value, deal.currencyCode);
          const comparison = compareModels(deal.byModel);
          return (
            <>
              <p className="tf-muted">
                {money(deal.value)} · {deal.conversion ? 'won' : 'open'} · as of {formatDateTime(deal.asOf)}
              </p>
              <h3>
                Under {main.model.name} <Badge tone="blue">default</Badge>
              </h3>
              {main.fallback && <p className="tf-muted">Credited evenly: the model had no credit of its own for these channels ({main.fallback}).</p>}
              <div className="tf-bars" role="list" aria-label={`Credit per channel under ${main.model.name}`}>
                {creditByChannel(main).map((credit) => (
                  <div key={credit.channel} className="tf-bar-row" role="listitem">
                    <span className="tf-bar-label">{credit.channel}</span>
                    <span className="tf-bar" aria-hidden="true">
                      <span style={{ width: `${Math.round(credit.weight * 100)}%` }} />
                    </span>
                    <span className="tf-num">
                      {formatPercent(credit.weight)} · {money(credit.value)}
                    </span>
                  </div>
                ))}
              </div>
              <div className="tf-table-wrap">
                <table className="tf-table tf-cards-when-narrow">
                  <caption>Touchpoints, oldest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Touch</th>
                      <th scope="col">Channel</th>
                      <th scope="col" className="tf-num">Credit</th>
                      <th scope="col" className="tf-num">Value</th>
                    </tr>
                  </thead>
                  <tbody>
                    {main.rows.map((row) => (
                      <tr key={row.touchpointIndex}>
                        <th scope="row" data-label="Touch">
                          {[row.touchpointSource ?? 'direct', row.touchpointMedium, row.touchpointCampaign].filter(Boolean).join(' / ')}
                          <span className="tf-muted">
                            {row.touchpointType.replace('_', ' ')} · {formatDateTime(row.touchpointTimestamp)} · {row.positionInJourney}
                          </span>
                        </th>
                        <td data-label="Channel">{row.channel}</td>
                        <NumberCell label="Credit">{formatPercent(row.attributionWeight)}</NumberCell>
                        <NumberCell label="Value">{money(row.attributedValue)}</NumberCell>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {dealLinks.length > 0 && (
                <ul className="tf-links-touched" aria-label="Tracked links in this deal's journey">
                  {dealLinks.map((link) => (
                    <li key={`${link.trackedLinkId}-${link.associationType}`}>
                      <Badge tone={link.associationType === 'assist' ? 'grey' : 'blue'}>{LINK_ROLES[link.associationType]}</Badge> <code>{link.shortCode}</code>
                      {link.campaignName && <span className="tf-muted"> · {link.campaignName}</span>}
                      {link.attributionWeight !== null && <span className="tf-muted"> · {formatPercent(link.attributionWeight)} of the credit</span>}
                    </li>
                  ))}
                </ul>
              )}
              {comparison.models.length > 1 && (
                <div className="tf-table-wrap">
                  <table className="tf-table tf-compare tf-cards-when-narrow">
                    <caption>The same deal under every model</caption>
                    <thead>
                      <tr>
                        <th scope="col">Channel</th>
                        {comparison.models.map((model) => (
                          <th scope="col" className="tf-num" key={model.id}>
                            {model.name}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {comparison.channels.map((line) => (
                        <tr key={line.channel}>
                          <th scope="row" data-label="Channel">
                            {line.channel}
                          </th>
                          {line.credits.map((credit, index) => (
                            <td className="tf-num" key={comparison.models[index].id} data-label={comparison.models[index].name}>
                              {formatPercent(credit.weight)}
                              <span className="tf-muted">{money(credit.value)}</span>
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {stages}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
