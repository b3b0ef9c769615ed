/** The GraphQL of the site analytics screen. */

export type SiteFigures = { visitors: number; sessions: number; bounceRate: number | null; averageSessionSeconds: number | null; pageViews: number };
export type SiteAnalytics = {
  siteAnalytics: {
    interval: 'DAY' | 'WEEK';
    totals: SiteFigures;
    series: (SiteFigures & { label: string })[];
    topPages: { path: string; pageViews: number; uniqueVisitors: number }[];
    topEntryPages: { path: string; sessions: number; uniqueVisitors: number; bounceRate: number | null }[];
    topSources: { source: string; sessions: number; uniqueVisitors: number; bounceRate: number | null }[];
    topCtas: { name: string; clicks: number; uniqueVisitors: number }[];
    topCountries: { country: string; sessions: number; uniqueVisitors: number }[];
  };
};

const FIGURES = 'visitors sessions bounceRate averageSessionSeconds pageViews';

export const SITE_ANALYTICS = `query SiteAnalytics($from: DateTime!, $to: DateTime!, $interval: AnalyticsInterval!, $timeZone: String) {
  siteAnalytics(from: $from, to: $to, interval: $interval, timeZone: $timeZone) {
    interval totals { ${FIGURES} } series { label ${FIGURES} }
    topPages { path pageViews uniqueVisitors } topEntryPages { path sessions uniqueVisitors bounceRate } topSources { source sessions uniqueVisitors bounceRate }
    topCtas { name clicks uniqueVisitors } topCountries { country sessions uniqueVisitors } } }`;
