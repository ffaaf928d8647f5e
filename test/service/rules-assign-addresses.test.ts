/** Assign/Unassign private IPv4 and IPv6 addresses: modes, targets, AllowReassignment, no DryRun. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkRequest as check, diagnosticsFor, json, messageOf, summarize, withCode } from '../support/service';

/** Nothing but the informational no-dry-run note: what every legal request of these operations gets. */
function onlyNoDryRun(result: ReturnType<typeof check>): void {
  assert.deepEqual(result.codes(), ['no-dry-run'], summarize(result.diagnostics));
}

const ENI = 'eni-0a1b2c3d4e5f60718';
const ASSIGN = 'assign-private-ip-addresses';
const UNASSIGN = 'unassign-private-ip-addresses';
const ASSIGN6 = 'assign-ipv6-addresses';
const UNASSIGN6 = 'unassign-ipv6-addresses';

// Seeds 000 and 001, translated to request files: legal, nothing but the no-dry-run note.

test('seed 001 example 1 (one specific address) is legal', () => {
  onlyNoDryRun(check(ASSIGN, json({ NetworkInterfaceId: 'eni-e5aa89a3', PrivateIpAddresses: ['10.0.0.82'] })));
});

test('seed 001 example 2 (a count of two) is legal, in JSON and YAML', () => {
  onlyNoDryRun(check(ASSIGN, json({ NetworkInterfaceId: 'eni-e5aa89a3', SecondaryPrivateIpAddressCount: 2 })));
  onlyNoDryRun(check(ASSIGN, 'NetworkInterfaceId: eni-e5aa89a3\nSecondaryPrivateIpAddressCount: 2\n', 'yaml'));
});

test('seed 000 assign with AllowReassignment and addresses, and seed 000 unassign, are legal', () => {
  onlyNoDryRun(check(ASSIGN, json({ NetworkInterfaceId: ENI, AllowReassignment: true, PrivateIpAddresses: ['10.0.1.30', '10.0.1.31'] })));
  onlyNoDryRun(check(UNASSIGN, json({ NetworkInterfaceId: ENI, PrivateIpAddresses: ['10.0.1.31'] })));
});

test('seed 001 prefix delegation: Ipv4Prefixes alone and Ipv4PrefixCount alone are legal', () => {
  onlyNoDryRun(check(ASSIGN, json({ NetworkInterfaceId: ENI, Ipv4Prefixes: ['10.0.1.16/28'] })));
  onlyNoDryRun(check(ASSIGN, json({ NetworkInterfaceId: ENI, Ipv4PrefixCount: 1 })));
});

// assign-needs-one-mode

test('assign-needs-one-mode: nothing to assign is an error on the request (JSON: its brace)', () => {
  const r = check(ASSIGN, json({ NetworkInterfaceId: ENI }));
  const d = r.one('assign-needs-one-mode');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '{');
  assert.match(messageOf(d), /PrivateIpAddresses, SecondaryPrivateIpAddressCount, Ipv4Prefixes or Ipv4PrefixCount/);
});

test('assign-needs-one-mode: nothing to assign in YAML is reported on the first key', () => {
  const r = check(ASSIGN, `NetworkInterfaceId: ${ENI}\nAllowReassignment: true\n`, 'yaml');
  assert.equal(r.covered(r.one('assign-needs-one-mode')), 'NetworkInterfaceId');
  // The request is already an error: AllowReassignment gets no second finding.
  assert.equal(withCode(r.diagnostics, 'reassignment-without-addresses').length, 0);
});

test('assign-needs-one-mode: addresses and a count: the later one is flagged, related to the first', () => {
  const r = check(ASSIGN, json({ NetworkInterfaceId: ENI, PrivateIpAddresses: ['10.0.1.30'], SecondaryPrivateIpAddressCount: 2 }));
  const d = r.one('assign-needs-one-mode');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '"SecondaryPrivateIpAddressCount"');
  assert.deepEqual(r.related(d), ['"PrivateIpAddresses"']);
  assert.match(messageOf(d), /SecondaryPrivateIpAddressCount cannot be combined with PrivateIpAddresses/);
  assert.deepEqual(d.data, { fixes: [{ fix: 'remove-member', path: ['SecondaryPrivateIpAddressCount'], title: 'Remove SecondaryPrivateIpAddressCount' }] });
});

test('assign-needs-one-mode: three modes give two findings, each related to the first in the file (YAML)', () => {
  const r = check(ASSIGN, `NetworkInterfaceId: ${ENI}\nIpv4PrefixCount: 1\nPrivateIpAddresses:\n  - 10.0.1.30\nIpv4Prefixes:\n  - 10.0.1.16/28\n`, 'yaml');
  const found = withCode(r.diagnostics, 'assign-needs-one-mode');
  assert.deepEqual(found.map(r.covered), ['PrivateIpAddresses', 'Ipv4Prefixes']);
  for (const d of found) assert.deepEqual(r.related(d), ['Ipv4PrefixCount']);
});

test('assign-needs-one-mode: addresses with prefixes conflict too', () => {
  const r = check(ASSIGN, json({ NetworkInterfaceId: ENI, Ipv4Prefixes: ['10.0.1.16/28'], PrivateIpAddresses: ['10.0.1.30'] }));
  assert.equal(r.covered(r.one('assign-needs-one-mode')), '"PrivateIpAddresses"');
});

test('assign-needs-one-mode: an empty list asks for nothing, so it does not conflict with a count', () => {
  onlyNoDryRun(check(ASSIGN, json({ NetworkInterfaceId: ENI, PrivateIpAddresses: [], SecondaryPrivateIpAddressCount: 2 })));
});

test('assign-needs-one-mode: a mistyped mode is the schema walk\'s finding, not "nothing given"', () => {
  const r = check(ASSIGN, json({ NetworkInterfaceId: ENI, SecondaryPrivateIpAddressCount: '2' }));
  assert.equal(r.covered(r.one('wrong-type')), '"2"'); // a quoted number is wrong-type (RULES.md), whatever the member's range rule
  assert.equal(withCode(r.diagnostics, 'assign-needs-one-mode').length, 0);
});

// reassignment-without-addresses

test('reassignment-without-addresses: AllowReassignment with a count is a warning on its key', () => {
  const r = check(ASSIGN, json({ NetworkInterfaceId: ENI, SecondaryPrivateIpAddressCount: 2, AllowReassignment: true }));
  const d = r.one('reassignment-without-addresses');
  assert.equal(d.severity, DiagnosticSeverity.Warning);
  assert.equal(r.covered(d), '"AllowReassignment"');
  assert.match(messageOf(d), /no effect with SecondaryPrivateIpAddressCount/);
  assert.deepEqual(d.data, { fixes: [{ fix: 'remove-member', path: ['AllowReassignment'], title: 'Remove AllowReassignment' }] });
});

test('reassignment-without-addresses: also with prefixes (YAML)', () => {
  const r = check(ASSIGN, `NetworkInterfaceId: ${ENI}\nAllowReassignment: true\nIpv4PrefixCount: 2\n`, 'yaml');
  assert.equal(r.covered(r.one('reassignment-without-addresses')), 'AllowReassignment');
});

test('reassignment-without-addresses: AllowReassignment false with a count is harmless', () => {
  onlyNoDryRun(check(ASSIGN, json({ NetworkInterfaceId: ENI, SecondaryPrivateIpAddressCount: 2, AllowReassignment: false })));
});

// unassign-needs-target

test('unassign-needs-target: nothing to unassign is an error on the request', () => {
  const r = check(UNASSIGN, json({ NetworkInterfaceId: ENI }));
  const d = r.one('unassign-needs-target');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(r.covered(d), '{');
  assert.match(messageOf(d), /PrivateIpAddresses or Ipv4Prefixes/);
  const yaml = check(UNASSIGN, `NetworkInterfaceId: ${ENI}\n`, 'yaml');
  assert.equal(yaml.covered(yaml.one('unassign-needs-target')), 'NetworkInterfaceId');
});

test('unassign-needs-target: prefixes alone, or addresses and prefixes, are legal', () => {
  onlyNoDryRun(check(UNASSIGN, json({ NetworkInterfaceId: ENI, Ipv4Prefixes: ['10.0.1.16/28'] })));
  onlyNoDryRun(check(UNASSIGN, json({ NetworkInterfaceId: ENI, Ipv4Prefixes: ['10.0.1.16/28'], PrivateIpAddresses: ['10.0.1.31'] })));
});

// IPv6

test('IPv6 assign-needs-one-mode: addresses and a count conflict; none is an error', () => {
  const r = check(ASSIGN6, json({ NetworkInterfaceId: ENI, Ipv6AddressCount: 1, Ipv6Addresses: ['2001:db8:1:2::10'] }));
  const d = r.one('assign-needs-one-mode');
  assert.equal(r.covered(d), '"Ipv6Addresses"');
  assert.deepEqual(r.related(d), ['"Ipv6AddressCount"']);
  const none = check(ASSIGN6, json({ NetworkInterfaceId: ENI }));
  assert.match(messageOf(none.one('assign-needs-one-mode')), /Ipv6Addresses, Ipv6AddressCount, Ipv6Prefixes or Ipv6PrefixCount/);
});

test('IPv6 assign: each mode alone is legal', () => {
  onlyNoDryRun(check(ASSIGN6, json({ NetworkInterfaceId: ENI, Ipv6AddressCount: 2 })));
  onlyNoDryRun(check(ASSIGN6, json({ NetworkInterfaceId: ENI, Ipv6Addresses: ['2001:db8:1:2::10'] })));
  onlyNoDryRun(check(ASSIGN6, `NetworkInterfaceId: ${ENI}\nIpv6Prefixes:\n  - 2001:db8:1:2:3::/80\n`, 'yaml'));
  onlyNoDryRun(check(ASSIGN6, json({ NetworkInterfaceId: ENI, Ipv6PrefixCount: 1 })));
});

test('IPv6 unassign-needs-target: none is an error; addresses or prefixes are legal', () => {
  const r = check(UNASSIGN6, json({ NetworkInterfaceId: ENI }));
  assert.match(messageOf(r.one('unassign-needs-target')), /Ipv6Addresses or Ipv6Prefixes/);
  onlyNoDryRun(check(UNASSIGN6, json({ NetworkInterfaceId: ENI, Ipv6Addresses: ['2001:db8:1:2::10'] })));
  onlyNoDryRun(check(UNASSIGN6, json({ NetworkInterfaceId: ENI, Ipv6Prefixes: ['2001:db8:1:2:3::/80'] })));
});

// no-dry-run

test('no-dry-run: one information note, on the NetworkInterfaceId key, in each of the four operations', () => {
  for (const [command, member, value] of [
    [ASSIGN, 'SecondaryPrivateIpAddressCount', 1],
    [UNASSIGN, 'PrivateIpAddresses', ['10.0.1.31']],
    [ASSIGN6, 'Ipv6AddressCount', 1],
    [UNASSIGN6, 'Ipv6Addresses', ['2001:db8:1:2::10']],
  ] as const) {
    const r = check(command, json({ [member]: value, NetworkInterfaceId: ENI }));
    const d = r.one('no-dry-run');
    assert.equal(d.severity, DiagnosticSeverity.Information);
    assert.equal(r.covered(d), '"NetworkInterfaceId"');
    assert.match(messageOf(d), /has no DryRun parameter/);
    assert.match(messageOf(d), /changes the account/);
    assert.match(messageOf(d), /read-only preflight/);
  }
});

test('no-dry-run: without NetworkInterfaceId it goes on the first key; on an empty request, on its brace', () => {
  const r = check(ASSIGN, `SecondaryPrivateIpAddressCount: 1\n`, 'yaml');
  assert.equal(r.covered(r.one('no-dry-run')), 'SecondaryPrivateIpAddressCount');
  assert.equal(withCode(r.diagnostics, 'missing-required').length, 1);
  const empty = check(ASSIGN, '{}');
  assert.equal(empty.covered(empty.one('no-dry-run')), '{');
});

test('no-dry-run: operations that have DryRun get no such note', () => {
  const diagnostics = diagnosticsFor('attach-network-interface', json({ NetworkInterfaceId: ENI, InstanceId: 'i-0abcdef1234567890', DeviceIndex: 1 }));
  assert.deepEqual(diagnostics, [], summarize(diagnostics));
});

test('a DryRun key in these operations is an unknown parameter that says why, with a fix that removes it', () => {
  for (const command of [ASSIGN, UNASSIGN, ASSIGN6, UNASSIGN6]) {
    const text = json({ NetworkInterfaceId: ENI, DryRun: true });
    const r = check(command, text);
    const d = r.one('unknown-parameter');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(r.covered(d), '"DryRun"');
    assert.match(messageOf(d), /has no DryRun parameter/);
    assert.deepEqual(d.data, { fixes: [{ fix: 'remove-member', path: ['DryRun'] }] });
  }
});

test('odd trees do not break the rules', () => {
  for (const text of ['[]', '"eni"', 'null', json({ NetworkInterfaceId: ENI, PrivateIpAddresses: null, AllowReassignment: 'yes' })]) {
    for (const command of [ASSIGN, UNASSIGN, ASSIGN6, UNASSIGN6]) {
      const diagnostics = diagnosticsFor(command, text);
      assert.equal(withCode(diagnostics, 'internal-error').length, 0, summarize(diagnostics));
    }
  }
  const r = check(ASSIGN, `NetworkInterfaceId: ${ENI}\nPrivateIpAddresses:\n`, 'yaml');
  assert.equal(withCode(r.diagnostics, 'internal-error').length, 0);
  // A key still waiting for its value: the user is typing, no "nothing given".
  assert.equal(withCode(r.diagnostics, 'assign-needs-one-mode').length, 0);
});
