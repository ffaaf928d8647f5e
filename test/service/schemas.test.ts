import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { generateSchemas } from '../../schemas/generator/generate';
import { htmlToMarkdown } from '../../schemas/generator/html-to-markdown';
import { SUPPORTED_OPERATIONS, cliCommandName } from '../../schemas/generator/operations';
import { loadOverlays } from '../../schemas/generator/overlays';
import { loadSdkModel, sdkPackageDir } from '../../schemas/generator/sdk-model';
import { OperationRegistry, schemaAtPath } from '../../server/src/model/registry';

const root = process.cwd();
const model = loadSdkModel(sdkPackageDir(root));
const overlays = loadOverlays(path.join(root, 'schemas', 'overlays'));
const { generated, problems } = generateSchemas(model, overlays);
const ops = generated.operations;

test('every supported operation is generated from the installed SDK, and the overlays all apply', () => {
  assert.deepEqual(problems, []);
  assert.equal(Object.keys(ops).length, 26);
  assert.equal(SUPPORTED_OPERATIONS.length, 26);
  const pinned = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies['@aws-sdk/client-ec2'];
  assert.equal(generated.sdkVersion, pinned);
});

test('member counts and required members follow the SDK input shapes', () => {
  const create = ops.CreateNetworkInterface;
  assert.equal(Object.keys(create.properties!).length, 19);
  assert.deepEqual(create.required, ['SubnetId']);
  assert.deepEqual(ops.AttachNetworkInterface.required, ['NetworkInterfaceId', 'InstanceId', 'DeviceIndex']);
  assert.deepEqual(ops.RunInstances.required, ['MaxCount', 'MinCount']);
  assert.equal(Object.keys(ops.RunInstances.properties!.NetworkInterfaces.items!.properties!).length, 23);
  // Operations without DryRun are known as such (RULES.md, no-dry-run).
  const withoutDryRun = Object.values(ops)
    .filter((o) => !o['x-operation'].hasDryRun)
    .map((o) => o['x-operation'].name);
  assert.deepEqual(withoutDryRun.sort(), [
    'AssignIpv6Addresses',
    'AssignPrivateIpAddresses',
    'DescribeNetworkInterfacePermissions',
    'UnassignIpv6Addresses',
    'UnassignPrivateIpAddresses',
  ]);
});

test('nested structures, lists and types are generated', () => {
  const spec = schemaAtPath(ops.CreateNetworkInterface, ['PrivateIpAddresses', 0]);
  assert.equal(spec?.type, 'object');
  assert.equal(spec?.['x-shape'], 'PrivateIpAddressSpecification');
  assert.equal(spec?.properties?.Primary.type, 'boolean');
  assert.equal(schemaAtPath(ops.CreateNetworkInterface, ['SecondaryPrivateIpAddressCount'])?.type, 'integer');
  assert.equal(schemaAtPath(ops.ModifyNetworkInterfaceAttribute, ['SourceDestCheck', 'Value'])?.type, 'boolean');
});

test('enums: from the SDK, with the overlay for the documented `interface` value', () => {
  assert.deepEqual(ops.DescribeNetworkInterfaceAttribute.properties!.Attribute.enum, [
    'associatePublicIpAddress',
    'attachment',
    'description',
    'groupSet',
    'sourceDestCheck',
  ]);
  const interfaceType = ops.CreateNetworkInterface.properties!.InterfaceType;
  assert.ok(interfaceType.enum!.includes('interface'));
  assert.ok(interfaceType.enum!.includes('efa-only'));
  assert.equal(interfaceType['x-code'], 'interface-type');
});

test('filter names and fixed value sets are parsed from the Filters docs', () => {
  const filters = ops.DescribeNetworkInterfaces.properties!.Filters['x-filters']!;
  const names = filters.map((f) => f.name);
  assert.ok(names.includes('source-dest-check'));
  assert.ok(!names.includes('source-desk-check'));
  assert.ok(names.includes('attachment.instance-id'));
  assert.equal(names.length, new Set(names).size);
  const byName = new Map(filters.map((f) => [f.name, f]));
  assert.deepEqual(byName.get('attachment.status')!.values, ['attaching', 'attached', 'detaching', 'detached']);
  assert.deepEqual(byName.get('requester-managed')!.values, ['true', 'false']);
  assert.deepEqual(byName.get('status')!.values, ['associated', 'attaching', 'available', 'detaching', 'in-use']);
  assert.ok(byName.get('interface-type')!.values!.includes('interface'));
  assert.match(byName.get('subnet-id')!.markdownDescription, /subnet/i);
  const instanceFilters = ops.DescribeInstances.properties!.Filters['x-filters']!;
  assert.ok(instanceFilters.length > 100);
  assert.ok(instanceFilters.some((f) => f.name === 'network-interface.source-dest-check'));
});

test('an overlay naming a member, operation or filter the SDK does not have fails the generation', () => {
  const bogus = [
    {
      file: 'bogus.json',
      patches: {
        'CreateNetworkInterface.SubnetID': { 'x-idKind': 'subnet' as const },
        '*.NoSuchMember': { minimum: 1 },
        'NoSuchOperation.Foo': { minimum: 1 },
        'DescribeNetworkInterfaces.Filters': { 'x-filterValues': { 'source-desk-check': ['true'] } },
      },
    },
  ];
  const result = generateSchemas(model, bogus);
  assert.equal(result.problems.length, 4, result.problems.join('\n'));
  assert.match(result.problems[0], /CreateNetworkInterface\.SubnetID/);
  assert.match(result.problems[3], /source-desk-check/);
});

test('the build output is what the generator produces now (no stale schemas)', () => {
  const built = JSON.parse(fs.readFileSync(path.join(root, 'build', 'schemas', 'index.json'), 'utf8'));
  assert.deepEqual(built, JSON.parse(JSON.stringify(generated)));
  const registry = new OperationRegistry();
  assert.equal(registry.get('create-network-interface')?.['x-operation'].name, 'CreateNetworkInterface');
  assert.equal(registry.get('AssignIpv6Addresses')?.['x-operation'].cliCommand, 'assign-ipv6-addresses');
});

test('SDK documentation becomes markdown', () => {
  const md = htmlToMarkdown(
    '<p>Use <code>efa</code>. See <a href="https://x.example/a">the guide</a>.</p><ul><li><p>one</p></li><li><p>two &amp; three</p></li></ul>',
  );
  assert.equal(md, 'Use `efa`. See [the guide](https://x.example/a).\n\n- one\n- two & three');
  const doc = ops.CreateNetworkInterface.properties!.InterfaceType.markdownDescription!;
  assert.ok(!/<\/?[a-z]+>/.test(doc), doc);
  assert.equal(cliCommandName('DescribeNetworkInterfaceAttribute'), 'describe-network-interface-attribute');
});
