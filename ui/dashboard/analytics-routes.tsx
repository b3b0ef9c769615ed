import { AttributionReportScreen, LinkDetailScreen, OverviewScreen, SiteAnalyticsScreen } from '../src';

/** The analytics screens' routes of the dashboard, kept apart so the shell changes by a few lines. */
export type AnalyticsRoute = { screen: 'overview' } | { screen: 'report' } | { screen: 'site' } | { screen: 'link'; id: string };

export const ANALYTICS_TABS = [
  { screen: 'overview', label: 'Overview' },
  { screen: 'report', label: 'Report' },
  { screen: 'site', label: 'Site' },
] as const;

/** The route of a hash's first part; the overview is the dashboard's home. */
export function analyticsRoute(screen: string | undefined, id: string | undefined): AnalyticsRoute {
  if (screen === 'report') return { screen: 'report' };
  if (screen === 'site') return { screen: 'site' };
  if (screen === 'link' && id) return { screen: 'link', id };
  return { screen: 'overview' };
}

export function AnalyticsScreens({ route }: { route: { screen: string; id?: string } }) {
  return (
    <>
      {route.screen === 'link' && route.id && <LinkDetailScreen key={route.id} linkId={route.id} onBack={() => history.back()} />}
      {route.screen === 'overview' && <OverviewScreen />}
      {route.screen === 'report' && <AttributionReportScreen />}
      {route.screen === 'site' && <SiteAnalyticsScreen />}
    </>
  );
}
