/**
 * Which addresses a feed may be fetched from. Private, loopback, link-local, CGNAT, multicast and
 * reserved ranges are refused (SSRF: a source's feed URL is typed by an editor, and a redirect or a
 * DNS answer can point anywhere) unless the operator allows private networks.
 */
import { isIP, BlockList } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['2002::', 16],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** True when the address is not a public unicast one. IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as IPv4. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return blocked.check(address, 'ipv6');
  return true;
}

export class BlockedAddressError extends Error {
  readonly code = 'INGEST_BLOCKED_ADDRESS';
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private, loopback or link-local address; set INGEST_ALLOW_PRIVATE_NETWORKS=true to allow it`);
    this.name = 'BlockedAddressError';
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFunction = (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback) => void;

/**
 * A `lookup` for node:http(s) that resolves the host, refuses it if any of its addresses is
 * blocked, and hands the socket the very address it checked: a second DNS answer (rebinding)
 * is never asked for.
 */
export function checkedLookup(allowPrivate: boolean, resolver: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      if (!allowPrivate) {
        const bad = list.find((a) => isPrivateAddress(a.address));
        if (bad) return callback(new BlockedAddressError(hostname, bad.address), '');
      }
      if (options.all) return callback(null, list);
      const chosen = list[0]!;
      callback(null, chosen.address, chosen.family);
    });
  };
}
