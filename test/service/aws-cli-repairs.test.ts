/**
 * The AWS CLI's repairs of a RunInstances file (MinCount/MaxCount default to 1; instance-level
 * members move into NetworkInterfaces[0]) and the consumer setting: a file for an SDK gets none.
 * What the real CLIs send for such files is checked by test/cli-oracle.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { RequestLanguageService, type ServiceSettings } from '../../server/src/service/language-service';
import { applyCliRepairs } from '../../server/src/model/aws-cli';
import { json, messageOf, summarize } from '../support/service';

const SUBNET = 'subnet-0123456789abcdef0';
const SG = 'sg-0f1e2d3c4b5a69788';
const IMAGE = { ImageId: 'ami-0123456789abcdef0', InstanceType: 'c6i.large' };

function check(
  text: string,
  { syntax = 'json', settings = {}, name = 'launch' }: { syntax?: 'json' | 'yaml'; settings?: Partial<ServiceSettings>; name?: string } = {},
) {
  const document = TextDocument.create(`file:///work/${name}.run-instances.${syntax}`, syntax, 1, text);
  const diagnostics = new RequestLanguageService({ settings }).validate(document);
  const problems = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
  return {
    diagnostics,
    codes: (severity?: DiagnosticSeverity) => diagnostics.filter((d) => severity === undefined || d.severity === severity).map((d) => d.code),
    problems,
    covered: (d: Diagnostic) => document.getText(d.range),
    summary: () => summarize(diagnostics),
  };
}
const SDK = { defaultConsumer: 'sdk' as const };

test('cli-default-count: RunInstances without MinCount and MaxCount is clean for the AWS CLI (information), missing both for an SDK', () => {
  const cli = check(json(IMAGE));
  assert.deepEqual(cli.problems, [], cli.summary());
  assert.deepEqual(cli.codes(), ['cli-default-count']);
  assert.match(messageOf(cli.diagnostics[0]), /sends MinCount 1 and MaxCount 1/);
  assert.equal(cli.diagnostics[0].severity, DiagnosticSeverity.Information);
  const sdk = check(json(IMAGE), { settings: SDK });
  assert.deepEqual(sdk.codes(), ['missing-required', 'missing-required'], sdk.summary());
  // The legal neighbour: both given, nothing to say to either consumer.
  assert.deepEqual(check(json({ ...IMAGE, MinCount: 1, MaxCount: 2 })).codes(), []);
  assert.deepEqual(check(json({ ...IMAGE, MinCount: 1, MaxCount: 2 }), { settings: SDK }).codes(), []);
});

test('cli-default-count in YAML, and one count given: the CLI supplies the other', () => {
  const r = check(`ImageId: ami-0123456789abcdef0\nMaxCount: 3\n`, { syntax: 'yaml' });
  assert.deepEqual(r.codes(), ['cli-default-count'], r.summary());
  assert.match(messageOf(r.diagnostics[0]), /sends MinCount 1 for this file/);
});

test('min-max-count: MinCount above the MaxCount 1 the AWS CLI supplies', () => {
  const r = check(json({ ...IMAGE, MinCount: 3 }));
  assert.deepEqual(r.codes(DiagnosticSeverity.Error), ['min-max-count'], r.summary());
  assert.equal(r.covered(r.diagnostics.find((d) => d.code === 'min-max-count')!), '3');
  assert.deepEqual(check(json({ ...IMAGE, MinCount: 1 })).problems, []);
});

const MOVED = { ...IMAGE, MinCount: 1, MaxCount: 1, SubnetId: SUBNET, SecurityGroupIds: [SG] };

test('cli-moves-member: beside a NetworkInterfaces[0] with AssociatePublicIpAddress, SubnetId and SecurityGroupIds are moved, not conflicts', () => {
  const text = json({ ...MOVED, NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }] });
  const r = check(text);
  assert.deepEqual(r.problems, [], r.summary());
  const moves = r.diagnostics.filter((d) => d.code === 'cli-moves-member');
  assert.deepEqual(
    moves.map((d) => r.covered(d)),
    ['"SubnetId"', '"SecurityGroupIds"'],
  );
  assert.match(messageOf(moves[1]), /moves SecurityGroupIds into NetworkInterfaces\[0\] as Groups/);
  // For an SDK nothing moves: both are conflicts.
  const sdk = check(text, { settings: SDK });
  assert.deepEqual(sdk.codes(DiagnosticSeverity.Error), ['nic-instance-level-conflict', 'nic-instance-level-conflict'], sdk.summary());
});

test('cli-moves-member: the same in YAML, with PrivateIpAddresses or SecondaryPrivateIpAddressCount as the trigger', () => {
  for (const trigger of ['SecondaryPrivateIpAddressCount: 2', 'PrivateIpAddresses: [{PrivateIpAddress: 10.0.1.5, Primary: true}]']) {
    const r = check(`ImageId: ami-0123456789abcdef0\nMinCount: 1\nMaxCount: 1\nSubnetId: ${SUBNET}\nNetworkInterfaces:\n  - DeviceIndex: 0\n    ${trigger}\n`, {
      syntax: 'yaml',
    });
    assert.deepEqual(r.problems, [], r.summary());
    assert.deepEqual(r.codes(), ['cli-moves-member']);
  }
});

test('nic-instance-level-conflict stays where the CLI moves nothing: no trigger in NetworkInterfaces[0], or SecurityGroups (names)', () => {
  const noTrigger = check(json({ ...MOVED, NetworkInterfaces: [{ DeviceIndex: 0, Description: 'eth0' }] }));
  assert.deepEqual(noTrigger.codes(DiagnosticSeverity.Error), ['nic-instance-level-conflict', 'nic-instance-level-conflict'], noTrigger.summary());
  const names = check(
    json({ ...IMAGE, MinCount: 1, MaxCount: 1, SecurityGroups: ['web'], NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }] }),
  );
  assert.deepEqual(names.codes(DiagnosticSeverity.Error), ['nic-instance-level-conflict'], names.summary());
});

test('cli-overwrites-member: an instance-level PrivateIpAddress replaces the entry PrivateIpAddresses list', () => {
  const r = check(
    json({
      ...IMAGE,
      MinCount: 1,
      MaxCount: 1,
      PrivateIpAddress: '10.0.1.9',
      NetworkInterfaces: [{ DeviceIndex: 0, PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.5', Primary: true }] }],
    }),
  );
  assert.deepEqual(r.codes(DiagnosticSeverity.Warning), ['cli-overwrites-member'], r.summary());
  assert.deepEqual(r.codes(DiagnosticSeverity.Error), []);
});

test('consumers: a glob marks files for an SDK; others stay the AWS CLI', () => {
  const settings = { consumers: { 'sdk/**': 'sdk' as const } };
  const sdk = check(json(IMAGE), { settings, name: 'sdk/app' });
  assert.deepEqual(sdk.codes(), ['missing-required', 'missing-required']);
  assert.deepEqual(check(json(IMAGE), { settings, name: 'cli/app' }).codes(), ['cli-default-count']);
});

test('applyCliRepairs sends what the AWS CLI sends (runinstances.py, addcount.py), without changing its input', () => {
  const input = {
    ...IMAGE,
    SubnetId: SUBNET,
    SecurityGroupIds: [SG],
    PrivateIpAddress: '10.0.1.9',
    EnablePrimaryIpv6: true,
    NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }],
  };
  const copy = structuredClone(input);
  assert.deepEqual(applyCliRepairs('RunInstances', input), {
    ...IMAGE,
    MinCount: 1,
    MaxCount: 1,
    NetworkInterfaces: [
      {
        DeviceIndex: 0,
        AssociatePublicIpAddress: true,
        SubnetId: SUBNET,
        Groups: [SG],
        PrivateIpAddresses: [{ PrivateIpAddress: '10.0.1.9', Primary: true }],
        PrimaryIpv6: true,
      },
    ],
  });
  assert.deepEqual(input, copy);
  // No trigger: only the counts. Another operation: nothing.
  assert.deepEqual(applyCliRepairs('RunInstances', { SubnetId: SUBNET, MinCount: 2, NetworkInterfaces: [{ DeviceIndex: 0 }] }), {
    SubnetId: SUBNET,
    MinCount: 2,
    MaxCount: 1,
    NetworkInterfaces: [{ DeviceIndex: 0 }],
  });
  assert.deepEqual(applyCliRepairs('CreateNetworkInterface', { SubnetId: SUBNET }), { SubnetId: SUBNET });
});

test('cli-refuses: an empty NetworkInterfaces list makes the AWS CLI fail (its repair reads the first entry); for an SDK it is no error', () => {
  const r = check(json({ ...IMAGE, MinCount: 1, MaxCount: 1, NetworkInterfaces: [] }));
  assert.deepEqual(r.codes(DiagnosticSeverity.Error), ['cli-refuses'], r.summary());
  assert.equal(r.covered(r.diagnostics.find((d) => d.code === 'cli-refuses')!), '"NetworkInterfaces"');
  assert.deepEqual(check(json({ ...IMAGE, MinCount: 1, MaxCount: 1, NetworkInterfaces: [] }), { settings: SDK }).codes(DiagnosticSeverity.Error), []);
  assert.deepEqual(check(json({ ...IMAGE, MinCount: 1, MaxCount: 1, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET }] })).problems, []);
});

test('a member the CLI replaces is not checked: a wrongly typed PrivateIpAddresses that the instance-level PrivateIpAddress replaces', () => {
  const text = json({
    ...IMAGE,
    MinCount: 1,
    MaxCount: 1,
    PrivateIpAddress: '10.0.1.9',
    NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, AssociatePublicIpAddress: false, PrivateIpAddresses: { PrivateIpAddress: '10.0.1.5' } }],
  });
  const r = check(text);
  assert.deepEqual(r.codes(DiagnosticSeverity.Error), [], r.summary());
  assert.deepEqual(r.codes(DiagnosticSeverity.Warning), ['cli-overwrites-member']);
  // For an SDK nothing is replaced: the list is checked.
  assert.ok(check(text, { settings: SDK }).codes(DiagnosticSeverity.Error).includes('wrong-type'));
});
