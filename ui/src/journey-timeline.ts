import { PersonJourney } from './queries';

/** One line of a person's journey, whatever it came from. */
export type TimelineItem =
  | { kind: 'session'; id: string; at: string; title: string; detail: string; pages: { id: string; at: string; label: string }[] }
  | { kind: 'click'; id: string; at: string; title: string; detail: string }
  | { kind: 'conversion'; id: string; at: string; title: string; conversionType: string; value: string; currencyCode: string };

interface TimelineDay {
  day: string;
  items: TimelineItem[];
}

const origin = (source: string | null, medium: string | null, campaign: string | null): string =>
  [source ?? 'direct', medium, campaign].filter((part): part is string => Boolean(part)).join(' / ');

/**
 * Sessions with their page views, link clicks and conversions of every visitor of the person,
 * oldest first, grouped by UTC day so the grouping does not depend on where the viewer sits.
 */
export function buildTimeline(journey: PersonJourney): TimelineDay[] {
  const items: TimelineItem[] = [];
  for (const visitor of journey.visitors) {
    for (const session of visitor.sessions) {
      items.push({
        kind: 'session',
        id: session.id,
        at: session.sessionStart,
        title: `Visit from ${origin(session.source, session.medium, session.campaign)}`,
        detail: `${session.pageViews} page${session.pageViews === 1 ? '' : 's'}, ${Math.round(session.durationSeconds / 60)} min${session.deviceType ? `, ${session.deviceType}` : ''}`,
        pages: session.events.map((event) => ({
          id: event.id,
          at: event.timestamp,
          label: event.eventType === 'pageview' ? `Viewed ${event.path ?? event.pageUrl ?? '/'}` : (event.eventName ?? event.eventType),
        })),
      });
    }
    for (const click of visitor.clicks) {
      items.push({
        kind: 'click',
        id: click.id,
        at: click.clickTimestamp,
        title: `${click.isQr ? 'Scanned QR code' : 'Clicked link'} /r/${click.shortCode}`,
        detail: origin(click.source, click.medium, click.campaign),
      });
    }
  }
  for (const conversion of journey.conversions) {
    items.push({
      kind: 'conversion',
      id: conversion.id,
      at: conversion.convertedAt,
      title: `Converted: ${conversion.conversionType}`,
      conversionType: conversion.conversionType,
      value: conversion.value,
      currencyCode: conversion.currencyCode,
    });
  }
  items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
  const days: TimelineDay[] = [];
  for (const item of items) {
    const day = new Date(item.at).toISOString().slice(0, 10);
    if (days.at(-1)?.day !== day) days.push({ day, items: [] });
    days[days.length - 1].items.push(item);
  }
  return days;
}
