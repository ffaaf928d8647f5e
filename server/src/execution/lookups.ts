/**
 * The look-up contract of the live checks: what they ask of EC2 (ResourceQuery) and what comes back
 * (DescribeResourcesResult). SDK-free: the language service imports it with `import type`;
 * describe-resources.ts carries the look-ups out.
 */
import type { ExecutionResult } from '../../../contract/outcome';

/** The ID kinds the live checks look up (the schemas' `x-idKind`). */
export type ResourceKind = 'subnet' | 'sg' | 'eni' | 'i';
export const RESOURCE_KINDS: readonly ResourceKind[] = ['subnet', 'sg', 'eni', 'i'];

/** What a Describe call says about one resource; members a kind does not have stay undefined. */
export interface DescribedResource {
  readonly kind: ResourceKind;
  readonly id: string;
  /** The `Name` tag. */
  readonly name?: string;
  readonly vpcId?: string;
  /** Subnets: the IPv4 CIDR block. */
  readonly cidrBlock?: string;
  /** Subnets: the associated IPv6 CIDR blocks. */
  readonly ipv6CidrBlocks?: string[];
  readonly availabilityZone?: string;
  /** Interfaces and instances: the subnet they are in. */
  readonly subnetId?: string;
  /** Subnets and interfaces: state/status; instances: the state name. */
  readonly state?: string;
  /** Security groups: the group name (not the Name tag). */
  readonly groupName?: string;
  /** Security groups and interfaces. */
  readonly description?: string;
  readonly instanceType?: string;
  /** Interfaces and instances: the primary private IPv4 address. */
  readonly privateIpAddress?: string;
}

/** Addresses (IPv4 and IPv6, any spelling) to look for in a subnet. */
export interface AddressQuery {
  readonly subnetId: string;
  readonly addresses: readonly string[];
}

/** An address of a subnet, canonical (address-text.ts). */
export interface SubnetAddress {
  readonly subnetId: string;
  readonly address: string;
}

/** An address some interface of the subnet holds. */
export interface AddressHolder extends SubnetAddress {
  readonly networkInterfaceId: string;
  readonly description?: string;
  /** The instance the interface is attached to. */
  readonly instanceId?: string;
}

/** The network limits of an instance type (DescribeInstanceTypes' NetworkInfo); undefined: not given. */
export interface InstanceTypeLimits {
  readonly instanceType: string;
  readonly maximumNetworkInterfaces?: number;
  readonly maximumNetworkCards?: number;
  /** `NetworkCards`: per network card, how many interfaces it takes. */
  readonly networkCards?: readonly NetworkCardLimits[];
  readonly ipv4AddressesPerInterface?: number;
  readonly ipv6AddressesPerInterface?: number;
  readonly ipv6Supported?: boolean;
  /** `EfaSupported`: may interfaces be `efa` or `efa-only`? */
  readonly efaSupported?: boolean;
  /** `EfaInfo.MaximumEfaInterfaces`: EFA interfaces (efa and efa-only) at most. */
  readonly maximumEfaInterfaces?: number;
}

/** One of `NetworkInfo.NetworkCards`. */
export interface NetworkCardLimits {
  readonly networkCardIndex: number;
  readonly maximumNetworkInterfaces?: number;
}

export interface ResourceQuery {
  /** IDs to look up, per kind. */
  readonly ids?: Partial<Record<ResourceKind, readonly string[]>>;
  /** Kinds to list (one page each, at most `listLimit`; instances that are not terminated). */
  readonly list?: readonly ResourceKind[];
  /** 5 to 1000; default 200. */
  readonly listLimit?: number;
  /** Addresses to find the holders of, per subnet. */
  readonly addresses?: readonly AddressQuery[];
  /** Instance types whose network limits are wanted. */
  readonly instanceTypes?: readonly string[];
}

export interface DescribeResourcesResult extends ExecutionResult {
  /** Succeeded: everything the calls returned (looked up or listed), once per kind and ID. */
  readonly found?: DescribedResource[];
  /** Succeeded: per kind, the IDs looked up that do not exist in the region (or are not visible). */
  readonly missing?: Partial<Record<ResourceKind, string[]>>;
  /** Succeeded: the kinds listed, and those whose listing was cut at `listLimit`. */
  readonly listed?: ResourceKind[];
  readonly truncated?: ResourceKind[];
  /** Succeeded: the addresses looked up that an interface of their subnet holds, and those none holds. */
  readonly addressesInUse?: AddressHolder[];
  readonly addressesFree?: SubnetAddress[];
  /** Succeeded: the limits of the instance types looked up, and the types the region does not know. */
  readonly instanceTypes?: InstanceTypeLimits[];
  readonly unknownInstanceTypes?: string[];
}
