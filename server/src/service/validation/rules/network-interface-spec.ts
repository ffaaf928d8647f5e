/**
 * The address rules of one network interface specification: the CreateNetworkInterface request
 * itself and every RunInstances `NetworkInterfaces[]` entry (RULES.md, CreateNetworkInterface).
 * Members count only when the spec's schema declares them and they have the declared type; the
 * schema walk reports everything else.
 */
import { getProperty } from '../../document/navigate';
import type { ObjectNode, PropertyNode, ValueNode } from '../../document/tree';
import type { MemberSchema } from '../../../model/schema-types';
import { displayPath, type FixData, type MemberPath, type Problem, type RelatedNode, type RuleCode } from '../problem';
import { givenBySchema } from '../schema-walk';

export type Report = (problem: Problem) => void;

/** Every IP parameter of an interface: `efa-only` takes none of them. */
const IP_MEMBERS = [
  'PrivateIpAddress',
  'PrivateIpAddresses',
  'SecondaryPrivateIpAddressCount',
  'Ipv4Prefixes',
  'Ipv4PrefixCount',
  'Ipv6Addresses',
  'Ipv6AddressCount',
  'Ipv6Prefixes',
  'Ipv6PrefixCount',
] as const;

/** Launch-entry switches that give an efa-only interface an address it cannot have. */
const EFA_ONLY_SWITCHES = ['PrimaryIpv6', 'AssociatePublicIpAddress'] as const;

/** The IPv6 modes, most specific first: when several are given, the first one stays. */
const IPV6_MODES = ['Ipv6Addresses', 'Ipv6Prefixes', 'Ipv6AddressCount', 'Ipv6PrefixCount'] as const;

/** `Primary` of a PrivateIpAddresses entry; 'unknown' when the entry or flag has the wrong type. */
type PrimaryFlag = 'primary' | 'secondary' | 'unmarked' | 'unknown';

/** One interface specification: an object, its schema and its member path from the root. */
export class InterfaceSpec {
  constructor(
    readonly node: ObjectNode,
    readonly schema: MemberSchema | undefined,
    readonly path: MemberPath,
    /**
     * An entry of a launch specification (RunInstances, a launch template, Spot): their documentation
     * excludes prefixes beside secondary addresses only in CreateNetworkInterface's, so there that
     * mix is a warning.
     */
    readonly launchEntry = false,
  ) {}

  /** The member when it is given with its declared type (lists non-empty). */
  given(key: string): PropertyNode | undefined {
    return givenBySchema(this.node, this.schema, key);
  }

  /** `NetworkInterfaces[1].SubnetId`, or just `SubnetId` at the root. */
  label(key: string | PropertyNode): string {
    return displayPath([...this.path, typeof key === 'string' ? key : key.key.value]);
  }

  memberPath(...steps: (string | number)[]): MemberPath {
    return [...this.path, ...steps];
  }
}

/** A problem on the key of `goes` (the member that should go), with `related` naming the others. */
export function conflictProblem(
  spec: InterfaceSpec,
  code: RuleCode,
  goes: PropertyNode,
  others: RelatedNode[],
  message: string,
  fixes: FixData[] = [removeFix(spec, goes)],
): Problem {
  return { code, severity: 'error', node: goes.key, message, related: others, fixes };
}

export function removeFix(spec: InterfaceSpec, member: PropertyNode, title = `Remove ${spec.label(member)}`): FixData {
  return { fix: 'remove-member', path: spec.memberPath(member.key.value), title };
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function checkInterfaceSpec(spec: InterfaceSpec, report: Report): void {
  if (checkEfaOnly(spec, report)) return;
  const entries = primaryFlags(spec);
  const secondaries = specificSecondaries(spec, entries);
  if (entries) checkPrimary(spec, entries, report);
  checkIpv4Assignment(spec, secondaries, report);
  checkIpv4Prefixes(spec, secondaries, report);
  checkIpv6(spec, report);
}

/** Reports every IP member of an `efa-only` interface; true when the interface is efa-only. */
function checkEfaOnly(spec: InterfaceSpec, report: Report): boolean {
  const type = spec.given('InterfaceType');
  if (type?.value?.kind !== 'string' || type.value.value !== 'efa-only') return false;
  for (const key of [...IP_MEMBERS, ...EFA_ONLY_SWITCHES]) {
    const member = spec.given(key);
    // A count of 0 assigns nothing, which is what efa-only asks for; a switch set to false asks for nothing either.
    if (!member || (member.value?.kind === 'number' && member.value.value === 0) || (member.value?.kind === 'boolean' && !member.value.value)) continue;
    report(
      conflictProblem(
        spec,
        'efa-only-addresses',
        member,
        [{ node: type.value, message: 'the interface type that takes no IP addresses' }],
        `${spec.label(member)} assigns IP addresses, but ${spec.label('InterfaceType')} is efa-only: EFA-only interfaces do not support IP addresses. Remove ${key}, or use InterfaceType efa for an EFA with IP addresses.`,
      ),
    );
  }
  return true;
}

interface PrivateIpEntries {
  list: PropertyNode;
  items: ValueNode[];
  flags: PrimaryFlag[];
}

function primaryFlags(spec: InterfaceSpec): PrivateIpEntries | undefined {
  const list = spec.given('PrivateIpAddresses');
  if (list?.value?.kind !== 'array') return undefined;
  const items = list.value.items;
  const flags = items.map((item): PrimaryFlag => {
    if (item.kind !== 'object') return 'unknown';
    const primary = getProperty(item, 'Primary')?.value;
    if (!primary || primary.kind === 'null') return 'unmarked';
    return primary.kind === 'boolean' ? (primary.value ? 'primary' : 'secondary') : 'unknown';
  });
  return { list, items, flags };
}

/**
 * The PrivateIpAddresses member when it names specific secondary addresses. One primary entry is
 * not a secondary (seed 002 example 2: a primary entry plus a count is legal); neither is a lone
 * unmarked entry without PrivateIpAddress, which EC2 takes as the primary address.
 */
function specificSecondaries(spec: InterfaceSpec, entries: PrivateIpEntries | undefined): PropertyNode | undefined {
  if (!entries) return undefined;
  const { list, flags } = entries;
  if (flags.length >= 2) return list;
  const flag = flags[0];
  if (flag === 'secondary' || (flag === 'unmarked' && spec.given('PrivateIpAddress'))) return list;
  return undefined;
}

/** Only one primary IPv4 address: PrivateIpAddress, or one entry marked Primary. */
function checkPrimary(spec: InterfaceSpec, { items, flags }: PrivateIpEntries, report: Report): void {
  const single = spec.given('PrivateIpAddress');
  const singleAddress = single?.value?.kind === 'string' ? single.value.value : undefined;
  let first: PropertyNode | undefined;
  flags.forEach((flag, index) => {
    const entry = items[index];
    if (flag !== 'primary' || entry.kind !== 'object') return;
    const primaryKey = getProperty(entry, 'Primary')!;
    const entryLabel = spec.label('PrivateIpAddresses') + `[${index}]`;
    const address = addressOf(entry);
    if (single) {
      const fix: FixData =
        address !== undefined && address === singleAddress
          ? {
              fix: 'remove-member',
              path: spec.memberPath('PrivateIpAddresses', index),
              title: `Remove ${entryLabel}: it repeats ${spec.label('PrivateIpAddress')}`,
            }
          : { fix: 'remove-member', path: spec.memberPath('PrivateIpAddresses', index, 'Primary'), title: `Make ${address ?? entryLabel} a secondary address` };
      report({
        code: 'primary-ip-conflict',
        severity: 'error',
        node: primaryKey.key,
        message: `${entryLabel} is marked Primary, but ${spec.label(single)} already sets the primary address: an interface has only one primary IPv4 address. Remove Primary here (or remove ${single.key.value}).`,
        related: [{ node: single.key, message: `the primary address given by ${single.key.value}` }],
        fixes: [fix],
      });
    } else if (first) {
      report({
        code: 'primary-ip-conflict',
        severity: 'error',
        node: primaryKey.key,
        message: `${entryLabel} is marked Primary, but an earlier entry already is: an interface has only one primary IPv4 address. Remove Primary here to make ${address ?? 'this address'} a secondary address.`,
        related: [{ node: first.key, message: 'the entry already marked Primary' }],
        fixes: [
          { fix: 'remove-member', path: spec.memberPath('PrivateIpAddresses', index, 'Primary'), title: `Make ${address ?? entryLabel} a secondary address` },
        ],
      });
    } else {
      first = primaryKey;
    }
  });
}

function addressOf(entry: ObjectNode): string | undefined {
  const value = getProperty(entry, 'PrivateIpAddress')?.value;
  return value?.kind === 'string' ? value.value : undefined;
}

/** Specific secondary addresses and SecondaryPrivateIpAddressCount exclude each other: the count goes. */
function checkIpv4Assignment(spec: InterfaceSpec, secondaries: PropertyNode | undefined, report: Report): void {
  const count = spec.given('SecondaryPrivateIpAddressCount');
  if (!count || !secondaries) return;
  report(
    conflictProblem(
      spec,
      'ipv4-assignment-conflict',
      count,
      [{ node: secondaries.key, message: 'the specific secondary addresses' }],
      `${spec.label(count)} cannot be combined with specific secondary addresses in ${spec.label(secondaries)}: give either the secondary addresses or their count. Remove ${count.key.value}, or keep only the primary address in PrivateIpAddresses.`,
    ),
  );
}

/**
 * Ipv4Prefixes and Ipv4PrefixCount exclude each other (the count goes), and each excludes specific
 * secondary addresses and SecondaryPrivateIpAddressCount (the prefix member goes: the rule is about it).
 */
function checkIpv4Prefixes(spec: InterfaceSpec, secondaries: PropertyNode | undefined, report: Report): void {
  const prefixes = spec.given('Ipv4Prefixes');
  const prefixCount = spec.given('Ipv4PrefixCount');
  const addressSide = [secondaries, spec.given('SecondaryPrivateIpAddressCount')].filter((p): p is PropertyNode => p !== undefined);
  for (const [goes, others] of [
    [prefixes, addressSide],
    [prefixCount, prefixes ? [prefixes, ...addressSide] : addressSide],
  ] as const) {
    if (!goes || others.length === 0) continue;
    const names = others.map((o) => o.key.value);
    // A list and a count of prefixes always exclude each other; prefixes beside secondary addresses only where documented.
    const severity = spec.launchEntry && !others.includes(prefixes!) ? 'warning' : 'error';
    const problem = conflictProblem(
      spec,
      'ipv4-prefix-conflict',
      goes,
      others.map((o) => ({ node: o.key, message: `conflicts with ${goes.key.value}` })),
      severity === 'error'
        ? `${spec.label(goes)} cannot be combined with ${listNames(names)}: an interface takes IPv4 prefixes either as a list or as a count, and not together with secondary addresses or their count (a primary address is fine). Remove ${goes.key.value}.`
        : `${spec.label(goes)} beside ${listNames(names)}: EC2 documents prefixes and secondary addresses as exclusive for CreateNetworkInterface; for an interface created at launch it says nothing, and the mix is almost surely a mistake. Keep one of them.`,
    );
    report({ ...problem, severity });
  }
}

/** At most one IPv6 mode; `Ipv6AddressCount: 0` alone is legal (it overrides the subnet's auto-assign). */
function checkIpv6(spec: InterfaceSpec, report: Report): void {
  const given = IPV6_MODES.map((key) => spec.given(key)).filter((p): p is PropertyNode => p !== undefined);
  if (given.length < 2) return;
  const [kept, ...rest] = given;
  const modes = ['Ipv6Addresses', 'Ipv6AddressCount', 'Ipv6Prefixes', 'Ipv6PrefixCount'].filter((key) => spec.schema?.properties?.[key]);
  for (const goes of rest) {
    report(
      conflictProblem(
        spec,
        'ipv6-assignment-conflict',
        goes,
        [{ node: kept.key, message: `conflicts with ${goes.key.value}` }],
        `${spec.label(goes)} cannot be combined with ${kept.key.value}: give at most one of ${listNames(modes)}. Remove ${goes.key.value}.`,
      ),
    );
  }
}
