/** The TrackFlow screens, shared by the standalone dashboard at /app and the Twenty app's front components. */
export { graphqlApi, httpPost, TrackflowError } from './api';
export type { GraphqlPost, TrackflowApi } from './api';
export { HostProvider, useHost } from './host';
export type { Host } from './host';
export { TrackflowStyles } from './styles';
export { CampaignsScreen } from './screens/campaigns-screen';
export { LinksScreen, NewLinkForm } from './screens/links-screen';
export { JourneyScreen } from './screens/journey-screen';
export { AttributionScreen } from './screens/attribution-screen';
export { QueuesScreen } from './screens/queues-screen';
export { TwentySyncScreen } from './screens/twenty-sync-screen';
export { CampaignConversionsScreen } from './screens/campaign-conversions-screen';
export { DealSearch, PersonSearch } from './screens/record-search';
export type { Campaign } from './queries';
