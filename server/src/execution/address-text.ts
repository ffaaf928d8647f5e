/**
 * One spelling per IP address, so an address as written in a request and as EC2 returns it compare
 * equal: IPv6 compressed and lower case (the WHATWG URL parser canonicalizes IPv6 hosts), IPv4 as
 * is (only the strict dotted-decimal form is an address here, as in the static rules).
 *
 * SDK-free: the live checks import it as well as the look-ups.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type AddressFamily = 4 | 6;

export interface CanonicalAddress {
  readonly family: AddressFamily;
  readonly address: string;
}

/** The family and canonical text of an IP address; undefined when the text is not one. */
export function canonicalAddress(text: string): CanonicalAddress | undefined {
  if (isIPv4(text)) return { family: 4, address: text };
  if (!isIPv6(text) || text.includes('%')) return undefined; // a zone index is no EC2 address
  return { family: 6, address: new URL(`http://[${text}]/`).hostname.slice(1, -1) };
}

/**
 * Whether `value`, an address or a prefix in CIDR notation (`10.0.2.16/28`), lies wholly inside
 * the CIDR block `cidr` of the same family; undefined when either does not parse or the families
 * differ (nothing is concluded from text that is not an address).
 */
export function inCidr(value: string, cidr: string): boolean | undefined {
  const inner = network(value, true);
  const outer = network(cidr, false);
  if (!inner || !outer || inner.family !== outer.family) return undefined;
  if (inner.length < outer.length) return false;
  const shift = BigInt((inner.family === 4 ? 32 : 128) - outer.length);
  return inner.bits >> shift === outer.bits >> shift;
}

/** An address or CIDR block as its bits and prefix length (a bare address: the full length, when `bare` allows it). */
export function network(text: string, bare: boolean): { family: AddressFamily; bits: bigint; length: number } | undefined {
  const [address, length, extra] = text.trim().split('/');
  if (extra !== undefined || (length === undefined && !bare)) return undefined;
  const parsed = canonicalAddress(address);
  if (!parsed) return undefined;
  const width = parsed.family === 4 ? 32 : 128;
  if (length !== undefined && (!/^\d{1,3}$/.test(length) || Number(length) > width)) return undefined;
  return { family: parsed.family, bits: bitsOf(parsed), length: length === undefined ? width : Number(length) };
}

/** The address as a number: IPv4 from its four octets, IPv6 from its eight groups (canonical text: `::` at most once, no dotted tail). */
function bitsOf({ family, address }: CanonicalAddress): bigint {
  if (family === 4) return address.split('.').reduce((bits, octet) => (bits << 8n) | BigInt(octet), 0n);
  const [head, tail] = address.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(missing).fill('0'), ...groups(tail)];
  return all.reduce((bits, group) => (bits << 16n) | BigInt(parseInt(group, 16)), 0n);
}
