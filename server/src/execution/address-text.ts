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
