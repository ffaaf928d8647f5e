/**
 * The checks of what a request names against what exists: IDs that do not exist in the region
 * (`live:not-found`), and explicit IPv4 addresses outside the CIDR block of the subnet beside them
 * (`live:address-outside-subnet`).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ResourceKind } from '../../execution/lookups';
import type { Known } from './cache';
import { LiveCode, liveWarning } from './diagnostic';
import { inIpv4Cidr, type AddressReference, type IdReference } from './references';

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
    const lookup = subnet && family === 4 ? known.resource('subnet', subnet.id) : undefined;
    const cidr = lookup?.exists ? lookup.resource.cidrBlock : undefined;
    if (!subnet || !cidr || inIpv4Cidr(address, cidr) !== false) return [];
    const message = `${address} is outside ${subnet.id} (${cidr}): EC2 only assigns addresses from the subnet's range.`;
    return [liveWarning(document, node, LiveCode.addressOutsideSubnet, message, [{ node: subnet.node, message: `${subnet.id}: ${cidr}` }])];
  });
}
