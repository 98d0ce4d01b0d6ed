/**
 * Who reported, and from which network, without keeping the address.
 *
 * The one place that turns a client IP into something storable: raw addresses go in,
 * only HMACs come out (never in an error message either: a bad value may still hold a
 * real address, e.g. an unsplit X-Forwarded-For list).
 */
import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

export class InvalidIpError extends Error {
  readonly code = 'MODERATION_INVALID_IP';
  constructor() {
    super('The client IP is not a valid IPv4 or IPv6 address (value withheld); check TRUST_PROXY and the proxy headers');
    this.name = 'InvalidIpError';
  }
}

type ParsedIp = { version: 4; octets: number[] } | { version: 6; groups: number[] };

/**
 * Parses what `ctx.ip` or a proxy header may carry: plain IPv4/IPv6, IPv6 in brackets,
 * with a port ("203.0.113.7:443", "[2001:db8::1]:443"), or with a zone id ("fe80::1%eth0").
 * Ports and zones say nothing about who the reader is, so they are dropped.
 * IPv4-mapped IPv6 (::ffff:203.0.113.7) is the IPv4 reader seen through a dual-stack
 * socket and becomes IPv4, so one reader gets one key whichever socket they came in by.
 */
function parseIp(input: string): ParsedIp {
  if (typeof input !== 'string') throw new InvalidIpError();
  let text = input.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(text);
  const port = bracketed?.[2] ?? v4WithPort?.[2];
  if (port !== undefined && Number(port) > 65535) throw new InvalidIpError();
  if (bracketed) text = bracketed[1];
  else if (v4WithPort) text = v4WithPort[1];

  if (!bracketed && isIPv4(text)) return { version: 4, octets: text.split('.').map(Number) };
  const address = text.replace(/%[^%]+$/, '');
  if (!isIPv6(address)) throw new InvalidIpError();
  const groups = ipv6Groups(address);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return { version: 4, octets: [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff] };
  return { version: 6, groups };
}

/** Eight 16-bit groups of a valid IPv6 address (compressed or not, dotted tail or not). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a, b, c, d] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest ? rest.split(':') : [];
  const zeros = rest === undefined ? [] : new Array<string>(8 - headGroups.length - restGroups.length).fill('0');
  return [...headGroups, ...zeros, ...restGroups].map((g) => parseInt(g, 16));
}

/** RFC 5952 text: lower case, no leading zeros, the longest run (2+) of zero groups as "::". */
function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function format(ip: ParsedIp): string {
  return ip.version === 4 ? ip.octets.join('.') : formatIpv6(ip.groups);
}

/** The same address always written the same way (IPv4 dotted, IPv6 RFC 5952). Throws InvalidIpError. */
export function canonicalIp(ip: string): string {
  return format(parseIp(ip));
}

/** The first `bits` bits of an IPv6 address as CIDR text, e.g. "2001:db8:1::/48". */
function ipv6Prefix(groups: number[], bits: 48 | 64): string {
  const kept = bits / 16;
  return `${formatIpv6(groups.map((g, i) => (i < kept ? g : 0)))}/${bits}`;
}

function hmac(secret: string, text: string): string {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new TypeError('The moderation secret is empty; set MODERATION_SECRET');
  }
  return createHmac('sha256', secret).update(text).digest('hex');
}

export interface ReporterIdentity {
  userId?: number | string | null;
  ip?: string | null;
}

/**
 * The identity one reporter counts as, for "one report per reporter" and rate limits.
 * - A logged-in user is `user:<id>`, wherever they report from.
 * - Anyone else is `ip:` + HMAC(secret, address). For IPv6 the address is the /64: an
 *   ISP hands a subscriber a whole /64 and privacy extensions rotate the rest, so a
 *   full-address key would let one reader be endless "distinct reporters" and dodge the
 *   rate limit. IPv4 keeps the full address (a /24 is many households).
 */
export function reporterKey(identity: ReporterIdentity, secret: string): string {
  const { userId } = identity;
  if (userId !== undefined && userId !== null && userId !== '') return `user:${checkedUserId(userId)}`;
  const ip = parseIp(identity.ip ?? '');
  const subject = ip.version === 4 ? format(ip) : ipv6Prefix(ip.groups, 64);
  return `ip:${hmac(secret, subject)}`;
}

/** The key of a reader's address alone (IPv4 address, IPv6 /64), whether or not they are signed in. */
export function addressKey(ip: string, secret: string): string {
  return reporterKey({ ip }, secret);
}

/** The key of a signed-in account; only for a user that exists, is confirmed and is not blocked. */
export function accountKey(userId: number | string): string {
  return `user:${checkedUserId(userId)}`;
}

function checkedUserId(userId: number | string): string {
  const valid =
    typeof userId === 'number'
      ? Number.isSafeInteger(userId) && userId > 0
      : typeof userId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(userId);
  if (!valid) throw new TypeError('A reporter user id must be a positive integer or a short id string');
  return String(userId);
}

/**
 * The network a report came from, for the "at least minNetworks networks" rule:
 * HMAC of the IPv4 /24 or the IPv6 /48 (a typical site allocation). Logged-in users
 * need one too: ten accounts on one office network are still one network.
 * Invalid input throws rather than returning a shared "unknown" key: a shared key would
 * quietly make every reader behind a misconfigured proxy one network, and auto-hide
 * would stop working without anyone noticing.
 */
export function networkKey(ip: string, secret: string): string {
  const parsed = parseIp(ip);
  const subject =
    parsed.version === 4 ? `${parsed.octets.slice(0, 3).join('.')}.0/24` : ipv6Prefix(parsed.groups, 48);
  return `net:${hmac(secret, subject)}`;
}
