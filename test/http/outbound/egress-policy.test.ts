import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { type Destination, EgressPolicy } from '../../../src/http/outbound/egress-policy.js';

const SELF_PORT = 4010;

function policy(options: { allow?: string[]; deny?: string[]; listening?: boolean } = {}) {
  return new EgressPolicy({
    allow: options.allow ?? [],
    deny: options.deny ?? [],
    self: () => (options.listening === false ? undefined : { port: SELF_PORT }),
  });
}

/** A destination named by its address, unless a host name is given. */
const to = (address: string, port = 8080, hostname = address): Destination => ({
  hostname,
  address,
  family: address.includes(':') ? 6 : 4,
  port,
});

describe('EgressPolicy', () => {
  describe('the simulator itself', () => {
    it.each(['127.0.0.1', '127.1.2.3', '::1', '0.0.0.0', '::', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1'])(
      'refuses %s on its own port',
      (address) => {
        expect(policy().check(to(address, SELF_PORT))).toMatch(/^the simulator itself \(.+ port 4010\)$/);
      },
    );

    it("refuses this machine's interface addresses on its own port", () => {
      const addresses = Object.values(networkInterfaces())
        .flatMap((infos) => infos ?? [])
        .map((info) => info.address);
      expect(addresses.length).toBeGreaterThan(0);
      for (const address of addresses)
        expect(policy().check(to(address, SELF_PORT)), address).toMatch(/^the simulator itself/);
    });

    it('allows a receiver on another port of loopback, and everything before it listens', () => {
      expect(policy().check(to('127.0.0.1', 4020))).toBeUndefined();
      expect(policy().check(to('::1', 4020))).toBeUndefined();
      expect(policy({ listening: false }).check(to('127.0.0.1', SELF_PORT))).toBeUndefined();
    });

    it('is refused even when an allow entry matches', () => {
      expect(
        policy({ allow: ['127.0.0.0/8', 'localhost'] }).check(to('127.0.0.1', SELF_PORT, 'localhost')),
      ).toBe('the simulator itself (127.0.0.1 port 4010)');
    });
  });

  describe('default refusals', () => {
    it.each([
      ['169.254.169.254', 'link-local address 169.254.169.254'],
      ['169.254.1.1', 'link-local address 169.254.1.1'],
      ['fe80::1', 'link-local address fe80::1'],
      ['febf::1', 'link-local address febf::1'],
      ['fd00:ec2::254', 'cloud metadata address fd00:ec2::254'],
      ['100.100.100.200', 'cloud metadata address 100.100.100.200'],
      ['0.0.0.0', 'unspecified address 0.0.0.0'],
      ['0.1.2.3', 'unspecified address 0.1.2.3'],
      ['::', 'unspecified address ::'],
      ['224.0.0.1', 'multicast address 224.0.0.1'],
      ['239.255.255.250', 'multicast address 239.255.255.250'],
      ['ff02::1', 'multicast address ff02::1'],
      ['255.255.255.255', 'broadcast address 255.255.255.255'],
    ])('refuses %s', (address, reason) => {
      expect(policy().check(to(address))).toBe(reason);
    });

    it.each([
      '::ffff:169.254.169.254',
      '::ffff:a9fe:a9fe',
      '::FFFF:A9FE:A9FE',
      '0:0:0:0:0:ffff:169.254.169.254',
      '0000:0000:0000:0000:0000:ffff:a9fe:a9fe',
      '[::ffff:a9fe:a9fe]',
    ])('refuses the IPv4-mapped form %s as the IPv4 address it reaches', (address) => {
      expect(policy().check(to(address))).toBe('link-local address 169.254.169.254');
    });

    it('refuses an interface-scoped link-local address', () => {
      expect(policy().check(to('fe80::1%eth0'))).toBe('link-local address fe80::1');
    });

    it.each([
      '127.0.0.1',
      '::1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.10',
      'fd12::1',
      '93.184.216.34',
      '2606:2800:220:1:248:1893:25c8:1946',
    ])('allows %s: loopback, private and public addresses are open', (address) => {
      expect(policy().check(to(address))).toBeUndefined();
    });

    it('refuses what is not an IP address', () => {
      expect(policy().check(to('example.com'))).toBe('not an IP address: example.com');
    });
  });

  describe('deny and allow', () => {
    it('refuses a denied CIDR, address or host pattern, naming the entry', () => {
      const denying = policy({ deny: ['10.0.0.0/8', '192.168.1.10', 'fd00::/8', '*.internal'] });

      expect(denying.check(to('10.9.8.7'))).toBe('deny entry 10.0.0.0/8');
      expect(denying.check(to('::ffff:10.9.8.7'))).toBe('deny entry 10.0.0.0/8');
      expect(denying.check(to('192.168.1.10'))).toBe('deny entry 192.168.1.10');
      expect(denying.check(to('fd12::1'))).toBe('deny entry fd00::/8');
      expect(denying.check(to('93.184.216.34', 443, 'db.INTERNAL'))).toBe('deny entry *.internal');
      expect(denying.check(to('192.168.1.11'))).toBeUndefined();
    });

    it('lets an allow entry open a default refusal', () => {
      const allowing = policy({ allow: ['169.254.0.0/16'] });

      expect(allowing.check(to('169.254.169.254'))).toBeUndefined();
      expect(allowing.check(to('::ffff:169.254.169.254'))).toBeUndefined();
      expect(allowing.check(to('224.0.0.1'))).toBe('multicast address 224.0.0.1');
      expect(policy({ allow: ['metadata.local'] }).check(to('169.254.169.254', 80, 'metadata.local'))).toBe(
        undefined,
      );
    });

    it('has deny beat allow', () => {
      const both = policy({ allow: ['169.254.0.0/16', '*.example.com'], deny: ['169.254.169.254', 'bad.*'] });

      expect(both.check(to('169.254.169.254'))).toBe('deny entry 169.254.169.254');
      expect(both.check(to('169.254.1.1'))).toBeUndefined();
      expect(both.check(to('93.184.216.34', 443, 'bad.example.com'))).toBe('deny entry bad.*');
    });

    it('matches a mapped IPv6 range and a single IPv6 address however it is written', () => {
      const denying = policy({ deny: ['::ffff:10.0.0.0/104', '[2001:db8::1]'] });

      expect(denying.check(to('10.1.1.1'))).toBe('deny entry ::ffff:10.0.0.0/104');
      expect(denying.check(to('11.1.1.1'))).toBeUndefined();
      expect(denying.check(to('2001:0db8:0:0:0:0:0:1'))).toBe('deny entry [2001:db8::1]');
    });
  });

  describe('host patterns', () => {
    const denies = (pattern: string, hostname: string) =>
      policy({ deny: [pattern] }).check(to('93.184.216.34', 443, hostname)) !== undefined;

    it.each([
      ['*.internal', 'api.internal', true],
      ['*.internal', 'a.b.internal', true],
      ['*.internal', 'internal', false],
      ['*.internal', 'internal.example.com', false],
      ['hooks.example.com', 'HOOKS.Example.COM', true],
      ['hooks.example.com', 'hooks.example.com.', true],
      ['hooks.example.com', 'xhooks.example.com', false],
      ['api-*.example.com', 'api-eu.example.com', true],
      ['api-*.example.com', 'api-.example.com', true],
      ['api-*.example.com', 'web-eu.example.com', false],
      ['*a*b*', 'xaxbx', true],
      ['*a*b*', 'xbxax', false],
      ['a*a', 'a', false],
      ['a*a', 'aa', true],
      ['*', 'anything.at.all', true],
    ])('%s matches %s: %s', (pattern, hostname, expected) => {
      expect(denies(pattern, hostname)).toBe(expected);
    });

    it('matches a long adversarial name in linear time', () => {
      const hostname = `${'a'.repeat(50_000)}.example.com`;
      const started = performance.now();
      expect(denies('*a*a*a*a*a*a*a*a*b', hostname)).toBe(false);
      expect(performance.now() - started).toBeLessThan(100);
    });
  });

  describe('bad entries', () => {
    it.each([
      [
        'allow',
        '10.0.0.0/33',
        'Invalid webhook egress allow entry "10.0.0.0/33": the prefix length must be 0 to 32.',
      ],
      [
        'deny',
        'fd00::/129',
        'Invalid webhook egress deny entry "fd00::/129": the prefix length must be 0 to 128.',
      ],
      [
        'deny',
        '10.0.0.0/',
        'Invalid webhook egress deny entry "10.0.0.0/": the prefix length must be 0 to 32.',
      ],
      [
        'deny',
        '10.0.0/8',
        'Invalid webhook egress deny entry "10.0.0/8": the part before / is not an IP address.',
      ],
      [
        'deny',
        '10.0.0.0/8/8',
        'Invalid webhook egress deny entry "10.0.0.0/8/8": the part before / is not an IP address.',
      ],
      ['allow', '10.0.0.256', 'Invalid webhook egress allow entry "10.0.0.256": not a valid IPv4 address.'],
      [
        'allow',
        'fe80:::1',
        'Invalid webhook egress allow entry "fe80:::1": expected a CIDR (10.0.0.0/8), an address, or a host name with * (*.example.com).',
      ],
      [
        'deny',
        '::ffff:10.0.0.0/90',
        'Invalid webhook egress deny entry "::ffff:10.0.0.0/90": an IPv4-mapped range needs a prefix length of 96 or more.',
      ],
    ] as const)('%s entry %s stops construction', (list, entry, message) => {
      expect(() => policy({ [list]: [entry] })).toThrow(message);
    });
  });
});
