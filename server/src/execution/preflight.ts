/**
 * The read-only stand-in for a dry run of the address operations, which have no DryRun parameter:
 * DescribeNetworkInterfaces on the interface the request names (does it exist, which addresses and
 * prefixes it has); for an assignment also DescribeSubnets on its subnet (does the subnet have a
 * CIDR block of the family at all, are explicit addresses and prefixes inside it, is an explicit
 * address one of the five AWS reserves in every subnet block: reserved-addresses.ts) and, for
 * explicit new addresses inside the subnet, DescribeNetworkInterfaces on the subnet (does another
 * interface hold them).
 *
 * An unassignment is not checked against the subnet: it only removes, an address outside the
 * subnet is never on the interface, and one that is not on it is reported as such (`not-assigned`).
 * Describing the subnet would only add a permission (ec2:DescribeSubnets) and a way to fail.
 *
 * A Describe that fails (denied, throttled, not reached, the subnet not listed…) is no finding about
 * the request: the result says what the preflight could not describe and why, and that the request
 * was not checked. Only the interface not existing is a finding (on NetworkInterfaceId).
 */
import type { DescribeNetworkInterfacesCommandOutput, NetworkInterface } from '@aws-sdk/client-ec2';
import { inCidr } from './address-text';
import { reservedIn, reservedMessage } from './reserved-addresses';
import { classifyError, serviceErrorCode } from './classify';
import { ExecutionContext, type Outcome } from './context';
import { addressCalls } from './describe-addresses';
import { idCalls } from './describe-ids';
import type { DescribedResource } from './lookups';
import { begin, COMMANDS } from './operations';
import type { FieldProblem, PreflightReport, PreflightResult } from '../../../contract/outcome';
import type { ExecutionOptions, ExecutionRequest } from './request';
import { inSession, Session } from './session';

/** The operations with a preflight: whether they add or remove, and which address family. */
export const PREFLIGHT: Readonly<Record<string, { assign: boolean; family: 4 | 6 }>> = {
  AssignPrivateIpAddresses: { assign: true, family: 4 },
  UnassignPrivateIpAddresses: { assign: false, family: 4 },
  AssignIpv6Addresses: { assign: true, family: 6 },
  UnassignIpv6Addresses: { assign: false, family: 6 },
};

const FAMILY = {
  4: { addresses: 'PrivateIpAddresses', prefixes: 'Ipv4Prefixes', counts: ['SecondaryPrivateIpAddressCount', 'Ipv4PrefixCount'] },
  6: { addresses: 'Ipv6Addresses', prefixes: 'Ipv6Prefixes', counts: ['Ipv6AddressCount', 'Ipv6PrefixCount'] },
} as const;

/** The finding codes of the preflight (diagnostic source `preflight`), besides EC2's InvalidNetworkInterfaceID.NotFound. */
export const PreflightCode = {
  alreadyAssigned: 'already-assigned',
  addressInUse: 'address-in-use',
  notAssigned: 'not-assigned',
  outsideSubnet: 'outside-subnet',
  addressReserved: 'address-reserved',
  subnetNoIpv4: 'subnet-no-ipv4',
  subnetNoIpv6: 'subnet-no-ipv6',
} as const;

/** EC2's answers to DescribeNetworkInterfaces that are findings about NetworkInterfaceId, not failures to describe. */
const INTERFACE_ID_PROBLEMS = /^InvalidNetworkInterfaceI[dD]\.(NotFound|Malformed)$/;

export async function preflight(request: ExecutionRequest, options: ExecutionOptions = {}): Promise<PreflightResult> {
  const begun = begin(request, 'preflight', options);
  if (!('context' in begun)) return begun;
  const { operation, context } = begun;
  const shape = Object.hasOwn(PREFLIGHT, operation.name) ? PREFLIGHT[operation.name] : undefined;
  if (!shape) {
    return context.finish({
      kind: 'error',
      title: `No preflight for ${operation.name}`,
      message: 'The preflight checks the Assign/Unassign address operations, which have no dry run.',
    });
  }
  const id = request.input.NetworkInterfaceId;
  if (typeof id !== 'string' || !id) {
    const message = 'The request names no NetworkInterfaceId: there is no interface to check.';
    return context.finish({
      kind: 'invalid',
      title: 'Preflight: no interface',
      message,
      fieldProblems: [{ path: ['NetworkInterfaceId'], code: 'MissingParameter', message }],
    });
  }
  return inSession(Session.ec2(context), context, { input: request.input, realRun: false }, async (session) => {
    const what = `the interface ${id}`;
    let found: DescribeNetworkInterfacesCommandOutput;
    try {
      found = await session.send(COMMANDS.DescribeNetworkInterfaces({ NetworkInterfaceIds: [id] }));
    } catch (error) {
      const code = serviceErrorCode(error);
      if (!code || !INTERFACE_ID_PROBLEMS.test(code)) {
        return context.finish(couldNotDescribe(new DescribeFailure('DescribeNetworkInterfaces', what, error), context));
      }
      const message = code.endsWith('.NotFound')
        ? `${id} does not exist in ${context.region} (or this account cannot see it).`
        : `${id} is not a network interface ID EC2 accepts (${(error as Error).message}).`;
      const problem = { path: ['NetworkInterfaceId'], code, message };
      return context.finish({
        kind: 'invalid',
        title: `Preflight: ${id} ${code.endsWith('.NotFound') ? 'does not exist' : 'is malformed'}`,
        message,
        code,
        fieldProblems: [problem],
        report: emptyReport(id),
      });
    }
    const eni = found.NetworkInterfaces?.find((n) => n.NetworkInterfaceId === id) ?? found.NetworkInterfaces?.[0];
    if (!eni) {
      const failure = new DescribeFailure('DescribeNetworkInterfaces', what, 'DescribeNetworkInterfaces answered without it');
      return context.finish(couldNotDescribe(failure, context));
    }
    const report = reportOf(eni, id);
    try {
      return context.finish(await check(session, operation.name, shape, request.input, eni, report, found.$metadata.requestId));
    } catch (error) {
      if (error instanceof DescribeFailure) return context.finish({ ...couldNotDescribe(error, context), report });
      throw error;
    }
  });
}

/** A request member to look at: a string item of an address or prefix list, where it is. */
interface Requested {
  readonly value: string;
  readonly path: [string, number];
}

async function check(
  session: Session,
  operation: string,
  { assign, family }: (typeof PREFLIGHT)[string],
  input: Record<string, unknown>,
  eni: NetworkInterface,
  report: Mutable<PreflightReport>,
  requestId: string | undefined,
): Promise<Outcome & { report: PreflightReport }> {
  const members = FAMILY[family];
  const id = report.networkInterfaceId;
  const current = new Set(
    (family === 4 ? [...report.privateIpv4Addresses.map((a) => a.address), ...report.ipv4Prefixes] : [...report.ipv6Addresses, ...report.ipv6Prefixes]).map(
      canonical,
    ),
  );
  const requested: Requested[] = [members.addresses, members.prefixes].flatMap((member) =>
    (Array.isArray(input[member]) ? (input[member] as unknown[]) : []).flatMap((value, i) =>
      typeof value === 'string' ? [{ value, path: [member, i] as [string, number] }] : [],
    ),
  );
  const problems: FieldProblem[] = [];
  const notes: string[] = [];
  let subnetLine: string | undefined;
  if (assign) {
    for (const r of requested.filter((r) => current.has(canonical(r.value)))) {
      report.alreadyAssigned.push(r.value);
      problems.push({ path: r.path, code: PreflightCode.alreadyAssigned, message: `${r.value} is already assigned to ${id}.` });
    }
    const fresh = requested.filter((r) => !current.has(canonical(r.value)));
    const subnetId = eni.SubnetId;
    // Which of the fresh ones could be assigned as far as the subnet's ranges go (all, when they are not known).
    let inside = fresh;
    let range = subnetId ?? 'the subnet';
    if (subnetId) {
      const subnet = await describeSubnet(session, subnetId, id);
      report.subnetCidrBlock = subnet.cidrBlock;
      report.subnetIpv6CidrBlocks = subnet.ipv6CidrBlocks ?? [];
      const blocks = family === 4 ? (subnet.cidrBlock ? [subnet.cidrBlock] : []) : report.subnetIpv6CidrBlocks;
      subnetLine = `Subnet ${subnetId}: IPv4 ${subnet.cidrBlock ?? 'none (IPv6-only)'}, IPv6 ${list(report.subnetIpv6CidrBlocks)}.`;
      range = `${subnetId} (${blocks.join(', ')})`;
      if (!blocks.length) {
        inside = [];
        const message =
          family === 6
            ? `${subnetId} has no IPv6 CIDR block: EC2 cannot assign IPv6 addresses or prefixes to ${id} until one is associated with the subnet.`
            : `${subnetId} is IPv6-only (it has no IPv4 CIDR block): EC2 cannot assign private IPv4 addresses or prefixes to ${id}.`;
        const code = family === 6 ? PreflightCode.subnetNoIpv6 : PreflightCode.subnetNoIpv4;
        for (const member of [members.addresses, members.prefixes, ...members.counts].filter((m) => asks(input[m]))) {
          problems.push({ path: [member], code, message });
        }
      } else {
        inside = fresh.filter((r) => {
          const verdicts = blocks.map((block) => inCidr(r.value, block));
          // Text that is no address or prefix concludes nothing (the static rules report it).
          if (verdicts.some((v) => v !== false)) return true;
          report.outsideSubnet.push(r.value);
          const blockText = family === 4 ? blocks[0] : `the IPv6 CIDR block${blocks.length === 1 ? '' : 's'} ${blocks.join(', ')}`;
          problems.push({
            path: r.path,
            code: PreflightCode.outsideSubnet,
            message: `${r.value} is outside ${subnetId} (${blockText}): EC2 only assigns addresses and prefixes from the subnet's range.`,
          });
          return false;
        });
        // An address AWS reserves in the block (the first four, the last) is never assigned, nor held by another interface.
        inside = inside.filter((r) => {
          const reserved = r.path[0] === members.addresses ? reservedIn(r.value, blocks) : undefined;
          if (!reserved) return true;
          report.reservedInSubnet.push(r.value);
          problems.push({ path: r.path, code: PreflightCode.addressReserved, message: reservedMessage(r.value, subnetId, reserved) });
          return false;
        });
      }
    } else {
      notes.push(`The subnet of ${id} is not known: the addresses were not checked against its CIDR blocks.`);
    }
    const addresses = inside.filter((r) => r.path[0] === members.addresses);
    if (addresses.length && subnetId) {
      const reassign = family === 4 && input.AllowReassignment === true;
      for (const holder of await holdersOf(session, subnetId, addresses, id)) {
        for (const r of addresses.filter((r) => canonical(r.value) === holder.address)) {
          report.inUseElsewhere.push({ address: r.value, networkInterfaceId: holder.networkInterfaceId });
          if (reassign) notes.push(`${r.value} is on ${holder.networkInterfaceId}: AllowReassignment moves it from there.`);
          else
            problems.push({ path: r.path, code: PreflightCode.addressInUse, message: `${r.value} is in use by ${holder.networkInterfaceId} in ${subnetId}.` });
        }
      }
    }
    if (!problems.some((p) => p.code === PreflightCode.subnetNoIpv4 || p.code === PreflightCode.subnetNoIpv6)) {
      for (const member of members.counts) {
        if (typeof input[member] === 'number') notes.push(`${member}: EC2 picks ${input[member]} from ${range}.`);
      }
    }
  } else {
    for (const r of requested.filter((r) => !current.has(canonical(r.value)))) {
      report.notPresent.push(r.value);
      problems.push({ path: r.path, code: PreflightCode.notAssigned, message: `${r.value} is not assigned to ${id}.` });
    }
  }
  const lines = [
    `${id} exists in ${eni.SubnetId ?? 'an unknown subnet'}${eni.VpcId ? ` (${eni.VpcId})` : ''}, status ${eni.Status ?? 'unknown'}.`,
    `Private IPv4: ${list(report.privateIpv4Addresses.map((a) => (a.primary ? `${a.address} (primary)` : a.address)))}. IPv4 prefixes: ${list(report.ipv4Prefixes)}.`,
    `IPv6: ${list(report.ipv6Addresses)}. IPv6 prefixes: ${list(report.ipv6Prefixes)}.`,
    ...(subnetLine ? [subnetLine] : []),
    ...unique(problems.map((p) => p.message)),
    ...notes,
    `${operation} has no dry run: a real run ${assign ? 'adds these to' : 'removes these from'} the interface and changes the account.`,
  ];
  return {
    kind: problems.length ? 'invalid' : 'succeeded',
    title: problems.length ? `Preflight found problems for ${operation}` : `Preflight: ${id} is ready for ${operation}`,
    message: lines.join('\n'),
    requestId,
    fieldProblems: problems,
    report,
  };
}

/** The subnet's CIDR blocks (describe-ids.ts: DescribeSubnets with a `subnet-id` filter). */
async function describeSubnet(session: Session, subnetId: string, id: string): Promise<DescribedResource> {
  const what = `the subnet ${subnetId} of ${id}`;
  const [call] = idCalls({ ids: { subnet: [subnetId] } });
  const { findings } = await describing(call.action, what, () => call.perform(session));
  const subnet = findings.found?.find((s) => s.id === subnetId);
  if (!subnet) {
    throw new DescribeFailure(call.action, what, `${call.action} does not list it: it may have been deleted since, or this account cannot see it`);
  }
  return subnet;
}

/** The interfaces of the subnet other than `id` that hold any of `addresses` (describe-addresses.ts), by canonical address. */
async function holdersOf(session: Session, subnetId: string, addresses: readonly Requested[], id: string) {
  const what = `which interfaces of ${subnetId} hold ${addresses.map((r) => r.value).join(', ')}`;
  const calls = addressCalls([{ subnetId, addresses: addresses.map((r) => r.value) }]);
  const answers = await describing('DescribeNetworkInterfaces', what, () => Promise.all(calls.map((call) => call.perform(session))));
  return answers.flatMap((a) => a.findings.addressesInUse ?? []).filter((holder) => holder.networkInterfaceId !== id);
}

/** A Describe the preflight needed and did not get: which action, what it was describing, and why (the error, or a sentence naming the action). */
class DescribeFailure extends Error {
  constructor(
    readonly action: string,
    readonly what: string,
    readonly reason: unknown,
  ) {
    super(`${action}: could not describe ${what}`);
  }
}

/** `describe`'s answer; what it throws becomes a DescribeFailure. */
async function describing<T>(action: string, what: string, describe: () => Promise<T>): Promise<T> {
  try {
    return await describe();
  } catch (error) {
    throw new DescribeFailure(action, what, error);
  }
}

/**
 * "Preflight could not describe the subnet … (Not permitted: DescribeSubnets with …)": the failure
 * classified as the Describe's (denied, throttled, unreachable… keep their kinds, exit codes and
 * any encoded authorization message), never as a problem of the request. A rejected Describe is an
 * `error`, not `invalid`: the request was not found wrong, it was not checked. Cancellation stays
 * the operation's.
 */
function couldNotDescribe({ action, what, reason }: DescribeFailure, context: ExecutionContext): Outcome {
  let cause: Outcome;
  let detail: string;
  if (typeof reason === 'string') {
    cause = { kind: 'error', title: action, message: reason };
    detail = reason;
  } else {
    if (context.options.signal?.aborted || (reason instanceof Error && reason.name === 'AbortError')) return classifyError(reason, context, undefined, false);
    // Named after the Describe action ("Not permitted: DescribeSubnets with …"), as the live checks' look-ups are.
    const named = new ExecutionContext(action, 'preflight', context.options);
    named.region = context.region;
    named.endpointHost = context.endpointHost;
    cause = classifyError(reason, named, undefined, false);
    detail = `${cause.title.includes(action) ? cause.title : `${action}: ${cause.title}`}: ${cause.message.trim().replace(/\.$/, '')}`;
  }
  return {
    kind: cause.kind === 'invalid' ? 'error' : cause.kind,
    title: `Preflight could not describe ${what}`,
    message: `The preflight could not describe ${what} (${detail}).\n${context.operation} was not checked; nothing was changed.`,
    code: cause.code,
    requestId: cause.requestId,
    encodedAuthorizationMessage: cause.encodedAuthorizationMessage,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function reportOf(eni: NetworkInterface, id: string): Mutable<PreflightReport> {
  return {
    ...emptyReport(eni.NetworkInterfaceId ?? id),
    exists: true,
    subnetId: eni.SubnetId,
    vpcId: eni.VpcId,
    status: eni.Status,
    privateIpv4Addresses: (eni.PrivateIpAddresses ?? []).map((a) => ({ address: a.PrivateIpAddress ?? '', primary: a.Primary === true })),
    ipv6Addresses: (eni.Ipv6Addresses ?? []).map((a) => a.Ipv6Address ?? ''),
    ipv4Prefixes: (eni.Ipv4Prefixes ?? []).map((p) => p.Ipv4Prefix ?? ''),
    ipv6Prefixes: (eni.Ipv6Prefixes ?? []).map((p) => p.Ipv6Prefix ?? ''),
  };
}

function emptyReport(networkInterfaceId: string): Mutable<PreflightReport> {
  return {
    networkInterfaceId,
    exists: false,
    privateIpv4Addresses: [],
    ipv6Addresses: [],
    ipv4Prefixes: [],
    ipv6Prefixes: [],
    alreadyAssigned: [],
    notPresent: [],
    inUseElsewhere: [],
    outsideSubnet: [],
    reservedInSubnet: [],
  };
}

/** Whether a member asks for something: a non-empty list, or a count. */
function asks(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : typeof value === 'number';
}

function list(values: readonly string[]): string {
  return values.length ? values.join(', ') : 'none';
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** One spelling per address or prefix: IPv6 compressed and lower case (the URL parser does it). */
function canonical(value: string): string {
  const [address, length] = value.trim().split('/');
  let result = address.toLowerCase();
  if (address.includes(':')) {
    try {
      result = new URL(`http://[${address}]/`).hostname.slice(1, -1);
    } catch {
      // Not an IPv6 address EC2 would take either: compare it as written.
    }
  }
  return length === undefined ? result : `${result}/${length}`;
}
