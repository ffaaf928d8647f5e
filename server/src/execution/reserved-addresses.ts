/**
 * The addresses AWS reserves in every subnet CIDR block, which EC2 never assigns: the first four
 * and the last, IPv4 and IPv6 alike (Amazon VPC User Guide, "Subnet CIDR blocks": for 10.0.0.0/24
 * the network address 10.0.0.0, the VPC router 10.0.0.1, 10.0.0.2 for DNS, 10.0.0.3 for future
 * use and the broadcast address 10.0.0.255; for 2001:db8:1234:1a00::/64 its ::, ::1 (the VPC
 * router), ::2, ::3 and its last address). The preflight and the live checks both report an
 * explicit address that is one of them, with the same sentence.
 *
 * Only what is certain is reported. The guide states the five for every subnet block; whether the
 * network and broadcast addresses of a public block (one brought with BYOIP, or a public range used
 * as a VPC's private space) behave the same was not confirmed from AWS's documents, and
 * DescribeSubnets does not say where a block comes from: in a block outside the private ranges
 * (RFC 1918 and 100.64.0.0/10) those two are not reported, only the three AWS uses for the router,
 * DNS and future use. Prefixes (`Ipv4Prefixes`, /28) that contain a reserved address are not
 * reported either: the guide does not say EC2 refuses them.
 *
 * SDK-free: the live checks import it as well as the preflight.
 */
import { inCidr, network } from './address-text';

/** Where a reserved address sits in its block: one of the first four, or the last. */
export type ReservedPosition = 0 | 1 | 2 | 3 | 'last';

export interface Reserved {
  /** The subnet CIDR block the address is reserved in. */
  readonly block: string;
  readonly position: ReservedPosition;
}

/** The private IPv4 ranges: in their blocks the first and last addresses are certainly reserved. */
const PRIVATE_IPV4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** What AWS reserves each address for, as the guide names it. */
const ROLES: Readonly<Record<4 | 6, Readonly<Record<ReservedPosition, string>>>> = {
  4: { 0: 'as its network address', 1: 'for the VPC router', 2: 'for DNS', 3: 'for future use', last: 'as its broadcast address' },
  6: { 0: 'as its first address', 1: 'for the VPC router', 2: 'as its third address', 3: 'as its fourth address', last: 'as its last address' },
};

/**
 * The reserved address `address` is in the first of `blocks` that holds it; undefined when it is
 * not reserved, is a prefix rather than an address, or does not parse.
 */
export function reservedIn(address: string, blocks: readonly string[]): Reserved | undefined {
  const inner = network(address, true);
  if (!inner || address.includes('/')) return undefined;
  for (const block of blocks) {
    const outer = network(block, false);
    if (!outer || outer.family !== inner.family || inCidr(address, block) !== true) continue;
    const hostBits = BigInt((outer.family === 4 ? 32 : 128) - outer.length);
    const offset = inner.bits - ((outer.bits >> hostBits) << hostBits);
    const last = (1n << hostBits) - 1n;
    const position: ReservedPosition | undefined = offset === last ? 'last' : offset <= 3n ? (Number(offset) as 0 | 1 | 2 | 3) : undefined;
    if (position === undefined) return undefined;
    const edge = position === 0 || position === 'last';
    if (edge && outer.family === 4 && !PRIVATE_IPV4.some((range) => inCidr(block, range) === true)) return undefined;
    return { block, position };
  }
  return undefined;
}

/** "10.0.1.3 is reserved by AWS in subnet-… (10.0.1.0/24) for future use: the first four addresses and the last are never assigned." */
export function reservedMessage(address: string, subnetId: string, { block, position }: Reserved): string {
  const family = network(block, false)?.family ?? 4;
  return `${address} is reserved by AWS in ${subnetId} (${block}) ${ROLES[family][position]}: the first four addresses and the last are never assigned.`;
}
