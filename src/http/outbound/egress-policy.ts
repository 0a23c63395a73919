import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { globMatches } from '../../lib/glob.js';

/** Where one outbound connection is about to go: the URL's host name and the address it resolved to. */
export interface Destination {
  hostname: string;
  address: string;
  family: number;
  port: number;
}

export interface EgressPolicyOptions {
  /** CIDRs, addresses or host patterns (`*.example.com`) let through despite a default refusal. */
  allow: string[];
  /** The same kinds of entry, always refused; deny beats allow. */
  deny: string[];
  /** The simulator's own listening port, once it listens. */
  self: () => { port: number } | undefined;
}

interface Address {
  /** Dotted IPv4 (IPv4-mapped IPv6 included) or IPv6 without brackets or zone. */
  text: string;
  type: 'ipv4' | 'ipv6';
  /** One spelling per address, to compare IPv6 written differently (`::1`, `0:0:0:0:0:0:0:1`). */
  key: string;
}

interface Rule {
  entry: string;
  matches(hostname: string, address: Address): boolean;
}

type Subnet = readonly [network: string, prefix: number, type: 'ipv4' | 'ipv6'];

/**
 * Refused unless allowed: link-local covers the cloud metadata endpoint 169.254.169.254 (AWS,
 * GCP, Azure); fd00:ec2::254 is AWS's IPv6 one, 100.100.100.200 Alibaba's. The rest are
 * addresses no webhook receiver can have. Loopback and private ranges stay open on purpose:
 * developers run receivers on localhost and on their LAN.
 */
const DEFAULT_REFUSALS: ReadonlyArray<readonly [label: string, subnets: Subnet[]]> = [
  [
    'link-local address',
    [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ],
  ],
  [
    'cloud metadata address',
    [
      ['fd00:ec2::254', 128, 'ipv6'],
      ['100.100.100.200', 32, 'ipv4'],
    ],
  ],
  [
    'unspecified address',
    [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  ],
  [
    'multicast address',
    [
      ['224.0.0.0', 4, 'ipv4'],
      ['ff00::', 8, 'ipv6'],
    ],
  ],
  ['broadcast address', [['255.255.255.255', 32, 'ipv4']]],
];

const blockList = (subnets: Subnet[]): BlockList => {
  const list = new BlockList();
  for (const [network, prefix, type] of subnets) list.addSubnet(network, prefix, type);
  return list;
};

const DEFAULTS = DEFAULT_REFUSALS.map(([label, subnets]) => [label, blockList(subnets)] as const);
const LOOPBACK_OR_UNSPECIFIED = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['0.0.0.0', 32, 'ipv4'],
  ['::', 128, 'ipv6'],
]);

/**
 * Decides where webhooks may connect (issue 13, item 7): never back into the simulator itself
 * (a webhook at /__admin/reset would wipe every sandbox), never to cloud metadata or other
 * addresses no receiver has, unless the operator's lists say otherwise.
 */
export class EgressPolicy {
  readonly #allow: Rule[];
  readonly #deny: Rule[];
  readonly #self: EgressPolicyOptions['self'];

  constructor(options: EgressPolicyOptions) {
    this.#allow = options.allow.map((entry) => parseEntry(entry, 'allow'));
    this.#deny = options.deny.map((entry) => parseEntry(entry, 'deny'));
    this.#self = options.self;
  }

  /** Why the destination is refused, in a few words; undefined when it may be connected to. */
  check(destination: Destination): string | undefined {
    const address = parseAddress(destination.address);
    if (!address) return `not an IP address: ${destination.address}`;
    const hostname = normaliseHostname(destination.hostname);

    const self = this.#self();
    if (self !== undefined && destination.port === self.port && isThisMachine(address))
      return `the simulator itself (${address.text} port ${destination.port})`;
    const denied = this.#deny.find((rule) => rule.matches(hostname, address));
    if (denied) return `deny entry ${denied.entry}`;
    if (this.#allow.some((rule) => rule.matches(hostname, address))) return undefined;
    for (const [label, list] of DEFAULTS)
      if (list.check(address.text, address.type)) return `${label} ${address.text}`;
    return undefined;
  }
}

function isThisMachine(address: Address): boolean {
  if (LOOPBACK_OR_UNSPECIFIED.check(address.text, address.type)) return true;
  // Read on every check: interfaces come and go (VPNs, containers) while the process runs.
  for (const infos of Object.values(networkInterfaces())) {
    for (const info of infos ?? []) if (parseAddress(info.address)?.key === address.key) return true;
  }
  return false;
}

const normaliseHostname = (hostname: string): string =>
  stripBrackets(hostname).toLowerCase().replace(/\.$/, '');

const stripBrackets = (text: string): string =>
  text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;

/**
 * An address in one canonical form, IPv4-mapped IPv6 (`::ffff:169.254.169.254`, which the URL
 * parser spells `::ffff:a9fe:a9fe`) as the IPv4 address it reaches.
 */
function parseAddress(raw: string): Address | undefined {
  const text = stripBrackets(raw).split('%')[0] ?? '';
  const family = isIP(text);
  if (family === 4) return { text, type: 'ipv4', key: text };
  if (family !== 6) return undefined;
  const groups = ipv6Groups(text.toLowerCase());
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const ipv4 = ipv4FromGroups(groups[6] ?? 0, groups[7] ?? 0);
    return { text: ipv4, type: 'ipv4', key: ipv4 };
  }
  return { text: text.toLowerCase(), type: 'ipv6', key: groups.join(':') };
}

/** The eight 16-bit groups of an address isIP already accepted as IPv6. */
function ipv6Groups(text: string): number[] {
  let hex = text;
  const lastColon = hex.lastIndexOf(':');
  const tail = hex.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    hex = `${hex.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = hex.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16));
}

const ipv4FromGroups = (high: number, low: number): string =>
  [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');

const HOST_PATTERN = /^[a-z0-9_.*-]+$/i;
const DIGITS_AND_DOTS = /^[\d.]+$/;

/** A CIDR, an address or a host pattern; anything else stops start-up with the entry named. */
function parseEntry(entry: string, list: 'allow' | 'deny'): Rule {
  const fail = (why: string) => new Error(`Invalid webhook egress ${list} entry "${entry}": ${why}.`);
  const text = entry.trim();
  if (text.includes('/')) return cidrRule(entry, text, fail);
  const address = parseAddress(text);
  if (address) return { entry, matches: (_hostname, destination) => destination.key === address.key };
  if (DIGITS_AND_DOTS.test(text)) throw fail('not a valid IPv4 address');
  if (!HOST_PATTERN.test(text))
    throw fail('expected a CIDR (10.0.0.0/8), an address, or a host name with * (*.example.com)');
  const pattern = hostPattern(text.toLowerCase().replace(/\.$/, ''));
  return { entry, matches: (hostname) => pattern(hostname) };
}

function cidrRule(entry: string, text: string, fail: (why: string) => Error): Rule {
  const [network = '', bits = '', ...extra] = text.split('/');
  const address = parseAddress(network);
  if (!address || extra.length > 0) throw fail('the part before / is not an IP address');
  const wasMapped = address.type === 'ipv4' && isIP(stripBrackets(network)) === 6;
  const max = address.type === 'ipv4' && !wasMapped ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) throw fail(`the prefix length must be 0 to ${max}`);
  let prefix = Number(bits);
  // Destinations are compared in IPv4 form when mapped, so a mapped range becomes an IPv4 one.
  if (wasMapped) {
    if (prefix < 96) throw fail('an IPv4-mapped range needs a prefix length of 96 or more');
    prefix -= 96;
  }
  const subnet = blockList([[address.text, prefix, address.type]]);
  return { entry, matches: (_hostname, destination) => subnet.check(destination.text, destination.type) };
}

/** `*` stands for any run of characters (dots included), case-insensitively (see globMatches). */
function hostPattern(pattern: string): (hostname: string) => boolean {
  const lower = pattern.toLowerCase();
  return (hostname) => globMatches(lower, hostname.toLowerCase());
}
