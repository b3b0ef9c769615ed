import { CollectEventType } from 'src/tracking/collect/collect-payload.util';

/**
 * A visitor's engagement score grows with what they do, weighted by how much intent it shows:
 * a page view 1, a custom event 1, a CTA click 2, starting a form 3, submitting one 10, and each
 * 30 seconds of engaged time 1 (from engagement beacons). It only grows, so it can be summed per batch.
 */
const ENGAGEMENT_POINTS: Record<CollectEventType, number> = {
  pageview: 1,
  event: 1,
  cta: 2,
  form_start: 3,
  form_submit: 10,
  identify: 0,
  engagement: 0,
};
const ENGAGED_SECONDS_PER_POINT = 30;

export function engagementPoints(type: CollectEventType, engagedMs: number): number {
  return ENGAGEMENT_POINTS[type] + (type === 'engagement' ? engagedMs / 1000 / ENGAGED_SECONDS_PER_POINT : 0);
}
