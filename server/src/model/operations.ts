/**
 * Which EC2 operations eni-requests supports: the schema generator builds one schema each
 * (schemas/generator), the execution module has one SDK command each.
 */
export const SUPPORTED_OPERATIONS = [
  'CreateNetworkInterface',
  'DeleteNetworkInterface',
  'DescribeNetworkInterfaces',
  'AttachNetworkInterface',
  'DetachNetworkInterface',
  'DescribeNetworkInterfaceAttribute',
  'ModifyNetworkInterfaceAttribute',
  'ResetNetworkInterfaceAttribute',
  'AssignPrivateIpAddresses',
  'UnassignPrivateIpAddresses',
  'AssignIpv6Addresses',
  'UnassignIpv6Addresses',
  'CreateNetworkInterfacePermission',
  'DeleteNetworkInterfacePermission',
  'DescribeNetworkInterfacePermissions',
  'CreateTags',
  'DeleteTags',
  'AssociateAddress',
  'DisassociateAddress',
  'RunInstances',
  'DescribeInstances',
  'CreateLaunchTemplate',
  'CreateLaunchTemplateVersion',
  'RequestSpotInstances',
  'RequestSpotFleet',
  'ModifyInstanceAttribute',
] as const;
