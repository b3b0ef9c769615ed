/**
 * What TrackFlow may record of one visitor's request, under the workspace's privacy settings and
 * the visitor's own signals. The redirect, the tracker's configuration and /api/collect all decide
 * through here, so a setting cannot be honoured on one path and ignored on another.
 */

/** `none`: nothing is stored. `anonymous`: a cookieless count, nothing that identifies or describes the visitor. `identified`: tracked with a visitor id. */
type TrackingLevel = 'none' | 'anonymous' | 'identified';

export interface PrivacySettings {
  enableTracking: boolean;
  cookieConsentRequired: boolean;
  respectDoNotTrack: boolean;
}

interface PrivacySignals {
  /** `DNT: 1` or `Sec-GPC: 1` on the request. */
  doNotTrack: boolean;
  /** The visitor's recorded choice for this workspace, null when they have not chosen. */
  consent: boolean | null;
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

const CONSENT_COOKIE_PREFIX = 'tf_consent_';

/**
 * One consent cookie per workspace: several workspaces may share TrackFlow's host for their short
 * links, and a visitor's yes to one of them is no yes to the others.
 */
export function consentCookieName(workspaceId: string): string {
  return `${CONSENT_COOKIE_PREFIX}${workspaceId}`;
}

/** Do Not Track and Global Privacy Control, which browsers send with every request, navigations included. */
export function sendsDoNotTrack(headers: Headers): boolean {
  return headers.dnt === '1' || headers['sec-gpc'] === '1';
}

/** The choice recorded by the consent endpoint on this host, or null. */
export function consentFromCookies(cookieHeader: string | undefined, workspaceId: string): boolean | null {
  const name = consentCookieName(workspaceId);
  for (const part of (cookieHeader ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator !== -1 && part.slice(0, separator).trim() === name) {
      const value = part.slice(separator + 1).trim();
      if (value === '1') return true;
      if (value === '0') return false;
    }
  }
  return null;
}

/** Whether the visitor's Do Not Track or Global Privacy Control signal keeps them out. */
export function optedOut(settings: PrivacySettings, doNotTrack: boolean): boolean {
  return settings.respectDoNotTrack && doNotTrack;
}

/**
 * A refusal is honoured whether or not the workspace requires consent; Do Not Track wins over a
 * yes, as the tracker has always let it.
 */
export function trackingLevel(settings: PrivacySettings, signals: PrivacySignals): TrackingLevel {
  if (!settings.enableTracking) return 'none';
  if (optedOut(settings, signals.doNotTrack) || signals.consent === false) return 'anonymous';
  if (settings.cookieConsentRequired && signals.consent !== true) return 'anonymous';
  return 'identified';
}

/** What remains of a referrer in an anonymous count: its origin, never the path or query that may name the visitor. */
export function referrerOrigin(referrer: string | undefined): string | null {
  if (!referrer) return null;
  try {
    const url = new URL(referrer);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
