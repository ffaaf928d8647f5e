/**
 * The checks of what a request names against what exists: IDs that do not exist in the region
 * (`live:not-found`); explicit IPv4 addresses outside the CIDR block of the subnet beside them
 * (`live:address-outside-subnet`); explicit IPv4 and IPv6 addresses that are one of the five AWS
 * reserves in that subnet's CIDR blocks (`live:address-reserved`, execution/reserved-addresses.ts).
 * "Beside them": wherever an object holds a `SubnetId` and the addresses (references.ts), so
 * launch templates, Spot requests and Spot Fleet specifications as well as CreateNetworkInterface
 * and RunInstances.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { inCidr } from '../../execution/address-text';
import type { ResourceKind } from '../../execution/lookups';
import { reservedIn, reservedMessage } from '../../execution/reserved-addresses';
import type { Known } from './cache';
import { LiveCode, liveWarning } from './diagnostic';
import type { AddressReference, IdReference } from './references';

const KIND_NAMES: Record<ResourceKind, string> = { subnet: 'Subnet', sg: 'Security group', eni: 'Network interface', i: 'Instance' };

export function notFoundDiagnostics(document: TextDocument, ids: readonly IdReference[], known: Known): Diagnostic[] {
  return ids.flatMap((reference) => {
    const lookup = known.resource(reference.kind, reference.id);
    if (lookup?.exists !== false) return [];
    const message = `${KIND_NAMES[reference.kind]} ${reference.id} does not exist in ${lookup.region || 'the region'}, or the credentials in use cannot see it.`;
    return [liveWarning(document, reference.node, LiveCode.notFound, message)];
  });
}

export function outsideSubnetDiagnostics(document: TextDocument, addresses: readonly AddressReference[], known: Known): Diagnostic[] {
  return addresses.flatMap(({ address, family, node, subnet }) => {
    const cidr = family === 4 ? subnetBlocks(subnet, family, known)[0] : undefined;
    if (!subnet || !cidr || inCidr(address, cidr) !== false) return [];
    const message = `${address} is outside ${subnet.id} (${cidr}): EC2 only assigns addresses from the subnet's range.`;
    return [liveWarning(document, node, LiveCode.addressOutsideSubnet, message, [{ node: subnet.node, message: `${subnet.id}: ${cidr}` }])];
  });
}

export function reservedAddressDiagnostics(document: TextDocument, addresses: readonly AddressReference[], known: Known): Diagnostic[] {
  return addresses.flatMap(({ address, family, node, subnet }) => {
    const reserved = subnet && reservedIn(address, subnetBlocks(subnet, family, known));
    if (!subnet || !reserved) return [];
    const message = reservedMessage(address, subnet.id, reserved);
    return [liveWarning(document, node, LiveCode.addressReserved, message, [{ node: subnet.node, message: `${subnet.id}: ${reserved.block}` }])];
  });
}

/** The CIDR blocks of the address family of the subnet beside an address, as far as the cache knows the subnet. */
function subnetBlocks(subnet: IdReference | undefined, family: 4 | 6, known: Known): string[] {
  const lookup = subnet ? known.resource('subnet', subnet.id) : undefined;
  if (!lookup?.exists) return [];
  const { cidrBlock, ipv6CidrBlocks = [] } = lookup.resource;
  return family === 4 ? (cidrBlock ? [cidrBlock] : []) : ipv6CidrBlocks;
}
