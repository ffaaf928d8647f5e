/**
 * Rules for every operation, driven by the schema: the same address, prefix, security group ID or
 * tag key twice in one list (duplicate-value), tag keys in the reserved `aws:` namespace
 * (tag-limits; lengths and the 50-tag limit are schema ranges), non-ASCII client tokens
 * (client-token; the length is a schema range).
 */
import { isIPv4, isIPv6 } from 'node:net';
import { getProperty, toPlainValue } from '../../document/navigate';
import type { ArrayNode, ObjectNode, StringNode } from '../../document/tree';
import type { AddressFormat, MemberSchema } from '../../../model/schema-types';
import { clip, displayPath, type MemberPath, type Problem, type RuleGroup } from '../problem';
import { walkWithSchema } from '../schema-walk';

type Report = (problem: Problem) => void;

/** Structure members that identify a list entry by its address or prefix. */
const ADDRESS_MEMBERS = ['PrivateIpAddress', 'Ipv6Address', 'Ipv4Prefix', 'Ipv6Prefix'] as const;

export const commonRules: RuleGroup = {
  name: 'common',
  check({ operation, root, report }) {
    const operationName = operation['x-operation'].name;
    walkWithSchema(
      root,
      operation,
      (node, schema, path) => {
        if (node.kind === 'array' && schema.items) checkDuplicates(node, schema.items, path, operationName, report);
        else if (node.kind === 'object' && schema['x-shape'] === 'Tag') checkReservedTagKey(node, path, report);
        else if (node.kind === 'string' && schema['x-code'] === 'client-token') checkClientToken(node, path, report);
      },
      concerns,
    );
  },
};

/**
 * Whether a member with this schema, or anything below it, is something these rules look at: a
 * list whose entries have an identity, a tag, a client token. The rest (a describe's thousands of
 * filters) is not walked. Schemas are trees (structures are inlined), so this terminates.
 */
const concernCache = new WeakMap<MemberSchema, boolean>();
function concerns(schema: MemberSchema): boolean {
  let result = concernCache.get(schema);
  if (result !== undefined) return result;
  const items = schema.items;
  const listWithIdentity =
    items !== undefined &&
    (items['x-format'] !== undefined ||
      items['x-idKind'] === 'sg' ||
      items['x-shape'] === 'Tag' ||
      ADDRESS_MEMBERS.some((m) => items.properties?.[m] !== undefined));
  result =
    listWithIdentity ||
    schema['x-shape'] === 'Tag' ||
    schema['x-code'] === 'client-token' ||
    (items !== undefined && concerns(items)) ||
    (typeof schema.additionalProperties === 'object' && concerns(schema.additionalProperties)) ||
    Object.values(schema.properties ?? {}).some(concerns);
  concernCache.set(schema, result);
  return result;
}

/** What makes a list entry the same as another: the node to point at and a comparable key. */
interface Identity {
  node: StringNode;
  key: string;
  what: string;
}

function checkDuplicates(list: ArrayNode, itemSchema: MemberSchema, path: MemberPath, operationName: string, report: Report): void {
  const seen = new Map<string, { identity: Identity; index: number }>();
  list.items.forEach((item, index) => {
    const identity =
      item.kind === 'string' ? stringIdentity(item, itemSchema) : item.kind === 'object' ? objectIdentity(item, itemSchema, operationName) : undefined;
    if (!identity) return;
    const first = seen.get(identity.key);
    if (!first) {
      seen.set(identity.key, { identity, index });
      return;
    }
    const firstLabel = displayPath([...path, first.index]);
    const sameText = first.identity.node.value === identity.node.value;
    report({
      code: 'duplicate-value',
      severity: 'error',
      node: identity.node,
      message:
        `${identity.what} "${clip(identity.node.value)}" is already given in ${firstLabel}` +
        (sameText ? '' : ` (as "${clip(first.identity.node.value)}")`) +
        `: each may appear only once in ${displayPath(path)}. Remove this one.`,
      related: [{ node: first.identity.node, message: `the first ${identity.what}` }],
      fixes: [{ fix: 'remove-member', path: [...path, index], title: `Remove the repeated ${displayPath([...path, index])}` }],
    });
  });
}

/** Security group IDs and addresses/prefixes in plain string lists. */
function stringIdentity(node: StringNode, itemSchema: MemberSchema): Identity | undefined {
  if (node.value === '') return undefined;
  const format = itemSchema['x-format'];
  if (format) return { node, key: normalizeAddress(node.value, format), what: addressWord(format) };
  if (itemSchema['x-idKind'] === 'sg') return { node, key: node.value, what: 'Security group' };
  return undefined;
}

/** Tags by key, entries of address/prefix structures by their address or prefix. */
function objectIdentity(node: ObjectNode, itemSchema: MemberSchema, operationName: string): Identity | undefined {
  if (itemSchema['x-shape'] === 'Tag') {
    const key = getProperty(node, 'Key')?.value;
    if (key?.kind !== 'string') return undefined;
    if (operationName !== 'DeleteTags') return { node: key, key: key.value, what: 'Tag key' };
    // DeleteTags may name one key with several values; only an exact repeat is a duplicate.
    const value = getProperty(node, 'Value')?.value;
    return { node: key, key: JSON.stringify([key.value, value ? toPlainValue(value) : null]), what: 'Tag' };
  }
  for (const member of ADDRESS_MEMBERS) {
    const memberSchema = itemSchema.properties?.[member];
    if (!memberSchema) continue;
    const value = getProperty(node, member)?.value;
    if (value?.kind !== 'string' || value.value === '') return undefined;
    const format = memberSchema['x-format'];
    return { node: value, key: format ? normalizeAddress(value.value, format) : value.value, what: format ? addressWord(format) : member };
  }
  return undefined;
}

function addressWord(format: AddressFormat): string {
  return format.endsWith('prefix') ? 'Prefix' : 'Address';
}

/** One spelling per address, so `2001:db8::1` and `2001:DB8:0::1` compare equal; unparsable text stays as is. */
function normalizeAddress(text: string, format: AddressFormat): string {
  const [address, bits, ...rest] = text.split('/');
  if (rest.length) return text;
  const suffix = bits === undefined ? '' : `/${bits}`;
  if ((format === 'ipv6' || format === 'ipv6-prefix') && isIPv6(address)) {
    return new URL(`http://[${address}]/`).hostname + suffix; // WHATWG URL canonicalizes IPv6 hosts
  }
  if ((format === 'ipv4' || format === 'ipv4-prefix') && isIPv4(address)) return address + suffix;
  return text;
}

function checkReservedTagKey(tag: ObjectNode, path: MemberPath, report: Report): void {
  const key = getProperty(tag, 'Key')?.value;
  if (key?.kind !== 'string' || !/^aws:/i.test(key.value)) return;
  report({
    code: 'tag-limits',
    severity: 'error',
    node: key,
    message: `${displayPath([...path, 'Key'])} "${clip(key.value)}" starts with "${key.value.slice(0, 4)}": the aws: prefix (in any case) is reserved for AWS. Choose a key without it.`,
  });
}

function checkClientToken(token: StringNode, path: MemberPath, report: Report): void {
  const offending = [...token.value].find((ch) => ch.codePointAt(0)! > 0x7f);
  if (offending === undefined) return;
  report({
    code: 'client-token',
    severity: 'error',
    node: token,
    message: `${displayPath(path)} must be ASCII, but contains "${offending}". Use only ASCII characters (at most 64).`,
  });
}
