/**
 * The network limits of instance types, for the live check of more addresses or interfaces than
 * the type allows: DescribeInstanceTypes with the `instance-type` filter, in batches. A filter
 * leaves out a type the region does not offer (or that does not exist), where the `InstanceTypes`
 * parameter would fail the call; such a type is unknown, not an error.
 */
import { DescribeInstanceTypesCommand, type DescribeInstanceTypesCommandOutput, type InstanceTypeInfo } from '@aws-sdk/client-ec2';
import { batches, describeAll, lookUp, type DescribeCall } from './describe-calls';
import type { InstanceTypeLimits } from './lookups';
import type { Session } from './session';

/** DescribeInstanceTypes takes 5 to 100. */
const MAX_RESULTS = 100;

export function instanceTypeCalls(instanceTypes: readonly string[]): DescribeCall[] {
  return batches(instanceTypes).map((batch) => {
    const Filters = [{ Name: 'instance-type', Values: batch }];
    const pages = (session: Session) =>
      describeAll(
        session,
        (NextToken) => new DescribeInstanceTypesCommand({ Filters, MaxResults: MAX_RESULTS, NextToken }),
        (out: DescribeInstanceTypesCommandOutput) => (out.InstanceTypes ?? []).flatMap(limitsOf),
      );
    return lookUp('DescribeInstanceTypes', 'instance types', batch, pages, (page) => {
      const known = new Set(page.items.map((t) => t.instanceType));
      return { instanceTypes: page.items, unknownInstanceTypes: page.nextToken ? [] : batch.filter((type) => !known.has(type)) };
    });
  });
}

/** The limits the answer gives; a limit it leaves out stays undefined (and is not checked). */
function limitsOf(info: InstanceTypeInfo): InstanceTypeLimits[] {
  if (!info.InstanceType) return [];
  const network = info.NetworkInfo ?? {};
  return [
    {
      instanceType: info.InstanceType,
      maximumNetworkInterfaces: network.MaximumNetworkInterfaces,
      maximumNetworkCards: network.MaximumNetworkCards,
      networkCards: network.NetworkCards?.flatMap((card) =>
        card.NetworkCardIndex === undefined ? [] : [{ networkCardIndex: card.NetworkCardIndex, maximumNetworkInterfaces: card.MaximumNetworkInterfaces }],
      ),
      ipv4AddressesPerInterface: network.Ipv4AddressesPerInterface,
      ipv6AddressesPerInterface: network.Ipv6AddressesPerInterface,
      ipv6Supported: network.Ipv6Supported,
      efaSupported: network.EfaSupported,
      maximumEfaInterfaces: network.EfaInfo?.MaximumEfaInterfaces,
    },
  ];
}
