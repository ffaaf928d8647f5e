/**
 * Interface entries wherever EC2 takes them (launch-specs.ts): RunInstances, launch templates, Spot
 * and Spot Fleet. Per launch specification: device indexes, the primary interface, EFA layouts, the
 * instance-level members beside NetworkInterfaces, public addresses, existing interfaces, Spot's
 * restrictions, ENA Express; per entry, the address rules of network-interface-spec.ts. For
 * RunInstances also MinCount/MaxCount and what several instances cannot share.
 */
import { getProperty } from '../../document/navigate';
import type { ArrayNode, ObjectNode, PropertyNode } from '../../document/tree';
import { CLI_DEFAULTS, type Consumer } from '../../../model/aws-cli';
import type { OperationSchema } from '../../../model/schema-types';
import { cliMove } from './aws-cli-repairs';
import { checkEnaSrdUdp } from './ena-express';
import { LAUNCH_OPERATIONS, launchSpecs, type LaunchKind, type LaunchSpec } from './launch-specs';
import { clip, displayPath, objectAnchor, type FixData, type RelatedNode, type RuleCode, type RuleGroup } from '../problem';
import { checkResourceId } from '../formats';
import { givenMember } from '../schema-walk';
import { checkInterfaceSpec, conflictProblem, InterfaceSpec, listNames, removeFix, type Report } from './network-interface-spec';

/** Per launch specification, the instance-level members that belong inside the interface when NetworkInterfaces is given (→ its key there). */
const INSTANCE_LEVEL: Record<LaunchKind, Record<string, string>> = {
  'run-instances': {
    SubnetId: 'SubnetId',
    SecurityGroupIds: 'Groups',
    SecurityGroups: 'Groups',
    PrivateIpAddress: 'PrivateIpAddress',
    Ipv6Addresses: 'Ipv6Addresses',
    Ipv6AddressCount: 'Ipv6AddressCount',
  },
  // Auto Scaling: "When a network interface is provided, the security groups must be a part of it".
  'launch-template': { SecurityGroupIds: 'Groups', SecurityGroups: 'Groups' },
  'spot-instances': { SubnetId: 'SubnetId', SecurityGroupIds: 'Groups', SecurityGroups: 'Groups' },
  'spot-fleet': { SubnetId: 'SubnetId', SecurityGroups: 'Groups' },
};

/**
 * What only applies when the interface is created at launch. Beside an existing interface EC2
 * ignores these (the API reference: they "apply only if creating a network interface"; AWS's own
 * EFA guide attaches an existing interface with Groups and SubnetId): a warning.
 */
const IGNORED_FOR_EXISTING = ['SubnetId', 'Groups', 'Description', 'PrivateIpAddress'];
/** These an existing interface cannot take at launch at all: an error. */
const CREATION_ONLY = [
  'PrivateIpAddresses',
  'SecondaryPrivateIpAddressCount',
  'Ipv6Addresses',
  'Ipv6AddressCount',
  'Ipv4Prefixes',
  'Ipv4PrefixCount',
  'Ipv6Prefixes',
  'Ipv6PrefixCount',
  'InterfaceType',
];

/** Specific addresses and prefixes: one value for every instance launched. */
const SPECIFIC_ADDRESSES = ['PrivateIpAddress', 'PrivateIpAddresses', 'Ipv6Addresses', 'Ipv4Prefixes', 'Ipv6Prefixes'];

interface NicEntry {
  spec: InterfaceSpec;
  index: number;
  deviceIndex: PropertyNode | undefined;
  /** NetworkCardIndex (0 when absent); undefined when it is not a number. */
  card: number | undefined;
  /** NetworkInterfaceId: the entry attaches an existing interface. */
  existing: PropertyNode | undefined;
}

export const interfaceEntryRules: RuleGroup = {
  name: 'interface-entries',
  operations: LAUNCH_OPERATIONS,
  check({ operation, root, report, consumer }) {
    const run = operation['x-operation'].name === 'RunInstances';
    if (run) checkMinMaxCount(root, consumer, report);
    for (const launch of launchSpecs(operation, root)) {
      const nics = givenMember(launch.node, 'NetworkInterfaces', 'array');
      const entries = nics ? nicEntries(nics.value, launch) : [];
      if (nics) {
        checkDeviceIndexes(entries, report);
        checkPrimary(launch, root, nics.property, entries, report);
        // What the AWS CLI moves into NetworkInterfaces[0] is no conflict (aws-cli-repairs.ts tells of the move).
        const moved = run && consumer === 'aws-cli' ? new Set(cliMove(root)?.moved.map((m) => m.member)) : new Set<PropertyNode>();
        checkInstanceLevel(launch, nics.property, entries, moved, report);
        checkPublicIp(nics.property, entries, report);
        checkEfaPerCard(entries, report);
        checkSpotRestrictions(launch, entries, report);
      }
      if (launch.kind === 'spot-fleet') checkFleetSubnets(launch, report);
      checkExistingVsNew(entries, report);
      if (run) checkMultiInstance(root, operation, entries, report);
      for (const entry of entries) {
        checkEnaExpress(entry.spec, report);
        // An existing interface keeps its addresses: its address members are reported above instead.
        if (!entry.existing) checkInterfaceSpec(entry.spec, report);
      }
      // Without NetworkInterfaces the instance-level members of RunInstances describe the primary interface.
      if (!nics && run) checkInterfaceSpec(new InterfaceSpec(root, operation, []), report);
    }
  },
};

/**
 * A Spot Fleet launch specification's SubnetId lists subnets separated by commas ("subnet-1234abcd,
 * subnet-0987cdef", the API reference), so the schema gives it no single ID kind: each is checked here.
 */
function checkFleetSubnets(launch: LaunchSpec, report: Report): void {
  const subnets = givenMember(launch.node, 'SubnetId', 'string');
  if (!subnets) return;
  const text = subnets.value.value;
  const label = displayPath([...launch.path, 'SubnetId']);
  const problem = (code: RuleCode, message: string) => report({ code, severity: 'error', node: subnets.value, message });
  if (!text.includes(',')) {
    // One subnet: checked as every other SubnetId is (an empty one included).
    const finding = checkResourceId(text, 'subnet', label);
    if (finding) problem(finding.code, finding.message);
    return;
  }
  const many = `${label} lists subnets separated by commas: `;
  const parts = text.split(',').map((part) => part.trim());
  if (parts.includes('')) return problem('malformed-id', `${many}an entry between two commas is empty. Remove the extra comma.`);
  const finding = parts.map((part) => checkResourceId(part, 'subnet', 'SubnetId')).find((f) => f !== undefined);
  if (finding) problem(finding.code, `${many}${finding.message}`);
}

function nicEntries(list: ArrayNode, launch: LaunchSpec): NicEntry[] {
  const entries: NicEntry[] = [];
  const entrySchema = launch.schema?.properties?.NetworkInterfaces?.items;
  list.items.forEach((node, index) => {
    if (node.kind !== 'object') return;
    const spec = new InterfaceSpec(node, entrySchema, [...launch.path, 'NetworkInterfaces', index], true);
    const cardMember = getProperty(node, 'NetworkCardIndex');
    const card =
      cardMember?.value === undefined || cardMember.value.kind === 'null' ? 0 : cardMember.value.kind === 'number' ? cardMember.value.value : undefined;
    entries.push({ spec, index, deviceIndex: spec.given('DeviceIndex'), card, existing: spec.given('NetworkInterfaceId') });
  });
  return entries;
}

function numberOf(property: PropertyNode | undefined): number | undefined {
  return property?.value?.kind === 'number' ? property.value.value : undefined;
}

/** The primary interface: DeviceIndex 0 on network card 0. */
function isPrimary(entry: NicEntry): boolean {
  return numberOf(entry.deviceIndex) === 0 && entry.card === 0;
}

function primaryEntry(entries: NicEntry[]): NicEntry | undefined {
  return entries.find(isPrimary);
}

/** MinCount <= MaxCount (each at least 1 is a schema range); for the AWS CLI an absent one is 1. */
function checkMinMaxCount(root: ObjectNode, consumer: Consumer, report: Report): void {
  const min = givenMember(root, 'MinCount', 'number')?.value;
  const max = givenMember(root, 'MaxCount', 'number')?.value;
  if (consumer === 'aws-cli' && min && !getProperty(root, 'MaxCount') && Number.isInteger(min.value) && min.value > CLI_DEFAULTS.RunInstances.MaxCount) {
    report({
      code: 'min-max-count',
      severity: 'error',
      node: min,
      message: `MinCount is ${clip(min.raw)}, and the AWS CLI sends MaxCount ${CLI_DEFAULTS.RunInstances.MaxCount} when it is absent: EC2 refuses a minimum above the maximum. Add MaxCount (at least ${clip(min.raw)}).`,
      fixes: Number.isSafeInteger(min.value) ? [{ fix: 'insert-member', objectPath: [], key: 'MaxCount', value: min.value }] : [],
    });
    return;
  }
  if (!min || !max || !Number.isInteger(min.value) || !Number.isInteger(max.value) || min.value < 1 || max.value < 1) return;
  if (min.value <= max.value) return;
  report({
    code: 'min-max-count',
    severity: 'error',
    node: min,
    message: `MinCount (${clip(min.raw)}) is greater than MaxCount (${clip(max.raw)}): EC2 launches at least MinCount and at most MaxCount instances. Lower MinCount or raise MaxCount.`,
    related: [{ node: max, message: 'the maximum number of instances' }],
    // A count beyond 2^53 would be written as another number: no fix to it.
    fixes: [
      ...(Number.isSafeInteger(max.value)
        ? [{ fix: 'replace-value' as const, path: ['MinCount'], value: max.value, title: `Set MinCount to ${max.raw}` }]
        : []),
      ...(Number.isSafeInteger(min.value)
        ? [{ fix: 'replace-value' as const, path: ['MaxCount'], value: min.value, title: `Set MaxCount to ${min.raw}` }]
        : []),
    ],
  });
}

/**
 * The primary interface (card 0, device 0): RunInstances needs it among its entries (only a warning
 * when a launch template may supply it: how the two lists combine is not documented precisely); a
 * launch template may leave it to the launch (information). It cannot be efa-only.
 */
function checkPrimary(launch: LaunchSpec, root: ObjectNode, nics: PropertyNode, entries: NicEntry[], report: Report): void {
  const primary = primaryEntry(entries);
  if (primary) {
    const type = givenMember(primary.spec.node, 'InterfaceType', 'string');
    if (type?.value.value === 'efa-only') {
      report({
        code: 'efa-only-primary',
        severity: 'error',
        node: type.value,
        message: `${displayPath(primary.spec.path)} is the primary interface (network card 0, DeviceIndex 0), which cannot be efa-only: it needs an IP address. Make it interface (or efa), and put the efa-only interfaces at DeviceIndex 1 of card 0 and DeviceIndex 0 of the other cards.`,
        fixes: [
          {
            fix: 'replace-value',
            path: primary.spec.memberPath('InterfaceType'),
            value: 'interface',
            title: 'Make the primary an ENA interface (InterfaceType interface)',
          },
        ],
      });
    }
    return;
  }
  // Entries whose indexes are not numbers yet: the primary may be among them.
  if (entries.length === 0 || entries.some((e) => e.card === undefined || numberOf(e.deviceIndex) === undefined)) return;
  const template = launch.kind === 'run-instances' && getProperty(root, 'LaunchTemplate');
  const severity = launch.kind === 'launch-template' ? 'information' : template ? 'warning' : launch.kind === 'run-instances' ? 'error' : undefined;
  if (!severity) return;
  const message =
    launch.kind === 'launch-template'
      ? `No entry of ${displayPath([...launch.path, 'NetworkInterfaces'])} is the primary interface (network card 0, DeviceIndex 0): the launch must supply it, or the instance will not start.`
      : `No entry of NetworkInterfaces is the primary interface (network card 0, DeviceIndex 0): an instance needs one.` +
        (template
          ? ' The launch template may supply it (how the two lists combine is not documented precisely).'
          : ' Add it, or set an entry to DeviceIndex 0 on card 0.');
  report({ code: 'nic-primary', severity, node: nics.key, message });
}

/** At most one EFA (efa or efa-only) per network card. */
function checkEfaPerCard(entries: NicEntry[], report: Report): void {
  const firstOnCard = new Map<number, NicEntry>();
  for (const entry of entries) {
    const type = givenMember(entry.spec.node, 'InterfaceType', 'string');
    if (!type || (type.value.value !== 'efa' && type.value.value !== 'efa-only') || entry.card === undefined) continue;
    const first = firstOnCard.get(entry.card);
    if (!first) {
      firstOnCard.set(entry.card, entry);
      continue;
    }
    report({
      code: 'efa-per-card',
      severity: 'error',
      node: type.value,
      message: `${displayPath(entry.spec.path)} is a second EFA on network card ${entry.card} (${displayPath(first.spec.path)} is the first): each network card takes at most one EFA. Put it on another card, or make it InterfaceType interface.`,
      related: [{ node: getProperty(first.spec.node, 'InterfaceType')!.value!, message: `the EFA already on card ${entry.card}` }],
    });
  }
}

/** RequestSpotInstances takes no NetworkCardIndex; Spot Fleet launch specifications take no existing interface and no EFA. */
function checkSpotRestrictions(launch: LaunchSpec, entries: NicEntry[], report: Report): void {
  if (launch.kind !== 'spot-instances' && launch.kind !== 'spot-fleet') return;
  for (const { spec, existing } of entries) {
    const card = launch.kind === 'spot-instances' ? spec.given('NetworkCardIndex') : undefined;
    if (card) {
      report(
        conflictProblem(
          spec,
          'spot-restrictions',
          card,
          [],
          `${spec.label(card)}: RequestSpotInstances does not support network cards. Remove it; for multi-card instances request Spot capacity with a launch template (CreateFleet, Auto Scaling, or RunInstances with InstanceMarketOptions).`,
        ),
      );
    }
    if (launch.kind !== 'spot-fleet') continue;
    if (existing) {
      report(
        conflictProblem(
          spec,
          'spot-restrictions',
          existing,
          [],
          `${spec.label(existing)}: a Spot Fleet launch specification cannot attach an existing interface (it launches many instances). Remove it and describe the interface to create.`,
        ),
      );
    }
    const type = givenMember(spec.node, 'InterfaceType', 'string');
    if (type && (type.value.value === 'efa' || type.value.value === 'efa-only')) {
      report(
        conflictProblem(
          spec,
          'spot-restrictions',
          type.property,
          [],
          `${spec.label(type.property)} ${type.value.value}: Spot Fleet launch specifications do not support EFA. Use LaunchTemplateConfigs with a launch template that has the EFA interfaces.`,
        ),
      );
    }
  }
}

/** ENA Express: its UDP setting needs ENA Express itself; an efa-only interface has no ENA device to tune. */
function checkEnaExpress(spec: InterfaceSpec, report: Report): void {
  checkEnaSrdUdp(spec.node, spec.path, report);
  const type = givenMember(spec.node, 'InterfaceType', 'string');
  if (type?.value.value !== 'efa-only') return;
  for (const key of ['EnaSrdSpecification', 'EnaQueueCount']) {
    const member = spec.given(key);
    if (!member) continue;
    const problem = conflictProblem(
      spec,
      'ena-on-efa-only',
      member,
      [{ node: type.value, message: 'an interface without an ENA device' }],
      `${spec.label(member)} tunes the ENA device, and an efa-only interface has none: EC2 ignores it, or refuses the launch. Remove it, or use InterfaceType efa.`,
    );
    report({ ...problem, severity: 'warning' });
  }
}

/** Every entry has a DeviceIndex, unique per network card. */
function checkDeviceIndexes(entries: NicEntry[], report: Report): void {
  const used = new Map<number, Set<number>>(); // card → device indexes in use
  for (const entry of entries) {
    const index = numberOf(entry.deviceIndex);
    if (index !== undefined && entry.card !== undefined) usedOn(used, entry.card).add(index);
  }
  const firstAt = new Map<string, NicEntry>();
  for (const entry of entries) {
    const label = displayPath(entry.spec.path);
    if (!getProperty(entry.spec.node, 'DeviceIndex')) {
      const free = freeIndex(usedOn(used, entry.card ?? 0));
      report({
        code: 'nic-device-index',
        severity: 'error',
        ...objectAnchor(entry.spec.node),
        message: `${label} has no DeviceIndex: every network interface needs one (0 for the primary interface).`,
        fixes: [{ fix: 'insert-member', objectPath: entry.spec.path, key: 'DeviceIndex', value: free }],
      });
      continue;
    }
    const index = numberOf(entry.deviceIndex);
    if (index === undefined || entry.card === undefined || !Number.isInteger(index)) continue;
    const slot = `${entry.card}/${index}`;
    const first = firstAt.get(slot);
    if (!first) {
      firstAt.set(slot, entry);
      continue;
    }
    const free = freeIndex(usedOn(used, entry.card));
    report({
      code: 'nic-device-index',
      severity: 'error',
      node: entry.deviceIndex!.value!,
      message: `${label} uses DeviceIndex ${index}, which ${displayPath(first.spec.path)} already uses on network card ${entry.card}: each interface needs its own device index. Use a free index such as ${free}.`,
      related: [{ node: first.deviceIndex!.value!, message: `DeviceIndex ${index} is first used here` }],
      fixes: [{ fix: 'replace-value', path: entry.spec.memberPath('DeviceIndex'), value: free, title: `Change DeviceIndex to ${free}` }],
    });
  }
}

function usedOn(used: Map<number, Set<number>>, card: number): Set<number> {
  let indexes = used.get(card);
  if (!indexes) used.set(card, (indexes = new Set()));
  return indexes;
}

/** The smallest index not in use; taken at once, so two fixes do not suggest the same one. */
function freeIndex(used: Set<number>): number {
  let free = 0;
  while (used.has(free)) free++;
  used.add(free);
  return free;
}

/** With NetworkInterfaces, the instance-level interface members must move into the primary entry. */
function checkInstanceLevel(launch: LaunchSpec, nics: PropertyNode, entries: NicEntry[], moved: ReadonlySet<PropertyNode>, report: Report): void {
  const rootSpec = new InterfaceSpec(launch.node, launch.schema, launch.path);
  const instanceLevel = INSTANCE_LEVEL[launch.kind];
  const given = Object.keys(instanceLevel)
    .map((key) => rootSpec.given(key))
    .filter((p): p is PropertyNode => p !== undefined && !moved.has(p));
  if (given.length === 0) return;
  const target = primaryEntry(entries);
  const targetLabel = target ? displayPath(target.spec.path) : 'the DeviceIndex 0 entry';
  // Members that can move as they are: names cannot become IDs, and nothing is overwritten.
  const movable =
    target && !target.existing ? given.filter((p) => p.key.value !== 'SecurityGroups' && !getProperty(target.spec.node, instanceLevel[p.key.value])) : [];
  const renames = movable.some((p) => p.key.value === 'SecurityGroupIds') ? { SecurityGroupIds: 'Groups' } : undefined;
  const move: FixData | undefined = movable.length
    ? {
        fix: 'move-members',
        paths: movable.map((p) => rootSpec.memberPath(p.key.value)),
        targetPath: target!.spec.path,
        ...(renames ? { renames } : {}),
        title: `Move ${listNames(movable.map((p) => p.key.value))} into ${targetLabel}` + (renames ? ' (SecurityGroupIds as Groups)' : ''),
      }
    : undefined;
  for (const member of given) {
    const key = member.key.value;
    const inside = instanceLevel[key];
    let fixes: FixData[] = [];
    let advice = `Move it into ${targetLabel}` + (inside !== key ? ` as ${inside}.` : '.');
    if (key === 'SecurityGroups') {
      advice = `It holds security group names, and an interface takes IDs in Groups: look the IDs up and put them in ${targetLabel}.Groups, then remove SecurityGroups.`;
      fixes = [
        {
          fix: 'explain',
          message: `SecurityGroups holds security group names; a network interface takes security group IDs (sg-…) in Groups, and no ID can be guessed from a name. Find the IDs with \`aws ec2 describe-security-groups --group-names <names>\` (or in the console), put them in ${targetLabel}.Groups, then remove SecurityGroups.`,
        },
      ];
    } else if (move && movable.includes(member)) {
      fixes = [move];
    } else if (target?.existing) {
      advice = `${targetLabel} attaches an existing interface, which keeps its own settings: remove ${key}.`;
      fixes = [removeFix(rootSpec, member, `Remove ${key} (${targetLabel} is an existing interface)`)];
    } else if (target) {
      advice = `${targetLabel} already has ${inside}: remove ${key} here, or merge the two.`;
      fixes = [removeFix(rootSpec, member, `Remove ${key} (${targetLabel} has its own ${inside})`)];
    }
    report(
      conflictProblem(
        rootSpec,
        'nic-instance-level-conflict',
        member,
        [{ node: nics.key, message: 'the network interfaces that take this setting' }],
        `${key} cannot be given at instance level together with NetworkInterfaces: it belongs inside the interface. ${advice}`,
        fixes,
      ),
    );
  }
}

/** AssociatePublicIpAddress: true only on a new eth0, and only when it is the sole interface. */
function checkPublicIp(nics: PropertyNode, entries: NicEntry[], report: Report): void {
  const count = nics.value?.kind === 'array' ? nics.value.items.length : 0;
  for (const entry of entries) {
    const member = givenMember(entry.spec.node, 'AssociatePublicIpAddress', 'boolean');
    if (!member || !member.value.value) continue;
    const reasons: string[] = [];
    const related: RelatedNode[] = [];
    const deviceIndex = numberOf(entry.deviceIndex);
    if (deviceIndex !== undefined && entry.card !== undefined && !isPrimary(entry)) {
      reasons.push(`only the primary interface (network card 0, DeviceIndex 0) can get one (this one is at card ${entry.card}, DeviceIndex ${deviceIndex})`);
      related.push({ node: entry.deviceIndex!.key, message: 'not the primary interface' });
    }
    if (entry.existing) {
      reasons.push('only a new interface can get one, and this entry attaches an existing interface (NetworkInterfaceId)');
      related.push({ node: entry.existing.key, message: 'an existing interface' });
    }
    if (count > 1) {
      reasons.push(`it cannot be used when the request gives more than one network interface (${count} here)`);
      related.push({ node: nics.key, message: `${count} network interfaces` });
    }
    if (reasons.length === 0) continue;
    report(
      conflictProblem(
        entry.spec,
        'nic-public-ip',
        member.property,
        related,
        `${entry.spec.label(member.property)}: true is not allowed here: ${reasons.join('; ')}. Remove it, and associate an Elastic IP address after launch if the instance needs a public address.`,
      ),
    );
  }
}

/** An entry with NetworkInterfaceId attaches an existing interface: creation-only members do not apply. */
function checkExistingVsNew(entries: NicEntry[], report: Report): void {
  for (const { spec, existing } of entries) {
    if (!existing) continue;
    const related = [{ node: existing.key, message: 'the existing interface this entry attaches' }];
    const label = displayPath(spec.path);
    for (const key of IGNORED_FOR_EXISTING) {
      const member = spec.given(key);
      if (!member) continue;
      const problem = conflictProblem(
        spec,
        'nic-existing-vs-new',
        member,
        related,
        `${spec.label(member)} only applies when the interface is created at launch; ${label} attaches an existing one (NetworkInterfaceId), and EC2 ignores it. Remove ${key}, or remove NetworkInterfaceId to create a new interface.`,
      );
      report({ ...problem, severity: 'warning' });
    }
    for (const key of CREATION_ONLY) {
      const member = spec.given(key);
      if (!member) continue;
      report(
        conflictProblem(
          spec,
          'nic-existing-vs-new',
          member,
          related,
          `${spec.label(member)} only applies when the interface is created at launch, but ${label} attaches an existing one (NetworkInterfaceId), which keeps its own addresses and type. Remove ${key}, or remove NetworkInterfaceId to create a new interface.`,
        ),
      );
    }
    const deleteOnTermination = givenMember(spec.node, 'DeleteOnTermination', 'boolean');
    if (deleteOnTermination?.value.value) {
      report(
        conflictProblem(
          spec,
          'nic-existing-vs-new',
          deleteOnTermination.property,
          related,
          `${spec.label(deleteOnTermination.property)}: true is only allowed for an interface created at launch, but ${label} attaches an existing one (NetworkInterfaceId). Remove it.`,
        ),
      );
    }
  }
}

/** Specific addresses cannot be shared by several instances: they need MaxCount 1. */
function checkMultiInstance(root: ObjectNode, operation: OperationSchema, entries: NicEntry[], report: Report): void {
  const maxCount = givenMember(root, 'MaxCount', 'number')?.value;
  if (!maxCount || !Number.isInteger(maxCount.value) || maxCount.value <= 1) return;
  const minCount = givenMember(root, 'MinCount', 'number')?.value;
  const rootSpec = new InterfaceSpec(root, operation, []);
  // Existing interfaces are reported by nic-existing-vs-new: their address members go anyway.
  // An existing interface attaches to one instance at a time.
  for (const entry of entries.filter((e) => e.existing)) {
    report(
      conflictProblem(
        entry.spec,
        'nic-existing-multi-instance',
        entry.existing!,
        [{ node: maxCount, message: `launches up to ${clip(maxCount.raw)} instances` }],
        `${entry.spec.label(entry.existing!)} attaches an existing interface, which can be attached to one instance only, but MaxCount is ${clip(maxCount.raw)}. Launch one instance (MaxCount 1), or let each instance get a new interface (remove NetworkInterfaceId).`,
        minCount && minCount.value > 1 ? [] : [{ fix: 'replace-value', path: ['MaxCount'], value: 1, title: 'Launch one instance (MaxCount: 1)' }],
      ),
    );
  }
  const specs = [rootSpec, ...entries.filter((e) => !e.existing).map((e) => e.spec)];
  for (const spec of specs) {
    for (const key of SPECIFIC_ADDRESSES) {
      const member = spec.given(key);
      if (!member) continue;
      const fixes: FixData[] = [removeFix(spec, member)];
      if (!minCount || minCount.value <= 1) fixes.push({ fix: 'replace-value', path: ['MaxCount'], value: 1, title: 'Launch one instance (MaxCount: 1)' });
      report(
        conflictProblem(
          spec,
          'nic-multi-instance',
          member,
          [{ node: maxCount, message: `launches up to ${clip(maxCount.raw)} instances` }],
          `${spec.label(member)} gives specific addresses, but MaxCount is ${clip(maxCount.raw)}: instances cannot share an address. Launch one instance (MaxCount 1), or remove ${key} and let EC2 choose (or use a count).`,
          fixes,
        ),
      );
    }
  }
}
