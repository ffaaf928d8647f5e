/**
 * Which network interface holds an address in a subnet, for the live check of addresses already
 * in use: DescribeNetworkInterfaces with the filters `subnet-id` and `addresses.private-ip-address`
 * (IPv6: `ipv6-addresses.ipv6-address`), one call per subnet, family and batch of addresses. An
 * address no interface of the subnet holds is free; after pages left unread, nothing is called free.
 */
import { DescribeNetworkInterfacesCommand, type DescribeNetworkInterfacesCommandOutput, type NetworkInterface } from '@aws-sdk/client-ec2';
import { canonicalAddress, type AddressFamily } from './address-text';
import { batches, describeAll, lookUp, type DescribeCall } from './describe-calls';
import type { AddressHolder, AddressQuery } from './lookups';
import type { Session } from './session';

const ADDRESS_FILTER: Record<AddressFamily, string> = { 4: 'addresses.private-ip-address', 6: 'ipv6-addresses.ipv6-address' };

/** The calls for the addresses of the queries (canonical, unique per subnet; text that is no address is left out). */
export function addressCalls(queries: readonly AddressQuery[]): DescribeCall[] {
  const bySubnet = new Map<string, Record<AddressFamily, string[]>>();
  for (const { subnetId, addresses } of queries) {
    if (typeof subnetId !== 'string' || !subnetId) continue;
    const families = bySubnet.get(subnetId) ?? { 4: [], 6: [] };
    bySubnet.set(subnetId, families);
    for (const text of addresses) {
      const address = typeof text === 'string' ? canonicalAddress(text) : undefined;
      if (address) families[address.family].push(address.address);
    }
  }
  return [...bySubnet].flatMap(([subnetId, families]) =>
    ([4, 6] as const).flatMap((family) => batches(families[family]).map((batch) => holders(subnetId, family, batch))),
  );
}

function holders(subnetId: string, family: AddressFamily, addresses: string[]): DescribeCall {
  const Filters = [
    { Name: 'subnet-id', Values: [subnetId] },
    { Name: ADDRESS_FILTER[family], Values: addresses },
  ];
  const pages = (session: Session) =>
    describeAll(
      session,
      (NextToken) => new DescribeNetworkInterfacesCommand({ Filters, NextToken }),
      (out: DescribeNetworkInterfacesCommandOutput) => out.NetworkInterfaces ?? [],
    );
  return lookUp('DescribeNetworkInterfaces', 'addresses', addresses, pages, (page) => {
    const asked = new Set(addresses);
    const held = new Map<string, AddressHolder>();
    for (const eni of page.items) {
      if (!eni.NetworkInterfaceId || (eni.SubnetId && eni.SubnetId !== subnetId)) continue;
      for (const address of addressesOf(eni, family)) if (asked.has(address)) held.set(address, holder(eni, subnetId, address));
    }
    const free = page.nextToken ? [] : addresses.filter((address) => !held.has(address)).map((address) => ({ subnetId, address }));
    return { addressesInUse: [...held.values()], addressesFree: free };
  });
}

/** The interface's addresses of a family, canonical. */
function addressesOf(eni: NetworkInterface, family: AddressFamily): string[] {
  const written =
    family === 4
      ? [eni.PrivateIpAddress, ...(eni.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress)]
      : (eni.Ipv6Addresses ?? []).map((a) => a.Ipv6Address);
  return written.flatMap((text) => {
    const address = text ? canonicalAddress(text) : undefined;
    return address?.family === family ? [address.address] : [];
  });
}

function holder(eni: NetworkInterface, subnetId: string, address: string): AddressHolder {
  return {
    subnetId,
    address,
    networkInterfaceId: eni.NetworkInterfaceId ?? '',
    ...(eni.Description ? { description: eni.Description } : {}),
    ...(eni.Attachment?.InstanceId ? { instanceId: eni.Attachment.InstanceId } : {}),
  };
}
