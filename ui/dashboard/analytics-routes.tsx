import { AttributionReportScreen, OverviewScreen } from '../src';

/** The analytics screens' routes of the dashboard, kept apart so the shell changes by a few lines. */
export type AnalyticsRoute = { screen: 'overview' } | { screen: 'report' };

export const ANALYTICS_TABS = [
  { screen: 'overview', label: 'Overview' },
  { screen: 'report', label: 'Report' },
] as const;

/** The route of a hash's first part; the overview is the dashboard's home. */
export function analyticsRoute(screen: string | undefined): AnalyticsRoute {
  if (screen === 'report') return { screen: 'report' };
  return { screen: 'overview' };
}

export function AnalyticsScreens({ route }: { route: { screen: string } }) {
  return (
    <>
      {route.screen === 'overview' && <OverviewScreen />}
      {route.screen === 'report' && <AttributionReportScreen />}
    </>
  );
}
