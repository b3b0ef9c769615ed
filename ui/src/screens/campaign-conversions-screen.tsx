import { Empty, NumberCell, QueryView } from '../components';
import { formatDateTime, formatMoney } from '../format';
import { useQuery } from '../use-query';
import { CAMPAIGN_CONVERSIONS, CampaignConversion } from './search.queries';
import { dealLabel, personLabel } from './search-labels';

/**
 * The conversions credited to one campaign, each with the person who converted and the deal it
 * became, so a marketer goes from a campaign to a person's journey and a deal's attribution.
 */
export function CampaignConversionsScreen(props: {
  campaign: { id: string; name: string };
  onOpenPerson: (personId: string) => void;
  onOpenDeal: (opportunityId: string) => void;
  onBack?: () => void;
}) {
  const { campaign, onOpenPerson, onOpenDeal, onBack } = props;
  const state = useQuery<{ campaignConversions: CampaignConversion[] }>(CAMPAIGN_CONVERSIONS, { campaignId: campaign.id });
  const title = `Conversions of ${campaign.name}`;
  return (
    <section className="tf-screen" aria-labelledby="tf-conversions-title">
      <header className="tf-screen-header">
        <h2 id="tf-conversions-title">{title}</h2>
        <div className="tf-header-actions">
          <button type="button" className="tf-button" onClick={() => void state.reload()}>
            Refresh
          </button>
          {onBack && (
            <button type="button" className="tf-button" onClick={onBack}>
              All campaigns
            </button>
          )}
        </div>
      </header>
      <p className="tf-hint">A conversion counts for the campaign whose link the person clicked last before converting. The list follows the campaign figures, refreshed every few minutes.</p>
      <QueryView state={state} loading="Loading the conversions…">
        {({ campaignConversions }) =>
          campaignConversions.length === 0 ? (
            <Empty title="No conversions credited to this campaign yet">
              <p>Leads and won deals whose last click before converting was on one of its links show here.</p>
            </Empty>
          ) : (
            <div className="tf-table-wrap">
              <table className="tf-table tf-cards-when-narrow">
                <caption>{title}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Conversion</th>
                    <th scope="col">Person</th>
                    <th scope="col">Deal</th>
                    <th scope="col" className="tf-num">Value</th>
                  </tr>
                </thead>
                <tbody>
                  {campaignConversions.map((conversion) => (
                    <tr key={conversion.conversionId}>
                      <th scope="row" data-label="Conversion">
                        {conversion.conversionType}
                        <span className="tf-muted">
                          <time dateTime={conversion.convertedAt}>{formatDateTime(conversion.convertedAt)}</time>
                          {conversion.shortCode && ` · /r/${conversion.shortCode}`}
                        </span>
                      </th>
                      <td data-label="Person">
                        {conversion.personId ? (
                          <button type="button" className="tf-link-button" onClick={() => onOpenPerson(conversion.personId as string)} aria-label={`Journey of ${personLabel({ personId: conversion.personId, displayName: conversion.personName })}`}>
                            {personLabel({ personId: conversion.personId, displayName: conversion.personName })}
                          </button>
                        ) : (
                          <span className="tf-muted">an anonymous visitor</span>
                        )}
                      </td>
                      <td data-label="Deal">
                        {conversion.opportunityId ? (
                          <button type="button" className="tf-link-button" onClick={() => onOpenDeal(conversion.opportunityId as string)} aria-label={`Attribution of ${dealLabel({ opportunityId: conversion.opportunityId, name: conversion.dealName })}`}>
                            {dealLabel({ opportunityId: conversion.opportunityId, name: conversion.dealName })}
                          </button>
                        ) : (
                          <span className="tf-muted">—</span>
                        )}
                      </td>
                      <NumberCell label="Value">{formatMoney(conversion.value, conversion.currencyCode)}</NumberCell>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </section>
  );
}
