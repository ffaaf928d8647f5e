/**
 * The network layout through the built front ends: `eni-requests layout` (dist/cli.js) with its
 * formats and exit codes, and the server command eni-requests.layout over stdio (dist/server.js).
 * Run `node scripts/build.mjs` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ServerCommand, type LayoutOptions, type LayoutResult, type LayoutTextResult } from '../../contract/protocol';
import { LspServer } from '../support/lsp-client';
import { projectRoot } from '../support/project-root';

const TEST_OPTIONS = { timeout: 20_000 };
const root = projectRoot();
const P5 = path.join(root, 'examples', 'valid', 'p5-efa.create-launch-template.yaml');
const FLEET = path.join(root, 'examples', 'valid', 'batch.request-spot-fleet.yaml');

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-layout-'));
const NIC = path.join(directory, 'web.create-network-interface.json');
const NOTES = path.join(directory, 'notes.json');
const TWO_EFA = path.join(directory, 'two-efa.create-launch-template.json');
fs.writeFileSync(NIC, '{ "SubnetId": "subnet-0123456789abcdef0" }\n');
fs.writeFileSync(NOTES, '{ "title": "notes" }\n');
const TWO_EFA_TEXT = JSON.stringify({
  LaunchTemplateName: 'two-efa',
  LaunchTemplateData: {
    NetworkInterfaces: [
      { NetworkCardIndex: 0, DeviceIndex: 0, InterfaceType: 'efa', SubnetId: 'subnet-0123456789abcdef0' },
      { NetworkCardIndex: 0, DeviceIndex: 1, InterfaceType: 'efa-only', SubnetId: 'subnet-0123456789abcdef0' },
    ],
  },
});
fs.writeFileSync(TWO_EFA, TWO_EFA_TEXT);

function layout(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'layout', ...args], { cwd: directory, encoding: 'utf8', timeout: 15_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

after(() => fs.rmSync(directory, { recursive: true, force: true }));

describe('eni-requests layout', () => {
  it('prints the p5 table with its summary, exit 0', TEST_OPTIONS, () => {
    const { code, stdout, stderr } = layout(P5);
    assert.equal(code, 0, stderr);
    const lines = stdout.split('\n');
    assert.equal(lines[0], 'LaunchTemplateData.NetworkInterfaces (CreateLaunchTemplate)');
    assert.equal(lines[1], '33 interfaces on 32 network cards: 1 ENA, 32 EFA-only (1 per card); primary: card 0 device 0 (interface)');
    assert.match(lines[4], /^ {3}0 {4}0 {3}0 {2}interface\*/);
    assert.match(stdout, /\n {2}31 {4}0 {2}32 {2}efa-only /);
    assert.match(stdout, /\* primary interface \(network card 0, device index 0\)/);
  });

  it('shows a layout with problems, still exit 0', TEST_OPTIONS, () => {
    const { code, stdout } = layout(TWO_EFA);
    assert.equal(code, 0);
    assert.match(stdout, /efa-only +subnet-0123456789abcdef0 +efa-per-card\n/);
  });

  it('writes Markdown and JSON', TEST_OPTIONS, () => {
    const markdown = layout('--format', 'markdown', FLEET);
    assert.equal(markdown.code, 0);
    assert.match(markdown.stdout, /^## Network layout of batch\.request-spot-fleet\.yaml\n/);
    assert.match(
      markdown.stdout,
      /### Spot Fleet launch specification: `SpotFleetRequestConfig\.LaunchSpecifications\[1\]\.NetworkInterfaces` \(RequestSpotFleet\)/,
    );
    assert.match(
      markdown.stdout,
      /\n\| card \| device 0 \|\n\| ---: \| --- \|\n\| \*\*0\*\* \| ★ \*\*ENA\*\* #0<br>subnet-0fedcba9876543210<br>sg-0f1e2d3c4b5a69788 \|\n/,
    );
    const json = layout('-f', 'json', P5);
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.stdout) as { operation: string; launches: { cells: unknown[]; cards: number[]; summary: string }[] };
    assert.equal(parsed.operation, 'CreateLaunchTemplate');
    assert.equal(parsed.launches[0].cells.length, 33);
    assert.equal(parsed.launches[0].cards.length, 32);
    assert.match(parsed.launches[0].summary, /^33 interfaces on 32 network cards/);
  });

  it('exits 1 for a request without interface entries, a file that is not a request, a missing file', TEST_OPTIONS, () => {
    const none = layout(NIC);
    assert.equal(none.code, 1);
    assert.equal(none.stdout, '');
    assert.match(
      none.stderr,
      /CreateNetworkInterface request without NetworkInterfaces entries: interface entries are taken by RunInstances, CreateLaunchTemplate/,
    );
    const notes = layout(NOTES);
    assert.equal(notes.code, 1);
    assert.match(notes.stderr, /notes\.json: error: not a request file/);
    assert.equal(layout('missing.run-instances.json').code, 1);
  });

  it('exits 2 for usage errors', TEST_OPTIONS, () => {
    assert.equal(layout().code, 2);
    assert.equal(layout('--format', 'sarif', P5).code, 2);
    assert.equal(layout(P5, FLEET).code, 2);
  });
});

describe('server command eni-requests.layout', () => {
  let server: LspServer;
  before(async () => {
    server = await LspServer.start();
    await server.open(pathToFileURL(P5).href, fs.readFileSync(P5, 'utf8'), { languageId: 'yaml' });
  });
  after(async () => {
    await server?.stop();
  });

  it('is listed in the initialize result', TEST_OPTIONS, () => {
    assert.ok(server.capabilities.executeCommandProvider?.commands.includes(ServerCommand.layout));
  });

  it('answers the Markdown layout of an open request: a grid of cards × device indexes, by default and when asked', TEST_OPTIONS, async () => {
    const uri = pathToFileURL(P5).href;
    const byDefault = await server.execute<LayoutResult>(ServerCommand.layout, [uri]);
    const asked = await server.execute<LayoutResult>(ServerCommand.layout, [uri, { format: 'markdown' } satisfies LayoutOptions]);
    assert.deepEqual(asked, byDefault);
    const { kind, markdown, message } = asked;
    assert.equal(kind, 'layout');
    assert.equal(message, undefined);
    assert.match(
      markdown,
      /^## Network layout of p5-efa\.create-launch-template\.yaml\n\n### Launch template: `LaunchTemplateData\.NetworkInterfaces` \(CreateLaunchTemplate\)/,
    );
    assert.match(markdown, /\*\*33 interfaces on 32 network cards: 1 ENA, 32 EFA-only \(1 per card\); primary: card 0 device 0 \(interface\)\*\*/);
    assert.match(markdown, /\n\| card \| device 0 \| device 1 \|\n\| ---: \| --- \| --- \|\n\| \*\*0\*\* \| ★ \*\*ENA\*\* #0 \| \*\*EFA-only\*\* #1 \|\n/);
    assert.equal(markdown.split('\n').filter((line) => /^\| \*\*\d+\*\* \|/.test(line)).length, 32);
  });

  it('answers the terminal table when asked for text', TEST_OPTIONS, async () => {
    const uri = pathToFileURL(P5).href;
    const result = await server.execute<LayoutTextResult>(ServerCommand.layout, [uri, { format: 'text' } satisfies LayoutOptions]);
    assert.equal(result.kind, 'layout');
    assert.equal(result.text, layout(P5).stdout, 'the same as eni-requests layout');
  });

  it('carries the problems of the entries, with the marks of their severity', TEST_OPTIONS, async () => {
    const uri = pathToFileURL(TWO_EFA).href;
    await server.open(uri, TWO_EFA_TEXT);
    const { markdown } = await server.execute<LayoutResult>(ServerCommand.layout, [uri]);
    assert.match(markdown, /\| \*\*0\*\* \| ★ \*\*EFA\*\* #0 \| \*\*EFA-only\*\* #1<br>✖ `efa-per-card` \|/);
    assert.match(markdown, /Every entry: subnet subnet-0123456789abcdef0\n/);
  });

  it('says why there is no layout, in Markdown and as a plain message', TEST_OPTIONS, async () => {
    const uri = pathToFileURL(NIC).href;
    await server.open(uri, fs.readFileSync(NIC, 'utf8'));
    const none = await server.execute<LayoutResult>(ServerCommand.layout, [uri]);
    assert.equal(none.kind, 'no-entries');
    assert.match(none.message ?? '', /^web\.create-network-interface\.json: CreateNetworkInterface request without NetworkInterfaces entries/);
    assert.match(none.markdown, /without NetworkInterfaces entries/);
    const noneText = await server.execute<LayoutTextResult>(ServerCommand.layout, [uri, { format: 'text' }]);
    assert.equal(noneText.text, `${none.message}\n`);

    const notes = pathToFileURL(NOTES).href;
    await server.open(notes, fs.readFileSync(NOTES, 'utf8'));
    const notRequest = await server.execute<LayoutResult>(ServerCommand.layout, [notes]);
    assert.equal(notRequest.kind, 'not-a-request');
    // The placeholders of the naming advice stay text in Markdown (not HTML tags that disappear).
    assert.match(notRequest.markdown, /name it \\<name\\>\.\\<cli-command\\>\.\\<ext\\>/);
    assert.match(notRequest.message ?? '', /name it <name>\.<cli-command>\.<ext>/);

    const closed = pathToFileURL(path.join(directory, 'closed.run-instances.json')).href;
    const notOpen = await server.execute<LayoutResult>(ServerCommand.layout, [closed]);
    assert.equal(notOpen.kind, 'not-open');
    assert.match(notOpen.markdown, /is not open in the language server/);
  });

  it('ignores calls it cannot read', TEST_OPTIONS, async () => {
    const uri = pathToFileURL(P5).href;
    assert.equal(await server.execute(ServerCommand.layout, [42]), null);
    assert.equal(await server.execute(ServerCommand.layout, [uri, { format: 'html' }]), null);
    assert.equal(await server.execute(ServerCommand.layout, [uri, 'text']), null);
  });
});
