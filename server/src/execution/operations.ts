/** The SDK command of every supported operation, and what the execution needs to know of one. */
import {
  AssignIpv6AddressesCommand,
  AssignPrivateIpAddressesCommand,
  AssociateAddressCommand,
  AttachNetworkInterfaceCommand,
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  CreateNetworkInterfaceCommand,
  CreateNetworkInterfacePermissionCommand,
  CreateTagsCommand,
  DeleteNetworkInterfaceCommand,
  DeleteNetworkInterfacePermissionCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfaceAttributeCommand,
  DescribeNetworkInterfacePermissionsCommand,
  DescribeNetworkInterfacesCommand,
  DetachNetworkInterfaceCommand,
  DisassociateAddressCommand,
  ModifyInstanceAttributeCommand,
  ModifyNetworkInterfaceAttributeCommand,
  RequestSpotFleetCommand,
  RequestSpotInstancesCommand,
  ResetNetworkInterfaceAttributeCommand,
  RunInstancesCommand,
  UnassignIpv6AddressesCommand,
  UnassignPrivateIpAddressesCommand,
} from '@aws-sdk/client-ec2';
import type { SUPPORTED_OPERATIONS } from '../model/operations';
import type { OperationInfo, OperationSchema } from '../model/schema-types';
import { ExecutionContext } from './context';
import { withDates } from './sdk-input';
import type { ExecutionResult } from '../../../contract/outcome';
import type { ExecutionOptions, ExecutionRequest } from './request';

/** A command of any operation, EC2 or STS: what Session.send takes. */
export interface AnyCommand {
  readonly input: unknown;
}
type SupportedOperation = (typeof SUPPORTED_OPERATIONS)[number];

/**
 * Input comes from a file the schemas checked, not from typed code: the SDK's serializer takes
 * the members it knows (by the operation's schema) and drops the rest, like the SDK always does.
 */
type CommandFactory = (input: Record<string, unknown>) => AnyCommand;
const command =
  (Command: new (input: never) => AnyCommand): CommandFactory =>
  (input) =>
    new Command(input as never);

export const COMMANDS: Record<SupportedOperation, CommandFactory> = {
  CreateNetworkInterface: command(CreateNetworkInterfaceCommand),
  DeleteNetworkInterface: command(DeleteNetworkInterfaceCommand),
  DescribeNetworkInterfaces: command(DescribeNetworkInterfacesCommand),
  AttachNetworkInterface: command(AttachNetworkInterfaceCommand),
  DetachNetworkInterface: command(DetachNetworkInterfaceCommand),
  DescribeNetworkInterfaceAttribute: command(DescribeNetworkInterfaceAttributeCommand),
  ModifyNetworkInterfaceAttribute: command(ModifyNetworkInterfaceAttributeCommand),
  ResetNetworkInterfaceAttribute: command(ResetNetworkInterfaceAttributeCommand),
  AssignPrivateIpAddresses: command(AssignPrivateIpAddressesCommand),
  UnassignPrivateIpAddresses: command(UnassignPrivateIpAddressesCommand),
  AssignIpv6Addresses: command(AssignIpv6AddressesCommand),
  UnassignIpv6Addresses: command(UnassignIpv6AddressesCommand),
  CreateNetworkInterfacePermission: command(CreateNetworkInterfacePermissionCommand),
  DeleteNetworkInterfacePermission: command(DeleteNetworkInterfacePermissionCommand),
  DescribeNetworkInterfacePermissions: command(DescribeNetworkInterfacePermissionsCommand),
  CreateTags: command(CreateTagsCommand),
  DeleteTags: command(DeleteTagsCommand),
  AssociateAddress: command(AssociateAddressCommand),
  DisassociateAddress: command(DisassociateAddressCommand),
  RunInstances: command(RunInstancesCommand),
  DescribeInstances: command(DescribeInstancesCommand),
  CreateLaunchTemplate: command(CreateLaunchTemplateCommand),
  CreateLaunchTemplateVersion: command(CreateLaunchTemplateVersionCommand),
  RequestSpotInstances: command(RequestSpotInstancesCommand),
  RequestSpotFleet: command(RequestSpotFleetCommand),
  ModifyInstanceAttribute: command(ModifyInstanceAttributeCommand),
};

export type ResolvedOperation = OperationInfo & { create: CommandFactory };

/** The SDK command of an operation schema, if the execution supports it. */
function resolveOperation(schema: OperationSchema): ResolvedOperation | undefined {
  const info = schema['x-operation'];
  const factory = Object.hasOwn(COMMANDS, info.name) ? COMMANDS[info.name as SupportedOperation] : undefined;
  return factory ? { ...info, create: (input) => factory(withDates(schema, input) as Record<string, unknown>) } : undefined;
}

/** The operation and a fresh execution context, or the result for an operation we cannot run. */
export function begin(
  request: ExecutionRequest,
  label: string,
  options: ExecutionOptions,
): { operation: ResolvedOperation; context: ExecutionContext } | ExecutionResult {
  const operation = resolveOperation(request.operation);
  if (operation) return { operation, context: new ExecutionContext(operation.name, label, options) };
  const name = request.operation['x-operation'].name;
  return new ExecutionContext(name, label, options).finish({
    kind: 'error',
    title: `Unknown operation ${name}`,
    message: `"${name}" is not an operation eni-requests can run.`,
  });
}
