export { SUPPORTED_OPERATIONS } from '../../server/src/model/operations';

/** `CreateNetworkInterface` → `create-network-interface`, `AssignIpv6Addresses` → `assign-ipv6-addresses`. */
export function cliCommandName(operation: string): string {
  return operation.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function apiReferenceUrl(operation: string): string {
  return `https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_${operation}.html`;
}
