import { OverviewScreen } from '../src';

/** The analytics screens' routes of the dashboard, kept apart so the shell changes by a few lines. */
export type AnalyticsRoute = { screen: 'overview' };

export const ANALYTICS_TABS = [{ screen: 'overview', label: 'Overview' }] as const;

/** The route of a hash's first parts; the overview is the dashboard's home. */
export function analyticsRoute(): AnalyticsRoute {
  return { screen: 'overview' };
}

export function AnalyticsScreens({ route }: { route: { screen: string } }) {
  return <>{route.screen === 'overview' && <OverviewScreen />}</>;
}
