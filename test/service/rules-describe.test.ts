/** DescribeNetworkInterfaces / DescribeInstances: filter names and values, MaxResults with IDs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkRequest as check, diagnosticsFor, json, messageOf, service, summarize, withCode } from '../support/service';

const ENIS = 'describe-network-interfaces';
const INSTANCES = 'describe-instances';
const filters = (...list: { Name?: unknown; Values?: unknown }[]) => json({ Filters: list });

// Seed 003 filters and today's names: legal.

test('seed 003 DescribeNetworkInterfaces filters that are still current are legal', () => {
  check(
    ENIS,
    filters(
      { Name: 'addresses.private-ip-address', Values: ['10.0.1.25'] },
      { Name: 'attachment.status', Values: ['attached', 'detaching'] },
      { Name: 'attachment.delete-on-termination', Values: ['true'] },
      { Name: 'group-id', Values: ['sg-0123456789abcdef0'] },
      { Name: 'requester-managed', Values: ['false'] },
      { Name: 'source-dest-check', Values: ['true'] },
      { Name: 'status', Values: ['available', 'in-use'] },
      { Name: 'interface-type', Values: ['nat_gateway', 'interface'] },
      { Name: 'tag:Name', Values: ['web-*'] },
      { Name: 'tag-key', Values: ['team'] },
      { Name: 'tag-value', Values: ['network'] },
    ),
  ).none();
});

test('seed 003 DescribeInstances filters and instance IDs are legal (JSON and YAML)', () => {
  check(
    INSTANCES,
    json({
      Filters: [
        { Name: 'instance-state-name', Values: ['running', 'stopped'] },
        { Name: 'network-interface.addresses.private-ip-address', Values: ['10.0.1.25'] },
        { Name: 'network-interface.status', Values: ['in-use'] },
        { Name: 'architecture', Values: ['x86_64'] },
      ],
      InstanceIds: ['i-0abcdef1234567890'],
    }),
  ).none();
  check(
    INSTANCES,
    'Filters:\n  - Name: instance-type\n    Values: [t3.micro, t3.small]\n  - Name: tag:team\n    Values: [network]\nMaxResults: 100\n',
    'yaml',
  ).none();
});

// unknown-filter

test("unknown-filter: the old docs' typo source-desk-check is an error with a did-you-mean fix", () => {
  const text = filters({ Name: 'subnet-id', Values: ['subnet-0123456789abcdef0'] }, { Name: 'source-desk-check', Values: ['false'] });
  const r = check(ENIS, text);
  const d = r.one('unknown-filter');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"source-desk-check"');
  assert.match(messageOf(d), /Did you mean "source-dest-check"\?/);
  assert.deepEqual(d.data, {
    fixes: [{ fix: 'replace-value', path: ['Filters', 1, 'Name'], value: 'source-dest-check', title: 'Change to "source-dest-check"' }],
  });
  assert.deepEqual(r.codes(), ['unknown-filter']);
});

test('unknown-filter: names are case-sensitive (YAML), and Tag:Key is a near miss of tag:Key', () => {
  const r = check(ENIS, 'Filters:\n  - Name: Subnet-Id\n    Values: [subnet-0123456789abcdef0]\n  - Name: Tag:Name\n    Values: [web]\n', 'yaml');
  const found = withCode(r.diagnostics, 'unknown-filter');
  assert.deepEqual(found.map(r.covered), ['Subnet-Id', 'Tag:Name']);
  assert.deepEqual(
    found.map((d) => (d.data as { fixes: { value: unknown }[] }).fixes.map((f) => f.value)),
    [['subnet-id'], ['tag:Name']],
  );
});

test('unknown-filter: a name far from every filter gets no guess; tag: without a key is an error', () => {
  const r = check(ENIS, filters({ Name: 'colour', Values: ['blue'] }, { Name: 'tag:', Values: ['x'] }));
  const found = withCode(r.diagnostics, 'unknown-filter');
  assert.deepEqual(found.map(r.covered), ['"colour"', '"tag:"']);
  assert.match(messageOf(found[0]), /is not a filter of DescribeNetworkInterfaces/);
  assert.match(messageOf(found[1]), /needs a tag key/);
  for (const d of found) assert.equal(d.data, undefined);
});

test("unknown-filter: the names come from each operation's schema", () => {
  // instance-state-name is a DescribeInstances filter, not a DescribeNetworkInterfaces one.
  assert.equal(withCode(diagnosticsFor(ENIS, filters({ Name: 'instance-state-name', Values: ['running'] })), 'unknown-filter').length, 1);
  const r = check(INSTANCES, filters({ Name: 'instance-stat-name', Values: ['running'] }));
  assert.deepEqual((r.one('unknown-filter').data as { fixes: { value: unknown }[] }).fixes[0].value, 'instance-state-name');
  // Every documented name of both operations is accepted.
  for (const operation of ['DescribeNetworkInterfaces', 'DescribeInstances']) {
    const schema = service.registry.get(operation)!;
    const names = schema.properties!.Filters['x-filters']!.map((f) => f.name).filter((n) => !/[<:]/.test(n));
    assert.ok(names.length > 20, operation);
    const diagnostics = diagnosticsFor(schema['x-operation'].cliCommand, filters(...names.map((Name) => ({ Name, Values: ['*'] }))));
    assert.deepEqual(diagnostics, [], summarize(diagnostics));
  }
});

// filter-value

test('filter-value: a value outside a fixed set is a warning on the value, with a did-you-mean fix', () => {
  const r = check(ENIS, filters({ Name: 'status', Values: ['available', 'availble'] }));
  const d = r.one('filter-value');
  assert.equal(d.severity, DiagnosticSeverity.Warning);
  assert.equal(r.covered(d), '"availble"');
  assert.match(messageOf(d), /never matches the status filter/);
  assert.match(messageOf(d), /in-use/);
  assert.deepEqual(d.data, { fixes: [{ fix: 'replace-value', path: ['Filters', 0, 'Values', 1], value: 'available', title: 'Change to "available"' }] });
});

test('filter-value: boolean filters take true/false, case-sensitive (YAML)', () => {
  const r = check(ENIS, 'Filters:\n  - Name: source-dest-check\n    Values:\n      - "True"\n', 'yaml');
  const d = r.one('filter-value');
  assert.equal(r.covered(d), '"True"');
  assert.deepEqual((d.data as { fixes: { value: unknown }[] }).fixes[0].value, 'true');
});

test('filter-value: interface-type takes the documented filter values, not the NetworkInterfaceType enum', () => {
  const r = check(ENIS, filters({ Name: 'interface-type', Values: ['natGateway', 'nat_gateway', 'efa-only'] }));
  assert.equal(r.covered(r.one('filter-value')), '"natGateway"');
});

test('filter-value: wildcards, free-form filters and tag filters take any value', () => {
  check(
    ENIS,
    filters({ Name: 'status', Values: ['in-*', 'availabl?'] }, { Name: 'description', Values: ['anything at all'] }, { Name: 'tag:env', Values: ['prod'] }),
  ).none();
  check(INSTANCES, filters({ Name: 'network-interface.status', Values: ['in-use'] }, { Name: 'instance-state-name', Values: ['running'] })).none();
  assert.equal(withCode(diagnosticsFor(INSTANCES, filters({ Name: 'instance-state-name', Values: ['started'] })), 'filter-value').length, 1);
});

test("filter-value: a non-string value is the schema walk's wrong-type (with a quote fix), not reported twice", () => {
  const r = check(ENIS, 'Filters:\n  - Name: requester-managed\n    Values: [false]\n', 'yaml');
  const d = r.one('wrong-type');
  assert.equal(r.covered(d), 'false');
  assert.deepEqual(r.codes(), ['wrong-type']);
});

// empty-filter-values

test('empty-filter-values: a filter without Values is an error on its name', () => {
  const r = check(ENIS, filters({ Name: 'subnet-id' }));
  const d = r.one('empty-filter-values');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"subnet-id"');
  assert.match(messageOf(d), /The subnet-id filter has no values/);
});

test('empty-filter-values: an empty list is an error on the list, in JSON and YAML', () => {
  const r = check(INSTANCES, filters({ Name: 'instance-state-name', Values: [] }));
  assert.equal(r.covered(r.one('empty-filter-values')), '[]');
  const yaml = check(ENIS, 'Filters:\n  - Name: vpc-id\n    Values: []\n', 'yaml');
  assert.equal(yaml.covered(yaml.one('empty-filter-values')), '[]');
  const noValue = check(ENIS, 'Filters:\n  - Name: vpc-id\n    Values:\n', 'yaml');
  assert.equal(noValue.covered(noValue.one('empty-filter-values')), 'Values');
});

test('empty-filter-values: a filter with neither Name nor Values is reported on its brace', () => {
  const r = check(ENIS, '{ "Filters": [ {} ] }');
  const d = r.one('empty-filter-values');
  assert.equal(r.covered(d), '{');
  assert.match(messageOf(d), /Filters\[0\]/);
});

test("empty-filter-values: one value is enough; a null Values is the schema walk's finding", () => {
  check(ENIS, filters({ Name: 'vpc-id', Values: ['vpc-0123456789abcdef0'] })).none();
  const r = check(ENIS, filters({ Name: 'vpc-id', Values: null }));
  assert.deepEqual(r.codes(), ['wrong-type']);
});

// max-results-conflict

test('max-results-conflict: MaxResults with NetworkInterfaceIds is an error on MaxResults, related to the IDs', () => {
  const r = check(ENIS, json({ NetworkInterfaceIds: ['eni-0a1b2c3d4e5f60718'], MaxResults: 10 }));
  const d = r.one('max-results-conflict');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"MaxResults"');
  assert.deepEqual(r.related(d), ['"NetworkInterfaceIds"']);
  assert.match(messageOf(d), /MaxResults cannot be combined with NetworkInterfaceIds/);
  assert.deepEqual(d.data, { fixes: [{ fix: 'remove-member', path: ['MaxResults'], title: 'Remove MaxResults' }] });
});

test('max-results-conflict: MaxResults with InstanceIds (YAML)', () => {
  const r = check(INSTANCES, 'MaxResults: 5\nInstanceIds:\n  - i-0abcdef1234567890\n', 'yaml');
  const d = r.one('max-results-conflict');
  assert.equal(r.covered(d), 'MaxResults');
  assert.deepEqual(r.related(d), ['InstanceIds']);
});

test('max-results-conflict: MaxResults alone, IDs alone, or MaxResults with an empty ID list are fine', () => {
  check(ENIS, json({ MaxResults: 50, Filters: [{ Name: 'vpc-id', Values: ['vpc-0123456789abcdef0'] }] })).none();
  check(ENIS, json({ NetworkInterfaceIds: ['eni-0a1b2c3d4e5f60718'] })).none();
  check(INSTANCES, json({ InstanceIds: [], MaxResults: 50 })).none();
});

test('odd trees do not break the rules', () => {
  for (const command of [ENIS, INSTANCES]) {
    for (const text of [
      '[]',
      '"x"',
      json({ Filters: 'status' }),
      json({ Filters: [null, 3, 'status', [], { Name: 7, Values: 'x' }, { Name: null, Values: [null, {}] }] }),
      json({ MaxResults: 'ten', InstanceIds: 'i-0abcdef1234567890', NetworkInterfaceIds: {} }),
    ]) {
      const diagnostics = diagnosticsFor(command, text);
      assert.equal(withCode(diagnostics, 'internal-error').length, 0, summarize(diagnostics));
    }
  }
});
