/** fieldProblemsFor: EC2 error code + message + request → the member paths EC2 complained about. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldProblemsFor } from '../../server/src/execution/field-problems';

const paths = (code: string, message: string, input: unknown) => fieldProblemsFor(code, message, input).map((p) => p.path);

const runInstances = {
  ImageId: 'ami-0123456789abcdef0',
  SecurityGroupIds: ['sg-0aaa0000000000001', 'sg-0bbb0000000000002'],
  NetworkInterfaces: [
    { DeviceIndex: 0, SubnetId: 'subnet-0aaa0000000000001', Groups: ['sg-0ccc0000000000003'] },
    { DeviceIndex: 1, SubnetId: 'subnet-0bbb0000000000002', PrivateIpAddress: '10.0.1.40' },
  ],
};

test('InvalidSubnetID.NotFound: the SubnetId', () => {
  const problems = fieldProblemsFor('InvalidSubnetID.NotFound', "The subnet ID 'subnet-1' does not exist", { SubnetId: 'subnet-1', Description: 'x' });
  assert.deepEqual(problems, [{ path: ['SubnetId'], code: 'InvalidSubnetID.NotFound', message: "The subnet ID 'subnet-1' does not exist" }]);
});

test('InvalidSubnetID.NotFound among several subnets: the one the message names', () => {
  assert.deepEqual(paths('InvalidSubnetID.NotFound', "The subnet ID 'subnet-0bbb0000000000002' does not exist", runInstances), [
    ['NetworkInterfaces', 1, 'SubnetId'],
  ]);
});

test('a message that names no value: every member the code is about', () => {
  assert.deepEqual(paths('InvalidSubnetID.Malformed', 'Invalid subnet ID.', runInstances), [
    ['NetworkInterfaces', 0, 'SubnetId'],
    ['NetworkInterfaces', 1, 'SubnetId'],
  ]);
});

test('InvalidNetworkInterfaceID.NotFound: NetworkInterfaceId, or the item of NetworkInterfaceIds', () => {
  assert.deepEqual(
    paths('InvalidNetworkInterfaceID.NotFound', "The networkInterface ID 'eni-0a1b2c3d4e5f60718' does not exist", {
      NetworkInterfaceId: 'eni-0a1b2c3d4e5f60718',
    }),
    [['NetworkInterfaceId']],
  );
  assert.deepEqual(
    paths('InvalidNetworkInterfaceID.NotFound', "The networkInterface ID 'eni-0222' does not exist", { NetworkInterfaceIds: ['eni-0111', 'eni-0222'] }),
    [['NetworkInterfaceIds', 1]],
  );
});

test('InvalidGroup.NotFound: the Groups or SecurityGroupIds item the message names', () => {
  assert.deepEqual(paths('InvalidGroup.NotFound', "The security group 'sg-0bbb0000000000002' does not exist", runInstances), [['SecurityGroupIds', 1]]);
  assert.deepEqual(paths('InvalidGroup.NotFound', "The security group 'sg-0ccc0000000000003' does not exist in VPC 'vpc-1'", runInstances), [
    ['NetworkInterfaces', 0, 'Groups', 0],
  ]);
});

test('InvalidParameterValue names the parameter: as written, camelCase, or as the wire name', () => {
  assert.deepEqual(paths('InvalidParameterValue', 'Value (subnet-x) for parameter SubnetId is invalid.', { SubnetId: 'subnet-x' }), [['SubnetId']]);
  assert.deepEqual(paths('InvalidParameterValue', 'Value (10.0.1.300) for parameter privateIpAddress is invalid.', { PrivateIpAddress: '10.0.1.300' }), [
    ['PrivateIpAddress'],
  ]);
  assert.deepEqual(paths('InvalidParameterValue', 'Value (sg-0ccc0000000000003) for parameter groupId is invalid. Malformed ID.', runInstances), [
    ['NetworkInterfaces', 0, 'Groups', 0],
  ]);
  assert.deepEqual(paths('InvalidParameterValue', "Invalid value 'c6i.huge' for InstanceType.", { InstanceType: 'c6i.huge', ImageId: 'ami-1' }), [
    ['InstanceType'],
  ]);
});

test('InvalidParameterCombination: every member it names, the least nested of each name', () => {
  const input = { SubnetId: 'subnet-1', PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.25', Primary: true }], PrivateIpAddress: '10.0.1.25' };
  assert.deepEqual(paths('InvalidParameterCombination', 'The parameters PrivateIpAddress and PrivateIpAddresses cannot be used together.', input), [
    ['PrivateIpAddresses'],
    ['PrivateIpAddress'],
  ]);
});

test('a message in prose that names no member and no value: no field problems', () => {
  assert.deepEqual(
    paths('InvalidParameterCombination', 'Network interfaces and an instance-level security groups may not be specified on the same request', runInstances),
    [],
  );
  assert.deepEqual(paths('IncorrectState', 'The interface is in the wrong state: true', { Force: true, AttachmentId: 'eni-attach-1' }), []);
});

test('other codes: a distinctive value the message names (an ID, an address)', () => {
  const tags = { Resources: ['eni-0a1b2c3d4e5f60718', 'i-0abcdef1234567890'], Tags: [{ Key: 'Name', Value: 'web' }] };
  assert.deepEqual(paths('InvalidID', "The ID 'i-0abcdef1234567890' is not valid", tags), [['Resources', 1]]);
  assert.deepEqual(paths('InvalidIPAddress.InUse', 'Address 10.0.1.40 is in use.', runInstances), [['NetworkInterfaces', 1, 'PrivateIpAddress']]);
});

test('input that is not an object: nothing', () => {
  assert.deepEqual(paths('InvalidSubnetID.NotFound', "The subnet ID 'subnet-1' does not exist", null), []);
});
