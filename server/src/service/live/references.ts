/**
 * What a live check looks at in a request: the resource IDs it names (found by walking the tree
 * with the operation schema's `x-idKind`), and explicit private IPv4 addresses next to the subnet
 * they must lie in (`PrivateIpAddress`, `PrivateIpAddresses[].PrivateIpAddress` in an object with
 * a `SubnetId`: CreateNetworkInterface, RunInstances and its NetworkInterfaces entries).
 *
 * Only IDs the static rules accept are looked up: malformed IDs and the all-zero placeholders
 * already have their own diagnostics.
 */
import type { ResourceKind } from '../../execution/describe-resources';
import { getProperty } from '../document/navigate';
import type { ObjectNode, StringNode, ValueNode } from '../document/tree';
import type { RequestAnalysis } from '../language-service';
import { isPlaceholder } from '../model/placeholders';
import { isWellFormedId } from '../model/resource-ids';
import type { MemberSchema } from '../model/schema-types';
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
  readonly address: string;
  readonly node: StringNode;
  /** The `SubnetId` of the same object. */
  readonly subnet: IdReference;
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
  return { ids, addresses };
}

function idReference(node: ValueNode, schema: MemberSchema | undefined): IdReference | undefined {
  const kind = schema?.['x-idKind'];
  if (node.kind !== 'string' || !schema || !isLiveKind(kind)) return undefined;
  if (!isWellFormedId(node.value, kind) || isPlaceholder(node.value, schema)) return undefined;
  return { kind, id: node.value, node };
}

/** In an object with a subnet-ID `SubnetId`: its explicit IPv4 `PrivateIpAddress` and `PrivateIpAddresses[].PrivateIpAddress`. */
function addressesBesideSubnet(object: ObjectNode, schema: MemberSchema): AddressReference[] {
  const subnetSchema = propertySchema(schema, 'SubnetId');
  const subnetNode = getProperty(object, 'SubnetId')?.value;
  const subnet = subnetNode && subnetSchema?.['x-idKind'] === 'subnet' ? idReference(subnetNode, subnetSchema) : undefined;
  if (!subnet) return [];
  const found: AddressReference[] = [];
  const take = (node: ValueNode | undefined, memberSchema: MemberSchema | undefined) => {
    if (node?.kind === 'string' && memberSchema?.['x-format'] === 'ipv4' && parseIpv4(node.value) !== undefined) found.push({ address: node.value, node, subnet });
  };
  take(getProperty(object, 'PrivateIpAddress')?.value, propertySchema(schema, 'PrivateIpAddress'));
  const list = getProperty(object, 'PrivateIpAddresses')?.value;
  const itemSchema = propertySchema(schema, 'PrivateIpAddresses')?.items;
  if (list?.kind === 'array' && itemSchema?.type === 'object') {
    for (const item of list.items) {
      if (item.kind === 'object') take(getProperty(item, 'PrivateIpAddress')?.value, propertySchema(itemSchema, 'PrivateIpAddress'));
    }
  }
  return found;
}

/** A dotted-quad IPv4 address as a 32-bit number; undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!match) return undefined;
  let value = 0;
  for (const part of match.slice(1)) {
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** Whether an IPv4 address lies in an IPv4 CIDR block; undefined when either does not parse. */
export function inIpv4Cidr(address: string, cidr: string): boolean | undefined {
  const [base, bits] = cidr.split('/');
  const ip = parseIpv4(address);
  const network = parseIpv4(base ?? '');
  const length = Number(bits);
  if (ip === undefined || network === undefined || !Number.isInteger(length) || length < 0 || length > 32) return undefined;
  const size = 2 ** (32 - length);
  return Math.floor(ip / size) === Math.floor(network / size);
}
