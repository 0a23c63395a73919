import { describe, expect, it } from 'vitest';
import { AddressList } from '../../src/lib/address-list.js';

describe('AddressList', () => {
  it('matches addresses and ranges of both families, and IPv4 seen through IPv6', () => {
    const list = new AddressList(['203.0.113.7', '10.0.0.0/8', '2001:db8::/32']);

    expect(
      ['203.0.113.7', '10.20.30.40', '::ffff:10.1.2.3', '2001:db8::1'].map((ip) => list.has(ip)),
    ).toEqual([true, true, true, true]);
    expect(['203.0.113.8', '11.0.0.1', '2001:db9::1', 'not-an-ip'].map((ip) => list.has(ip))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('refuses entries that are not addresses or ranges, naming them', () => {
    expect(() => new AddressList(['example.com'])).toThrow('example.com is not an IP address or CIDR range');
    expect(() => new AddressList(['10.0.0.0/33'])).toThrow('10.0.0.0/33 has an invalid prefix length');
  });
});
