/**
 * Addresses already in use (`live:address-in-use`): an explicit private IPv4 or IPv6 address that
 * another network interface of the same subnet holds. The subnet is the `SubnetId` beside the
 * address, or for an Assign request the subnet of the interface it names, known once that
 * interface has been looked up. An address the named interface itself holds is not in use
 * elsewhere, and Assign requests with `AllowReassignment: true` are never checked (references.ts).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AddressQuery } from '../../execution/lookups';
import type { Known } from './cache';
import { LiveCode, liveWarning } from './diagnostic';
import type { AddressReference } from './references';

/** Descriptions are the interface's own text: long ones are cut for the message. */
const MAX_DESCRIPTION = 60;

/** The subnet the address must be free in; undefined while unknown, or when the subnet does not exist. */
function subnetOf(reference: AddressReference, known: Known): string | undefined {
  if (reference.subnet) return known.resource('subnet', reference.subnet.id)?.exists === false ? undefined : reference.subnet.id;
  const eni = reference.networkInterface ? known.resource('eni', reference.networkInterface.id) : undefined;
  return eni?.exists ? eni.resource.subnetId : undefined;
}

/** Per subnet, the addresses whose holder the cache does not know (or only stale). */
export function addressesToLookUp(references: readonly AddressReference[], known: Known): AddressQuery[] {
  const bySubnet = new Map<string, Set<string>>();
  for (const reference of references) {
    const subnetId = subnetOf(reference, known);
    if (!subnetId) continue;
    const cached = known.address(subnetId, reference.canonical);
    if (cached && !cached.stale) continue;
    bySubnet.set(subnetId, (bySubnet.get(subnetId) ?? new Set()).add(reference.canonical));
  }
  return [...bySubnet].map(([subnetId, addresses]) => ({ subnetId, addresses: [...addresses] }));
}

export function addressInUseDiagnostics(document: TextDocument, references: readonly AddressReference[], known: Known): Diagnostic[] {
  return references.flatMap((reference) => {
    const subnetId = subnetOf(reference, known);
    const lookup = subnetId ? known.address(subnetId, reference.canonical) : undefined;
    if (!lookup?.inUse || lookup.holder.networkInterfaceId === reference.networkInterface?.id) return [];
    const { holder } = lookup;
    const about = [holder.description ? `"${clip(holder.description)}"` : '', holder.instanceId ? `attached to ${holder.instanceId}` : ''].filter(Boolean);
    const { subnet, networkInterface } = reference;
    // An Assign request (no SubnetId): only IPv4 addresses can be moved, with AllowReassignment.
    const hint = !subnet && reference.family === 4 ? ' AllowReassignment: true would move it.' : '';
    const message = `${reference.address} is already in use by ${holder.networkInterfaceId}${about.length ? ` (${about.join(', ')})` : ''} in ${subnetId}.${hint}`;
    const related = subnet
      ? [{ node: subnet.node, message: subnet.id }]
      : networkInterface
        ? [{ node: networkInterface.node, message: `${networkInterface.id} is in ${subnetId}` }]
        : [];
    return [liveWarning(document, reference.node, LiveCode.addressInUse, message, related)];
  });
}

function clip(text: string): string {
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}
