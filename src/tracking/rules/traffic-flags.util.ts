import { isIpInRanges, ParsedCidr, storedIp } from 'src/common/net/ip-address.util';
import { describeUserAgent } from 'src/tracking/rules/user-agent.util';

export interface TrafficFlags {
  /** The address to store: anonymised when the workspace asks, null when it cannot be parsed for that. */
  ipAddress: string | null;
  deviceType: string | null;
  browser: string | null;
  os: string | null;
  isBot: boolean;
  isInternal: boolean;
}

interface TrafficSettings {
  excludeInternalTraffic: boolean;
  anonymizeIpAddresses: boolean;
  internalRanges: readonly ParsedCidr[];
}

/** How a click or an event is flagged and what of its origin is kept, under a workspace's settings. */
export function trafficFlags(ip: string | null, userAgent: string | null, settings: TrafficSettings): TrafficFlags {
  const agent = describeUserAgent(userAgent ?? undefined);
  return {
    ipAddress: storedIp(ip, settings.anonymizeIpAddresses),
    deviceType: agent.deviceType,
    browser: agent.browser,
    os: agent.os,
    isBot: agent.isBot,
    isInternal: settings.excludeInternalTraffic && ip !== null && isIpInRanges(ip, settings.internalRanges),
  };
}
