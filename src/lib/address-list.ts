import { BlockList, isIP } from 'node:net';

/**
 * Addresses and CIDR ranges (`203.0.113.7`, `10.0.0.0/8`, `2001:db8::/32`) as one matcher, on
 * Node's BlockList. An IPv4 client seen as `::ffff:a.b.c.d` (a dual-stack socket) matches its
 * IPv4 entries.
 */
export class AddressList {
  readonly #list = new BlockList();

  /** Throws naming the first entry that is neither an address nor a CIDR. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', bits] = entry.split('/');
      const family = isIP(address);
      if (family === 0) throw new Error(`${entry} is not an IP address or CIDR range`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (bits === undefined) {
        this.#list.addAddress(address, type);
        continue;
      }
      const prefix = Number(bits);
      if (!/^\d{1,3}$/.test(bits) || prefix > (family === 4 ? 32 : 128)) {
        throw new Error(`${entry} has an invalid prefix length`);
      }
      this.#list.addSubnet(address, prefix, type);
    }
  }

  has(address: string): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const plain = mapped ?? address;
    const family = isIP(plain);
    if (family === 0) return false;
    return this.#list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  }
}
