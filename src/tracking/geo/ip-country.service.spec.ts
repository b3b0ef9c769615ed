import { IpCountryService } from 'src/tracking/geo/ip-country.service';

describe('IpCountryService', () => {
  const countries = new IpCountryService();

  it('finds the country of public IPv4 addresses, written plainly or IPv4-mapped', () => {
    expect(countries.countryOf('8.8.8.8')).toBe('US');
    expect(countries.countryOf('81.2.69.142')).toBe('GB');
    expect(countries.countryOf('2.16.0.1')).toBe('FR');
    expect(countries.countryOf('::ffff:8.8.8.8')).toBe('US');
    expect(countries.countryOf(' 81.2.69.142 ')).toBe('GB');
  });

  it('knows no country for private, reserved and IPv6 addresses, nor for what is not an address', () => {
    for (const ip of ['10.0.0.1', '127.0.0.1', '192.168.1.1', '2001:db8::1', '2a00:1450:4007::1', '1.2.3', '256.1.1.1', 'not-an-ip', '', null]) {
      expect([ip, countries.countryOf(ip)]).toEqual([ip, null]);
    }
  });
});
