/**
 * Who reads a request file, and what the AWS CLI does to it before botocore serializes it. A file
 * is for the AWS CLI (`--cli-input-json|yaml`) unless a setting or `check --for sdk` says it is
 * handed to an SDK, where none of this happens.
 *
 * The CLI's rewrites come from its customizations (awscli/customizations/ec2/ in v1 1.45 and v2):
 * of the operations eni-requests checks, only RunInstances is rewritten, by addcount.py (MinCount
 * and MaxCount default to 1) and runinstances.py `_fix_args` (instance-level members move into
 * NetworkInterfaces[0]). The others there (bundleinstance, decryptpassword, protocolarg, paginate,
 * secgroupsimplify) concern operations or command-line options this tool does not take.
 */

export type Consumer = 'aws-cli' | 'sdk';
export const CONSUMERS: readonly Consumer[] = ['aws-cli', 'sdk'];
export const DEFAULT_CONSUMER: Consumer = 'aws-cli';

/** addcount.py `set_default_count`: each of these is set when absent (`setdefault`). */
export const CLI_DEFAULTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  RunInstances: { MinCount: 1, MaxCount: 1 },
};

/** runinstances.py: the move happens when NetworkInterfaces[0] has any of these keys. */
export const CLI_MOVE_TRIGGERS = ['PrivateIpAddresses', 'SecondaryPrivateIpAddressCount', 'AssociatePublicIpAddress'] as const;

/** runinstances.py: instance-level member → its key in NetworkInterfaces[0], in the CLI's order. */
export const CLI_MOVES: readonly { readonly from: string; readonly to: string }[] = [
  { from: 'SubnetId', to: 'SubnetId' },
  { from: 'SecurityGroupIds', to: 'Groups' },
  // As the one entry of PrivateIpAddresses: { PrivateIpAddress, Primary: true }.
  { from: 'PrivateIpAddress', to: 'PrivateIpAddresses' },
  { from: 'Ipv6AddressCount', to: 'Ipv6AddressCount' },
  { from: 'Ipv6Addresses', to: 'Ipv6Addresses' },
  // AWS CLI v1 1.45 moves it; Debian's v2 2.9 predates the member.
  { from: 'EnablePrimaryIpv6', to: 'PrimaryIpv6' },
];

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether the CLI moves instance-level members of this RunInstances input into NetworkInterfaces[0]. */
export function cliMovesMembers(input: Plain): boolean {
  const interfaces = input.NetworkInterfaces;
  const first = Array.isArray(interfaces) ? interfaces[0] : undefined;
  return isPlainObject(first) && CLI_MOVE_TRIGGERS.some((key) => Object.hasOwn(first, key));
}

/**
 * The parameters the AWS CLI sends for this input (the file's members), for the dry run and the
 * preview: a copy with the CLI's defaults and moves applied. The input itself is not changed.
 */
export function applyCliRepairs(operationName: string, input: Plain): Plain {
  const output: Plain = { ...input };
  if (operationName !== 'RunInstances') return output;
  if (cliMovesMembers(output)) {
    const interfaces = [...(output.NetworkInterfaces as unknown[])];
    const first: Plain = { ...(interfaces[0] as Plain) };
    for (const { from, to } of CLI_MOVES) {
      if (!Object.hasOwn(output, from)) continue;
      first[to] = from === 'PrivateIpAddress' ? [{ PrivateIpAddress: output[from], Primary: true }] : output[from];
      delete output[from];
    }
    interfaces[0] = first;
    output.NetworkInterfaces = interfaces;
  }
  for (const [key, value] of Object.entries(CLI_DEFAULTS[operationName] ?? {})) if (!Object.hasOwn(output, key)) output[key] = value;
  return output;
}
