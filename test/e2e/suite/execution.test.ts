/// <reference types="mocha" />
/**
 * Sending requests, against the EC2 test double the runner started (the server inherits
 * AWS_ENDPOINT_URL_EC2/STS and fake credentials through code-server's environment): what the
 * commands return, what reached the double, and the follow-ups the notifications offer.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExecutionResult, PreviewResult } from '../../../contract/outcome';
import { activeDocument, answerWith, fixture, open, recordedRequests, resetDouble, stub } from './helpers';

const VALID = 'valid.create-network-interface.json';
const ASSIGN = 'more.assign-private-ip-addresses.json';

const ec2Requests = async () => (await recordedRequests()).filter((r) => r.service === 'ec2');

/** Stubs showWarningMessage (the modal confirmation and warnings): records the calls, answers `choice`. */
function answerWarnings(choice: string | undefined) {
  const calls: { message: string; modal: boolean; items: unknown[] }[] = [];
  const restore = stub('showWarningMessage', ((message: string, ...rest: unknown[]) => {
    const options = typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest.shift() as vscode.MessageOptions) : undefined;
    calls.push({ message, modal: options?.modal === true, items: rest });
    return Promise.resolve(choice !== undefined && rest.includes(choice) ? choice : undefined);
  }) as typeof vscode.window.showWarningMessage);
  return { calls, restore };
}

describe('running requests', () => {
  beforeEach(resetDouble);

  it('dry-runs a request: DryRun=true reaches EC2 and "would succeed" comes back', async () => {
    await open(VALID);
    const result = await vscode.commands.executeCommand<ExecutionResult | undefined>('eniRequests.dryRun', fixture(VALID));
    assert.ok(result, 'the command returned a result');
    assert.equal(result.kind, 'would-succeed', `${result.kind}: ${result.title} ${result.message}`);
    assert.equal(result.operation, 'CreateNetworkInterface');
    const sent = await ec2Requests();
    assert.equal(sent.length, 1, `one EC2 request, got ${JSON.stringify(sent)}`);
    assert.equal(sent[0].action, 'CreateNetworkInterface');
    assert.equal(sent[0].params.DryRun, 'true');
    assert.equal(sent[0].params.SubnetId, 'subnet-0123456789abcdef0');
  });

  it('a denied dry run offers to decode the authorization message, and shows it', async () => {
    await answerWith('CreateNetworkInterface', 'unauthorized');
    const editor = await open(VALID);
    const { calls, restore } = answerWarnings('Decode message');
    try {
      const result = await vscode.commands.executeCommand<ExecutionResult>('eniRequests.dryRun', editor.document.uri);
      assert.equal(result.kind, 'denied', `${result.kind}: ${result.title}`);
      assert.ok(result.encodedAuthorizationMessage, 'the encoded message came back');
      const decoded = await activeDocument('the decoded message', (d) => d.uri.scheme === 'eni-requests-preview' && /authorization/.test(d.uri.path));
      assert.match(decoded.getText(), /ec2:CreateNetworkInterface/);
      assert.ok(
        calls.some((c) => c.items.includes('Decode message')),
        `a warning with "Decode message": ${JSON.stringify(calls)}`,
      );
    } finally {
      restore();
    }
    assert.ok((await recordedRequests()).some((r) => r.service === 'sts' && r.action === 'DecodeAuthorizationMessage'));
  });

  it('an operation without DryRun sends nothing and offers the read-only preflight', async () => {
    await open(ASSIGN);
    const restore = stub('showInformationMessage', ((_message: string, ...items: unknown[]) =>
      Promise.resolve(items.includes('Run preflight') ? 'Run preflight' : undefined)) as typeof vscode.window.showInformationMessage);
    try {
      const result = await vscode.commands.executeCommand<ExecutionResult>('eniRequests.dryRun', fixture(ASSIGN));
      assert.equal(result.kind, 'no-dry-run', `${result.kind}: ${result.title}`);
      // The preflight follows the button: Describe calls (the interface, its subnet), and never the assignment.
      const sent = await activeRequests('DescribeNetworkInterfaces');
      assert.ok(
        sent.every((r) => r.action.startsWith('Describe')),
        JSON.stringify(sent),
      );
    } finally {
      restore();
    }
  });

  it('previews the HTTP request and the aws CLI line without sending anything', async () => {
    await open(VALID);
    const result = await vscode.commands.executeCommand<PreviewResult>('eniRequests.preview', fixture(VALID));
    assert.ok(result.preview, `${result.kind}: ${result.title} ${result.message}`);
    const preview = await activeDocument('the preview document', (d) => d.uri.scheme === 'eni-requests-preview' && d.uri.path.endsWith('.preview.http'));
    const text = preview.getText();
    assert.match(text, /^POST \/ HTTP\/1\.1$/m);
    assert.match(text, /Action=CreateNetworkInterface&/);
    assert.match(text, /SubnetId=subnet-0123456789abcdef0/);
    assert.match(text, /^aws ec2 create-network-interface --cli-input-json .*--dry-run/m);
    assert.ok(!/e2eTestDoubleSecret/.test(text), 'no secret in the preview');
    assert.deepEqual(await recordedRequests(), [], 'nothing was sent');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a real run cancelled at the modal confirmation sends nothing to EC2', async () => {
    await open(VALID);
    const { calls, restore } = answerWarnings(undefined); // the user closes the dialog
    let result: unknown;
    try {
      result = await vscode.commands.executeCommand('eniRequests.run', fixture(VALID));
    } finally {
      restore();
    }
    assert.equal(result, undefined, 'nothing ran');
    assert.equal(calls.length, 1, `one confirmation, got ${JSON.stringify(calls)}`);
    assert.ok(calls[0].modal, 'the confirmation is modal');
    assert.deepEqual(calls[0].items, ['Run']);
    assert.match(calls[0].message, /CreateNetworkInterface/);
    assert.match(calls[0].message, /eu-west-1/);
    assert.match(calls[0].message, /123456789012/);
    assert.deepEqual(await ec2Requests(), [], 'no request reached EC2');
  });

  it('a confirmed real run sends the request without DryRun', async () => {
    await open(VALID);
    const { calls, restore } = answerWarnings('Run');
    let result: ExecutionResult | undefined;
    try {
      result = await vscode.commands.executeCommand<ExecutionResult>('eniRequests.run', fixture(VALID));
    } finally {
      restore();
    }
    assert.equal(calls.filter((c) => c.modal).length, 1);
    assert.equal(result?.kind, 'succeeded', JSON.stringify(result));
    const sent = await ec2Requests();
    assert.equal(sent.length, 1, JSON.stringify(sent));
    assert.equal(sent[0].action, 'CreateNetworkInterface');
    assert.equal(sent[0].params.DryRun, undefined);
  });
});

/** The EC2 requests recorded once at least one `action` arrived (the preflight runs after the command returned). */
async function activeRequests(action: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const sent = await ec2Requests();
    if (sent.some((r) => r.action === action)) return sent;
    if (Date.now() > deadline) throw new Error(`no ${action} reached EC2; got ${JSON.stringify(sent)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
