/**
 * What a live check looks at in a request: the resource IDs it names (found by walking the tree
 * with the operation schema's `x-idKind`), and explicit private IPv4 and IPv6 addresses with where
 * they go: the subnet beside them (`PrivateIpAddress`, `PrivateIpAddresses[].PrivateIpAddress`,
 * `Ipv6Addresses[].Ipv6Address` in an object with a `SubnetId`: CreateNetworkInterface,
 * RunInstances and the NetworkInterfaces entries of every launch specification, a launch
 * template's, a Spot request's, a Spot Fleet's), or the interface of an Assign request.
 *
 * Only IDs and addresses the static rules accept are looked up: malformed ones and the all-zero
 * placeholders already have their own diagnostics.
 */
import { canonicalAddress, type AddressFamily } from '../../execution/address-text';
import type { ResourceKind } from '../../execution/lookups';
import { getProperty } from '../document/navigate';
import type { ObjectNode, StringNode, ValueNode } from '../document/tree';
import type { RequestAnalysis } from '../service-types';
import { isPlaceholder } from '../../model/placeholders';
import { isWellFormedId } from '../../model/resource-ids';
import type { MemberSchema, OperationSchema } from '../../model/schema-types';
import { propertySchema, walkWithSchema } from '../validation/schema-walk';

/** The `x-idKind`s the live checks know: the kinds the Describe calls can look up. */
export const LIVE_KINDS: ReadonlySet<string> = new Set<ResourceKind>(['subnet', 'sg', 'eni', 'i']);

/** Unique IDs looked up per document at most; a longer request has the rest unchecked. */
export const MAX_IDS_PER_DOCUMENT = 500;

export interface IdReference {
  readonly kind: ResourceKind;
  readonly id: string;
  readonly node: StringNode;
}

export interface AddressReference {
  /** As written. */
  readonly address: string;
  /** One spelling per address (execution/address-text.ts): what the look-ups and the cache use. */
  readonly canonical: string;
  readonly family: AddressFamily;
  readonly node: StringNode;
  /** The `SubnetId` of the same object; undefined in an Assign request. */
  readonly subnet?: IdReference;
  /**
   * The `NetworkInterfaceId` of the same object: where an Assign request puts the address (an
   * address that interface already holds is not in use elsewhere).
   */
  readonly networkInterface?: IdReference;
}

export interface LiveReferences {
  readonly ids: IdReference[];
  readonly addresses: AddressReference[];
}

const NONE: LiveReferences = { ids: [], addresses: [] };

export function isLiveKind(kind: string | undefined): kind is ResourceKind {
  return kind !== undefined && LIVE_KINDS.has(kind);
}

/** The IDs (every occurrence, at most MAX_IDS_PER_DOCUMENT distinct ones) and addresses to check. */
export function collectReferences(analysis: RequestAnalysis): LiveReferences {
  const { parsed, operation } = analysis;
  const root = parsed?.root;
  if (!root || !operation || analysis.tooLarge) return NONE;
  const ids: IdReference[] = [];
  const addresses: AddressReference[] = [];
  const distinct = new Set<string>();
  walkWithSchema(root, operation, (node, schema) => {
    if (node.kind === 'string') {
      const reference = idReference(node, schema);
      if (!reference) return;
      const key = `${reference.kind} ${reference.id}`;
      if (!distinct.has(key)) {
        if (distinct.size >= MAX_IDS_PER_DOCUMENT) return;
        distinct.add(key);
      }
      ids.push(reference);
    } else if (node.kind === 'object') {
      addresses.push(...addressesBesideSubnet(node, schema));
    }
  });
  addresses.push(...assignedAddresses(root, operation));
  return { ids, addresses };
}

/** The ID in `node` when its schema says it holds one of the live kinds (`expected`, if given) and it is well formed. */
export function idReference(node: ValueNode | undefined, schema: MemberSchema | undefined, expected?: ResourceKind): IdReference | undefined {
  const kind = schema?.['x-idKind'];
  if (node?.kind !== 'string' || !schema || !isLiveKind(kind) || (expected && kind !== expected)) return undefined;
  if (!isWellFormedId(node.value, kind) || isPlaceholder(node.value, schema)) return undefined;
  return { kind, id: node.value, node };
}

/** In an object with a subnet-ID `SubnetId`: its explicit `PrivateIpAddress`, `PrivateIpAddresses[].PrivateIpAddress` and `Ipv6Addresses[].Ipv6Address`. */
function addressesBesideSubnet(object: ObjectNode, schema: MemberSchema): AddressReference[] {
  const subnet = idReference(getProperty(object, 'SubnetId')?.value, propertySchema(schema, 'SubnetId'), 'subnet');
  if (!subnet) return [];
  const where = {
    subnet,
    networkInterface: idReference(getProperty(object, 'NetworkInterfaceId')?.value, propertySchema(schema, 'NetworkInterfaceId'), 'eni'),
  };
  const found = addressAt(getProperty(object, 'PrivateIpAddress')?.value, propertySchema(schema, 'PrivateIpAddress'), where);
  for (const [list, member] of [
    ['PrivateIpAddresses', 'PrivateIpAddress'],
    ['Ipv6Addresses', 'Ipv6Address'],
  ] as const) {
    const items = getProperty(object, list)?.value;
    const itemSchema = propertySchema(schema, list)?.items;
    if (items?.kind !== 'array' || itemSchema?.type !== 'object') continue;
    for (const item of items.items) {
      if (item.kind === 'object') found.push(...addressAt(getProperty(item, member)?.value, propertySchema(itemSchema, member), where));
    }
  }
  return found;
}

/** The list member of the Assign requests that names addresses to add to `NetworkInterfaceId`. */
const ASSIGNED: Readonly<Record<string, string>> = { AssignPrivateIpAddresses: 'PrivateIpAddresses', AssignIpv6Addresses: 'Ipv6Addresses' };

/**
 * An Assign request's addresses, which go to the interface it names (in that interface's subnet).
 * None with `AllowReassignment: true`: taking an address from another interface is then the point.
 */
function assignedAddresses(root: ValueNode, operation: OperationSchema): AddressReference[] {
  const name = operation['x-operation'].name;
  const member = Object.hasOwn(ASSIGNED, name) ? ASSIGNED[name] : undefined;
  if (!member || root.kind !== 'object') return [];
  const reassign = getProperty(root, 'AllowReassignment')?.value;
  if (reassign?.kind === 'boolean' && reassign.value) return [];
  const networkInterface = idReference(getProperty(root, 'NetworkInterfaceId')?.value, propertySchema(operation, 'NetworkInterfaceId'), 'eni');
  const list = getProperty(root, member)?.value;
  const itemSchema = propertySchema(operation, member)?.items;
  if (!networkInterface || list?.kind !== 'array' || !itemSchema) return [];
  return list.items.flatMap((item) => addressAt(item, itemSchema, { networkInterface }));
}

/** The address in `node` when its schema's format says IPv4 or IPv6 and it is one of those. */
function addressAt(
  node: ValueNode | undefined,
  schema: MemberSchema | undefined,
  where: Pick<AddressReference, 'subnet' | 'networkInterface'>,
): AddressReference[] {
  const format = schema?.['x-format'];
  if (node?.kind !== 'string' || (format !== 'ipv4' && format !== 'ipv6')) return [];
  const address = canonicalAddress(node.value);
  if (address?.family !== (format === 'ipv4' ? 4 : 6)) return [];
  return [{ address: node.value, canonical: address.address, family: address.family, node, ...where }];
}
