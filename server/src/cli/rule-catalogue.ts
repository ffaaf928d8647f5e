/**
 * What a SARIF log says about each rule (`reportingDescriptor`): a one-line description, the level
 * a finding usually has, and its entry in docs/rules.md (`<repository>/blob/main/docs/rules.md#<code>`,
 * the repository from package.json). Every code the engine emits needs an entry: test/protocol/cli.test.ts
 * fails for a code of RuleCode (validation/problem.ts) without one, and for a code listed here that
 * docs/rules.md does not name. (A test, not the type: a new rule must not stop the typecheck of
 * everything else while it is being written.) A code without an entry still gets a rule in SARIF,
 * with its code as the description.
 */
import { repository } from '../../../package.json';
import type { RuleCode } from '../service/validation/problem';
import type { SeverityName } from './report';

export interface RuleDescription {
  /** One sentence, no trailing period needed by SARIF viewers (kept for readability). */
  summary: string;
  /** The severity a finding of this rule usually has (some depend on the file: duplicate-key). */
  severity: SeverityName;
}

/** Codes that the service and `check` emit besides RuleCode (document-diagnostics.ts, check.ts). */
type OtherCode = 'empty-request' | 'unfilled-skeleton' | 'too-large' | 'too-many-problems' | 'project-config';

export const RULE_CATALOGUE: Partial<Record<RuleCode | OtherCode, RuleDescription>> = {
  // Outside the catalogue tables (docs/rules.md, "Codes outside the catalogue").
  'syntax-error': { summary: 'The file is not valid JSON or YAML.', severity: 'error' },
  'no-operation': { summary: 'A file that looks like a request names no operation (or a name close to the convention).', severity: 'warning' },
  'out-of-range': { summary: 'A number outside its documented range.', severity: 'error' },
  'too-large': { summary: 'The file is past the size limit and was not checked.', severity: 'information' },
  'placeholder-value': { summary: 'An all-zero resource ID left from a template.', severity: 'information' },
  'empty-request': { summary: 'An empty or comment-only request file: the AWS CLI refuses it.', severity: 'error' },
  'unfilled-skeleton': {
    summary: 'The file still looks like an AWS CLI skeleton: eni-requests trim-skeleton removes the placeholders.',
    severity: 'information',
  },
  'too-many-problems': { summary: 'Past 1,000 diagnostics in one file, the rest are summarized.', severity: 'information' },
  'project-config': { summary: 'Part of the project file (.eni-requests.json) was not understood and is ignored.', severity: 'warning' },
  'internal-error': { summary: 'A rule failed; the others still ran.', severity: 'error' },
  // Everywhere.
  'unknown-parameter': { summary: 'A member the operation does not have.', severity: 'error' },
  'missing-required': { summary: 'A required member is absent.', severity: 'error' },
  'wrong-type': { summary: 'A value of the wrong JSON type.', severity: 'error' },
  'invalid-enum': { summary: 'A value outside the member’s enumeration.', severity: 'error' },
  'malformed-id': { summary: 'A resource ID of the wrong kind or syntax.', severity: 'error' },
  'malformed-address': { summary: 'A malformed IPv4/IPv6 address or prefix.', severity: 'error' },
  'duplicate-value': { summary: 'The same value twice in a list.', severity: 'error' },
  'tag-limits': { summary: 'A tag key or value beyond EC2’s limits (length, aws: prefix, count).', severity: 'error' },
  'tag-resource-type': { summary: 'A tag specification for a resource type the operation does not create.', severity: 'error' },
  'client-token': { summary: 'A client token longer than 64 ASCII characters.', severity: 'error' },
  'duplicate-key': { summary: 'The same key twice in one object (JSON: the AWS CLI keeps the last; YAML: refused).', severity: 'warning' },
  // What the AWS CLI does with the file.
  'cli-json-syntax': { summary: 'JSON the AWS CLI’s reader refuses (comments, a byte order mark, not one object).', severity: 'error' },
  'cli-yaml-syntax': { summary: 'YAML the AWS CLI’s reader refuses (tabs, several documents, custom tags).', severity: 'error' },
  'cli-yaml-type': { summary: 'An unquoted YAML value the AWS CLI reads as a date, bytes or null where another type belongs.', severity: 'error' },
  'integer-range': { summary: 'An integer beyond EC2’s 32 bits.', severity: 'error' },
  'boolean-as-number': { summary: 'true or false where a number belongs: sent as True, which EC2 rejects.', severity: 'error' },
  'cli-refuses': { summary: 'Something the model allows but the AWS CLI fails on.', severity: 'error' },
  'cli-default-count': { summary: 'RunInstances without MinCount/MaxCount: the AWS CLI sends 1.', severity: 'information' },
  'cli-moves-member': { summary: 'The AWS CLI moves this instance-level member into NetworkInterfaces[0].', severity: 'information' },
  'cli-overwrites-member': { summary: 'The AWS CLI’s move replaces what NetworkInterfaces[0] already had.', severity: 'warning' },
  // CreateNetworkInterface.
  'ipv4-assignment-conflict': { summary: 'Specific secondary IPv4 addresses and a count exclude each other.', severity: 'error' },
  'ipv4-prefix-conflict': { summary: 'IPv4 prefixes and an IPv4 prefix count exclude each other.', severity: 'error' },
  'ipv6-assignment-conflict': { summary: 'At most one of Ipv6Addresses, Ipv6AddressCount, Ipv6Prefixes, Ipv6PrefixCount.', severity: 'error' },
  'primary-ip-conflict': { summary: 'Two primary private IPv4 addresses.', severity: 'error' },
  'efa-only-addresses': { summary: 'An efa-only interface takes no IP addresses.', severity: 'error' },
  'interface-type': { summary: 'An InterfaceType EC2 does not accept here.', severity: 'error' },
  'security-group-ids': { summary: 'Security group names where IDs belong.', severity: 'error' },
  'connection-tracking-range': { summary: 'A connection tracking timeout outside its range.', severity: 'error' },
  'count-range': { summary: 'An address or prefix count outside its range.', severity: 'error' },
  // Assign/Unassign addresses.
  'assign-needs-one-mode': { summary: 'Give either the addresses or how many, not both (or neither).', severity: 'error' },
  'reassignment-without-addresses': { summary: 'AllowReassignment only matters for specific addresses.', severity: 'warning' },
  'unassign-needs-target': { summary: 'Name the addresses or prefixes to unassign.', severity: 'error' },
  'no-dry-run': {
    summary: 'The operation has no DryRun: running it changes the account (eni-requests preflight checks it read-only).',
    severity: 'information',
  },
  // Attach, detach, delete.
  'attach-device-index-zero': { summary: 'DeviceIndex 0 is the primary interface a running instance already has.', severity: 'warning' },
  'attachment-id-kind': { summary: 'An interface ID where the attachment ID (eni-attach-…) belongs.', severity: 'error' },
  'force-detach': { summary: 'Force is a last resort for a failed instance.', severity: 'warning' },
  // Network interface attributes.
  'one-attribute': { summary: 'One attribute per request.', severity: 'error' },
  'attribute-value-shape': { summary: 'A bare value where { "Value": … } belongs.', severity: 'error' },
  'groups-not-empty': { summary: 'Groups replaces the whole set: it needs at least one ID.', severity: 'error' },
  'attachment-change': { summary: 'An attachment change names the attachment it changes.', severity: 'error' },
  'describe-attribute-enum': { summary: 'Attribute names the attribute to describe.', severity: 'error' },
  // Describe filters.
  'unknown-filter': { summary: 'A filter name the operation does not have.', severity: 'error' },
  'filter-id-kind': { summary: 'A resource ID of another kind than the filter matches: it never matches anything.', severity: 'warning' },
  'filter-value': { summary: 'A filter value outside the filter’s values.', severity: 'warning' },
  'empty-filter-values': { summary: 'A filter needs at least one value.', severity: 'error' },
  'max-results-conflict': { summary: 'MaxResults together with explicit IDs.', severity: 'error' },
  // RunInstances NetworkInterfaces.
  'nic-device-index': { summary: 'Network interfaces with a missing or repeated device index.', severity: 'error' },
  'nic-instance-level-conflict': { summary: 'An instance-level member that belongs inside the network interface.', severity: 'error' },
  'nic-public-ip': { summary: 'A public IPv4 address only on a new primary interface (card 0, device 0), and only with one interface.', severity: 'error' },
  'nic-existing-vs-new': { summary: 'An existing interface (NetworkInterfaceId) cannot also be given new-interface members.', severity: 'error' },
  'nic-multi-instance': { summary: 'Specific addresses cannot be given to more than one instance.', severity: 'error' },
  'nic-primary': { summary: 'No network interface is the primary one (network card 0, DeviceIndex 0).', severity: 'error' },
  'efa-only-primary': { summary: 'The primary network interface cannot be efa-only: it needs an IP address.', severity: 'error' },
  'efa-per-card': { summary: 'At most one EFA (efa or efa-only) per network card.', severity: 'error' },
  'nic-existing-multi-instance': { summary: 'An existing network interface attaches to one instance only, but MaxCount is above 1.', severity: 'error' },
  'ena-srd-udp': { summary: 'ENA Express UDP needs ENA Express itself.', severity: 'error' },
  'ena-on-efa-only': { summary: 'ENA settings on an efa-only interface, which has no ENA device.', severity: 'warning' },
  // AssociateAddress.
  'associate-target': { summary: 'InstanceId or NetworkInterfaceId, not both.', severity: 'error' },
  'min-max-count': { summary: 'MinCount cannot exceed MaxCount.', severity: 'error' },
  // Spot requests and instance attributes.
  'spot-restrictions': {
    summary: 'What Spot Instance requests and Spot Fleet launch specifications do not support (network cards, existing interfaces, EFA).',
    severity: 'error',
  },
  'modify-instance-attribute': { summary: 'A ModifyInstanceAttribute request EC2 refuses.', severity: 'error' },
};

/** The live checks' codes (`check --live`, docs/live-checks.md): always warnings. */
export const LIVE_RULES: Readonly<Record<string, RuleDescription>> = {
  'live:not-found': { summary: 'A subnet, security group, network interface or instance ID that does not exist in the region.', severity: 'warning' },
  'live:address-outside-subnet': { summary: 'An explicit private IPv4 address outside the CIDR block of its subnet.', severity: 'warning' },
  'live:address-reserved': {
    summary: 'An explicit private IPv4 or IPv6 address that is one of the five AWS reserves in its subnet (the first four, the last).',
    severity: 'warning',
  },
  'live:address-in-use': { summary: 'An explicit address another network interface of the subnet already holds.', severity: 'warning' },
  'live:instance-type-limit': {
    summary: 'More interfaces (in all or on one network card), network cards, EFA interfaces or addresses per interface than the instance type allows.',
    severity: 'warning',
  },
};

/** The repository's web address from package.json (`git+https://…/x.git` → `https://…/x`). */
export const REPOSITORY_URL = (typeof repository === 'string' ? repository : repository.url).replace(/^git\+/, '').replace(/\.git$/, '');

/**
 * Where a code is documented: its entry in docs/rules.md; the live checks' (`live:…`) in
 * docs/live-checks.md; EC2's own codes (`ec2:…`) in the EC2 API reference.
 */
export function ruleHelpUri(code: string): string {
  if (code.startsWith('ec2:')) return 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html';
  if (code.startsWith('live:')) return `${REPOSITORY_URL}/blob/main/docs/live-checks.md#what-they-do`;
  return `${REPOSITORY_URL}/blob/main/docs/rules.md#${code}`;
}

export function describeRule(code: string): RuleDescription | undefined {
  if (Object.hasOwn(LIVE_RULES, code)) return LIVE_RULES[code];
  return Object.hasOwn(RULE_CATALOGUE, code) ? RULE_CATALOGUE[code as RuleCode | OtherCode] : undefined;
}
