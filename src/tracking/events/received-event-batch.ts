import { CollectedEvent } from 'src/tracking/collect/collect-payload.util';

export const EVENTS_QUEUE = 'trackflow-events';

/** One accepted /api/collect request, as the worker receives it. */
export interface ReceivedEventBatch {
  workspaceId: string;
  visitorId: string;
  ip: string | null;
  userAgent: string | null;
  events: CollectedEvent[];
}
