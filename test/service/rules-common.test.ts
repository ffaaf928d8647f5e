/** Rules for every operation: duplicate-value, tag-limits, client-token. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { fixesOf } from '../../server/src/service/diagnostics';
import { checkRequest as check, json, messageOf, summarize } from '../support/service';

const CREATE = 'create-network-interface';
const RUN = 'run-instances';
const CREATE_TAGS = 'create-tags';
const DELETE_TAGS = 'delete-tags';
const SUBNET = 'subnet-0123456789abcdef0';
const ENI = 'eni-0a1b2c3d4e5f60718';
const SG = 'sg-0f1e2d3c4b5a69788';
const tags = (...pairs: [string, string][]) => pairs.map(([Key, Value]) => ({ Key, Value }));
const createTags = (list: unknown) => json({ Resources: [ENI], Tags: list });

// duplicate-value

test('duplicate-value: a security group ID twice in Groups, on the repeat', () => {
  const r = check(CREATE, json({ SubnetId: SUBNET, Groups: [SG, 'sg-11223344', SG] }));
  const d = r.one('duplicate-value');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), `"${SG}"`);
  assert.equal(d.range.start.line, 5);
  assert.deepEqual(r.related(d), [`"${SG}"`]);
  assert.equal(d.relatedInformation![0].location.range.start.line, 3);
  assert.match(messageOf(d), /already given in Groups\[0\]/);
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['Groups', 2], title: 'Remove the repeated Groups[2]' }]);
});

test('duplicate-value: entries of PrivateIpAddresses with the same address', () => {
  const r = check(
    CREATE,
    json({
      SubnetId: SUBNET,
      PrivateIpAddresses: [{ PrivateIpAddress: '10.0.2.130', Primary: true }, { PrivateIpAddress: '10.0.2.131' }, { PrivateIpAddress: '10.0.2.130' }],
    }),
  );
  const d = r.one('duplicate-value');
  assert.equal(r.covered(d), '"10.0.2.130"');
  assert.deepEqual(r.related(d), ['"10.0.2.130"']);
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['PrivateIpAddresses', 2], title: 'Remove the repeated PrivateIpAddresses[2]' }]);
});

test('duplicate-value: IPv6 addresses compare by value, not by spelling (YAML)', () => {
  const r = check(CREATE, `SubnetId: ${SUBNET}\nIpv6Addresses:\n  - Ipv6Address: "2001:db8::1"\n  - Ipv6Address: "2001:DB8:0::0:1"\n`, 'yaml');
  const d = r.one('duplicate-value');
  assert.equal(r.covered(d), '"2001:DB8:0::0:1"');
  assert.deepEqual(r.related(d), ['"2001:db8::1"']);
  assert.match(messageOf(d), /\(as "2001:db8::1"\)/);
});

test('duplicate-value: prefixes in a plain string list, every repeat related to the first', () => {
  const text = json({ NetworkInterfaceId: ENI, Ipv4Prefixes: ['10.0.2.16/28', '10.0.2.16/28', '10.0.2.32/28', '10.0.2.16/28'] });
  const r = check('assign-private-ip-addresses', text);
  const found = r.all('duplicate-value');
  assert.equal(found.length, 2, summarize(r.diagnostics));
  for (const d of found) assert.deepEqual(r.related(d), ['"10.0.2.16/28"']);
  assert.deepEqual(
    found.map((d) => fixesOf(d)[0]),
    [
      { fix: 'remove-member', path: ['Ipv4Prefixes', 1], title: 'Remove the repeated Ipv4Prefixes[1]' },
      { fix: 'remove-member', path: ['Ipv4Prefixes', 3], title: 'Remove the repeated Ipv4Prefixes[3]' },
    ],
  );
});

test('duplicate-value: a tag key twice in one tag list (CreateTags JSON, RunInstances YAML)', () => {
  const r = check(CREATE_TAGS, createTags(tags(['Name', 'a'], ['team', 'net'], ['Name', 'b'])));
  const d = r.one('duplicate-value');
  assert.equal(r.covered(d), '"Name"');
  assert.deepEqual(r.related(d), ['"Name"']);
  assert.match(messageOf(d), /Tag key "Name" is already given in Tags\[0\]/);
  assert.deepEqual(fixesOf(d), [{ fix: 'remove-member', path: ['Tags', 2], title: 'Remove the repeated Tags[2]' }]);
  const y = check(
    RUN,
    'ImageId: ami-0123456789abcdef0\nMinCount: 1\nMaxCount: 1\nTagSpecifications:\n  - ResourceType: instance\n    Tags:\n      - Key: Name\n        Value: a\n      - Key: Name\n        Value: b\n',
    'yaml',
  );
  const dy = y.one('duplicate-value');
  assert.equal(y.covered(dy), 'Name');
  assert.equal(dy.range.start.line, 8);
  assert.deepEqual(fixesOf(dy), [
    { fix: 'remove-member', path: ['TagSpecifications', 0, 'Tags', 1], title: 'Remove the repeated TagSpecifications[0].Tags[1]' },
  ]);
});

test('duplicate-value: DeleteTags flags only an exact repeat of key and value', () => {
  check(
    DELETE_TAGS,
    json({
      Resources: [ENI],
      Tags: [
        { Key: 'env', Value: 'dev' },
        { Key: 'env', Value: 'test' },
      ],
    }),
  ).none();
  const r = check(DELETE_TAGS, json({ Resources: [ENI], Tags: [{ Key: 'env' }, { Key: 'env' }] }));
  assert.equal(r.covered(r.one('duplicate-value')), '"env"');
});

test('duplicate-value: legal neighbours (distinct values, keys differing in case, one key per tag list)', () => {
  check(
    CREATE,
    json({
      SubnetId: SUBNET,
      Groups: [SG, 'sg-11223344'],
      PrivateIpAddresses: [{ PrivateIpAddress: '10.0.2.130', Primary: true }, { PrivateIpAddress: '10.0.2.131' }],
    }),
  ).none();
  check(CREATE_TAGS, createTags(tags(['Name', 'a'], ['name', 'b']))).none();
  check(
    RUN,
    json({
      ImageId: 'ami-0123456789abcdef0',
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [
        { ResourceType: 'instance', Tags: tags(['Name', 'web-1']) },
        { ResourceType: 'network-interface', Tags: tags(['Name', 'web-1']) },
      ],
    }),
  ).none();
  // The same address in two different lists is not this rule's business.
  const r = check('assign-ipv6-addresses', json({ NetworkInterfaceId: ENI, Ipv6Addresses: ['2001:db8::1'], Ipv6Prefixes: ['2001:db8:1:2:3::/80'] }));
  r.none('duplicate-value');
});

// tag-limits

test('tag-limits: a key starting with aws: in any case (JSON and YAML)', () => {
  const r = check(CREATE_TAGS, createTags(tags(['aws:cost', 'x'], ['AWS:Name', 'y'])));
  const found = r.all('tag-limits');
  assert.deepEqual(found.map(r.covered), ['"aws:cost"', '"AWS:Name"']);
  for (const d of found) assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.match(messageOf(found[1]), /reserved/);
  const y = check(
    CREATE,
    `SubnetId: ${SUBNET}\nTagSpecifications:\n  - ResourceType: network-interface\n    Tags:\n      - Key: Aws:team\n        Value: net\n`,
    'yaml',
  );
  assert.equal(y.covered(y.one('tag-limits')), 'Aws:team');
});

test('tag-limits: lengths and the 50-tag limit (schema ranges under the same code)', () => {
  const long = check(
    CREATE_TAGS,
    createTags([
      { Key: 'k'.repeat(128), Value: 'v' },
      { Key: 'ok', Value: 'v'.repeat(257) },
      { Key: '', Value: 'v' },
    ]),
  );
  assert.equal(long.all('tag-limits').length, 3, summarize(long.diagnostics));
  const many = check(CREATE_TAGS, createTags(Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))));
  const d = many.one('tag-limits');
  assert.ok(many.covered(d).startsWith('['));
});

test('tag-limits: legal neighbours (aws elsewhere in the key, aws: in a value, the limits themselves)', () => {
  check(CREATE_TAGS, createTags(tags(['awsome', 'x'], ['my-aws:key', 'y'], ['owner', 'aws:team']))).none();
  check(CREATE_TAGS, createTags([{ Key: 'k'.repeat(127), Value: 'v'.repeat(256) }])).none();
  check(CREATE_TAGS, createTags(Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })))).none();
});

// client-token

test('client-token: non-ASCII characters (JSON and YAML)', () => {
  const r = check(CREATE, json({ SubnetId: SUBNET, ClientToken: 'déploiement-1' }));
  const d = r.one('client-token');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"déploiement-1"');
  assert.match(messageOf(d), /ASCII.*"é"/);
  const y = check(RUN, 'ImageId: ami-0123456789abcdef0\nMinCount: 1\nMaxCount: 1\nClientToken: run-✓\n', 'yaml');
  assert.equal(y.covered(y.one('client-token')), 'run-✓');
});

test('client-token: more than 64 characters (schema range under the same code)', () => {
  const r = check(CREATE, json({ SubnetId: SUBNET, ClientToken: 'a'.repeat(65) }));
  assert.equal(r.covered(r.one('client-token')), `"${'a'.repeat(65)}"`);
});

test('client-token: 64 printable ASCII characters are legal', () => {
  check(CREATE, json({ SubnetId: SUBNET, ClientToken: 'Az09-_.:/+='.repeat(5) + 'x'.repeat(9) })).none();
});

test('odd trees: lists of the wrong shape, keys of the wrong type', () => {
  const texts: [string, string][] = [
    [CREATE, json({ SubnetId: SUBNET, Groups: [SG, 5, null, SG.toUpperCase()], ClientToken: 7 })],
    [CREATE, json({ SubnetId: SUBNET, PrivateIpAddresses: ['10.0.2.130', '10.0.2.130', { PrivateIpAddress: null }, { PrivateIpAddress: null }] })],
    [CREATE_TAGS, createTags([{ Key: 1 }, { Key: 1 }, { Value: 'aws:x' }, 'aws:x', null])],
    [CREATE_TAGS, json({ Resources: [ENI], Tags: { Key: 'aws:x' } })],
  ];
  for (const [command, text] of texts) {
    const r = check(command, text);
    for (const code of ['duplicate-value', 'internal-error']) r.none(code);
    assert.ok(!r.all('tag-limits').some((d) => /reserved/.test(messageOf(d))), summarize(r.diagnostics));
  }
});
