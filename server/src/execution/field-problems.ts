/**
 * EC2 errors that name a member or a value → the members of the request they are about, as paths
 * from the root (for diagnostics on the field). Pure and SDK-free.
 *
 * EC2 names members three ways: by error code (`InvalidSubnetID.NotFound` is about a `SubnetId`),
 * by parameter name in the message (`Value (x) for parameter groupId is invalid`, in wire or
 * camelCase spelling), and by value (`The subnet ID 'subnet-1' does not exist`). Names select the
 * members; a value named in the message then picks the one item or occurrence it is about, and
 * without one the least nested members of each name stand.
 */
import type { FieldProblem } from '../../../contract/outcome';

type Path = (string | number)[];

const GROUP_MEMBERS = ['Groups', 'SecurityGroupIds', 'GroupId', 'GroupIds'];

/** Resource-ID error codes (the part before the dot) → the members holding such IDs. */
const MEMBERS_BY_CODE: Record<string, string[]> = {
  InvalidSubnetID: ['SubnetId'],
  InvalidNetworkInterfaceID: ['NetworkInterfaceId', 'NetworkInterfaceIds'],
  InvalidGroup: GROUP_MEMBERS,
  InvalidGroupId: GROUP_MEMBERS,
  InvalidInstanceID: ['InstanceId', 'InstanceIds'],
  InvalidAttachmentID: ['AttachmentId'],
  InvalidAllocationID: ['AllocationId'],
  InvalidAssociationID: ['AssociationId'],
  InvalidAMIID: ['ImageId'],
  InvalidKeyPair: ['KeyName'],
  InvalidAddress: ['PublicIp'],
  InvalidIPAddress: ['PrivateIpAddress', 'PrivateIpAddresses', 'Ipv6Addresses'],
};

/** Error codes whose message names the parameters concerned. */
const PARAMETER_CODES = new Set(['InvalidParameterValue', 'InvalidParameter', 'InvalidParameterCombination', 'UnknownParameter']);

/** Wire names of members whose API name differs beyond a plural `s` (`SecurityGroupId.1` is `Groups`). */
const WIRE_ALIASES: Record<string, string[]> = {
  groupid: ['groups', 'securitygroupids'],
  securitygroupid: ['groups', 'securitygroupids'],
};

interface Member {
  readonly path: Path;
  readonly key: string;
  readonly value: unknown;
}

export function fieldProblemsFor(code: string, message: string, input: unknown): FieldProblem[] {
  const members = membersOf(input);
  const names = memberNamesFor(code, message);
  const named = names.size ? members.filter((m) => names.has(m.key.toLowerCase())) : [];
  const values = valuesNamedIn(message);
  const mentioned = (value: string) => values.has(value);
  let paths: Path[];
  if (named.length) {
    const narrowed = named.flatMap((m) => occurrences(m, mentioned));
    paths = narrowed.length ? narrowed : shallowest(named).map((m) => m.path);
  } else {
    // Only the value to go by: only distinctive values (IDs, addresses), not words like "true".
    paths = members.flatMap((m) => occurrences(m, (value) => mentioned(value) && isDistinctive(value)));
  }
  const unique = new Map(paths.map((path) => [JSON.stringify(path), path]));
  return [...unique.values()].map((path) => ({ path, code, message }));
}

/** Lower-cased member names an error code or its message is about. */
function memberNamesFor(code: string, message: string): Set<string> {
  const names = new Set((MEMBERS_BY_CODE[code.split('.')[0]] ?? []).map((n) => n.toLowerCase()));
  if (PARAMETER_CODES.has(code)) {
    for (const name of parameterNamesIn(message)) {
      const lower = name.toLowerCase();
      for (const candidate of [lower, `${lower}s`, ...(WIRE_ALIASES[lower] ?? [])]) names.add(candidate);
    }
  }
  return names;
}

/**
 * Parameter names a message mentions: camelCase/PascalCase compounds (`SubnetId`, `groupId`), and
 * any word right after "parameter(s)". Of a dotted wire name (`NetworkInterface.1.SubnetId`), the last part.
 */
function parameterNamesIn(message: string): string[] {
  const names: string[] = [];
  const words = message.match(/[A-Za-z][A-Za-z0-9_.]*/g) ?? [];
  words.forEach((word, i) => {
    const name =
      word
        .split('.')
        .filter((part) => /^[A-Za-z]/.test(part))
        .pop() ?? word;
    const afterParameter = i > 0 && /^parameters?$/i.test(words[i - 1]);
    if (afterParameter || /[a-z0-9][A-Z]/.test(name)) names.push(name);
  });
  return names;
}

/** The values a message names: quoted, parenthesised, or bare tokens (IDs, addresses). */
function valuesNamedIn(message: string): Set<string> {
  return new Set(
    message
      .split(/[\s'"`(),[\]{}]+/)
      .map((token) => token.replace(/[.,;]+$/, ''))
      .filter(Boolean),
  );
}

/** The paths of `member` whose value matches: the member itself, or items of its list. */
function occurrences(member: Member, matches: (value: string) => boolean): Path[] {
  if (Array.isArray(member.value)) {
    return member.value.flatMap((item, i) => (isScalar(item) && matches(String(item)) ? [[...member.path, i]] : []));
  }
  return isScalar(member.value) && matches(String(member.value)) ? [member.path] : [];
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isDistinctive(value: string): boolean {
  return value.length >= 4 && /\d/.test(value);
}

/** Of the members of each name, the least nested: "parameter SubnetId" means the top-level one before those in a list. */
function shallowest(members: Member[]): Member[] {
  const depth = new Map<string, number>();
  for (const m of members) depth.set(m.key, Math.min(depth.get(m.key) ?? Infinity, m.path.length));
  return members.filter((m) => m.path.length === depth.get(m.key));
}

/** Every property at any depth, with its path. */
function membersOf(value: unknown, path: Path = []): Member[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => membersOf(item, [...path, i]));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [{ path: [...path, key], key, value: child }, ...membersOf(child, [...path, key])]);
}
