/**
 * The read-only stand-in for a dry run of the address operations, which have no DryRun parameter:
 * DescribeNetworkInterfaces on the interface the request names (does it exist, which addresses and
 * prefixes it has), and for explicit new addresses, on the subnet (does another interface hold them).
 */
import type { DescribeNetworkInterfacesCommandOutput, NetworkInterface } from '@aws-sdk/client-ec2';
import { serviceErrorCode } from './classify';
import type { Outcome } from './context';
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
  4: {
    addresses: 'PrivateIpAddresses',
    prefixes: 'Ipv4Prefixes',
    counts: ['SecondaryPrivateIpAddressCount', 'Ipv4PrefixCount'],
    filter: 'addresses.private-ip-address',
  },
  6: { addresses: 'Ipv6Addresses', prefixes: 'Ipv6Prefixes', counts: ['Ipv6AddressCount', 'Ipv6PrefixCount'], filter: 'ipv6-addresses.ipv6-address' },
} as const;

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
    let found: DescribeNetworkInterfacesCommandOutput;
    try {
      found = await session.send(COMMANDS.DescribeNetworkInterfaces({ NetworkInterfaceIds: [id] }));
    } catch (error) {
      if (serviceErrorCode(error) !== 'InvalidNetworkInterfaceID.NotFound') throw error;
      const message = `${id} does not exist in ${context.region} (or this account cannot see it).`;
      const problem = { path: ['NetworkInterfaceId'], code: 'InvalidNetworkInterfaceID.NotFound', message };
      return context.finish({
        kind: 'invalid',
        title: `Preflight: ${id} does not exist`,
        message,
        code: problem.code,
        fieldProblems: [problem],
        report: emptyReport(id),
      });
    }
    const eni = found.NetworkInterfaces?.[0];
    if (!eni) throw new Error(`DescribeNetworkInterfaces returned no interface for ${id}.`);
    return context.finish(await check(session, operation.name, shape, request.input, eni, found.$metadata.requestId));
  });
}

async function check(
  session: Session,
  operation: string,
  { assign, family }: (typeof PREFLIGHT)[string],
  input: Record<string, unknown>,
  eni: NetworkInterface,
  requestId: string | undefined,
): Promise<Outcome & { report: PreflightReport }> {
  const members = FAMILY[family];
  const id = eni.NetworkInterfaceId ?? '';
  const report: Mutable<PreflightReport> = {
    ...emptyReport(id),
    exists: true,
    subnetId: eni.SubnetId,
    vpcId: eni.VpcId,
    status: eni.Status,
    privateIpv4Addresses: (eni.PrivateIpAddresses ?? []).map((a) => ({ address: a.PrivateIpAddress ?? '', primary: a.Primary === true })),
    ipv6Addresses: (eni.Ipv6Addresses ?? []).map((a) => a.Ipv6Address ?? ''),
    ipv4Prefixes: (eni.Ipv4Prefixes ?? []).map((p) => p.Ipv4Prefix ?? ''),
    ipv6Prefixes: (eni.Ipv6Prefixes ?? []).map((p) => p.Ipv6Prefix ?? ''),
  };
  const current = new Set(
    (family === 4 ? [...report.privateIpv4Addresses.map((a) => a.address), ...report.ipv4Prefixes] : [...report.ipv6Addresses, ...report.ipv6Prefixes]).map(
      canonical,
    ),
  );
  const requested = [members.addresses, members.prefixes].flatMap((member) =>
    (Array.isArray(input[member]) ? (input[member] as unknown[]) : []).flatMap((value, i) => (typeof value === 'string' ? [{ value, path: [member, i] }] : [])),
  );
  const problems: FieldProblem[] = [];
  const notes: string[] = [];
  if (assign) {
    for (const r of requested.filter((r) => current.has(canonical(r.value)))) {
      report.alreadyAssigned.push(r.value);
      problems.push({ path: r.path, code: 'already-assigned', message: `${r.value} is already assigned to ${id}.` });
    }
    const fresh = requested.filter((r) => r.path[0] === members.addresses && !current.has(canonical(r.value)));
    if (fresh.length && eni.SubnetId) {
      const others = await session.send<DescribeNetworkInterfacesCommandOutput>(
        COMMANDS.DescribeNetworkInterfaces({
          Filters: [
            { Name: 'subnet-id', Values: [eni.SubnetId] },
            { Name: members.filter, Values: fresh.map((r) => r.value) },
          ],
        }),
      );
      const reassign = family === 4 && input.AllowReassignment === true;
      for (const other of others.NetworkInterfaces ?? []) {
        if (other.NetworkInterfaceId === id) continue;
        const held = new Set(
          (family === 4 ? (other.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress) : (other.Ipv6Addresses ?? []).map((a) => a.Ipv6Address)).map((a) =>
            canonical(a ?? ''),
          ),
        );
        for (const r of fresh.filter((r) => held.has(canonical(r.value)))) {
          report.inUseElsewhere.push({ address: r.value, networkInterfaceId: other.NetworkInterfaceId ?? '' });
          if (reassign) notes.push(`${r.value} is on ${other.NetworkInterfaceId}: AllowReassignment moves it from there.`);
          else problems.push({ path: r.path, code: 'address-in-use', message: `${r.value} is in use by ${other.NetworkInterfaceId} in ${eni.SubnetId}.` });
        }
      }
    }
    for (const member of members.counts) {
      if (typeof input[member] === 'number') notes.push(`${member}: EC2 picks ${input[member]} from ${eni.SubnetId ?? 'the subnet'}.`);
    }
  } else {
    for (const r of requested.filter((r) => !current.has(canonical(r.value)))) {
      report.notPresent.push(r.value);
      problems.push({ path: r.path, code: 'not-assigned', message: `${r.value} is not assigned to ${id}.` });
    }
  }
  const list = (values: string[]) => (values.length ? values.join(', ') : 'none');
  const lines = [
    `${id} exists in ${eni.SubnetId ?? 'an unknown subnet'}${eni.VpcId ? ` (${eni.VpcId})` : ''}, status ${eni.Status ?? 'unknown'}.`,
    `Private IPv4: ${list(report.privateIpv4Addresses.map((a) => (a.primary ? `${a.address} (primary)` : a.address)))}. IPv4 prefixes: ${list(report.ipv4Prefixes)}.`,
    `IPv6: ${list(report.ipv6Addresses)}. IPv6 prefixes: ${list(report.ipv6Prefixes)}.`,
    ...problems.map((p) => p.message),
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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
  };
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
