/**
 * The packaged extension: `vsce package` exactly as `npm run package` runs it (minus the build,
 * which `npm test` did; rebuilding dist/ here would race the suites that run dist/server.js), into a
 * temporary directory. The .vsix is a zip: its central directory lists what an install gets.
 * Also the manifest's promises: setting scopes, trust, activation, the grammar, no jsonValidation.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../support/project-root';

const root = projectRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The file names in a zip, from its central directory. */
export function zipEntries(zip: Buffer): { name: string; size: number }[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--; // end of central directory (a comment may follow it)
  assert.ok(end >= 0, 'a zip end-of-central-directory record');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: { name: string; size: number }[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'a central directory entry');
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({ name: zip.toString('utf8', offset + 46, offset + 46 + nameLength), size });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('the .vsix', { timeout: 120_000 }, () => {
  let vsix: string;
  let names: string[];

  before(() => {
    for (const bundle of ['dist/extension.js', 'dist/server.js', 'dist/execution.js']) {
      assert.ok(fs.existsSync(path.join(root, bundle)), `${bundle} is built (npm run build)`);
    }
    // `npm run package` is `npm run build && vsce package <flags>`: the same flags here.
    const script: string = manifest.scripts.package;
    const vsce = /(?:^|&&\s*)vsce (package[^&]*)$/.exec(script);
    assert.ok(vsce, `the package script ends with vsce package: ${script}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-vsix-'));
    vsix = path.join(dir, `${manifest.name}-${manifest.version}.vsix`);
    execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), ...vsce[1].trim().split(/\s+/), '--out', vsix], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const entries = zipEntries(fs.readFileSync(vsix));
    names = entries.map((e) => e.name);
    const size = fs.statSync(vsix).size;
    console.log(`${path.basename(vsix)}: ${(size / 1024).toFixed(0)} KiB, ${entries.length} files\n${entries.map((e) => `  ${e.name} ${e.size}`).join('\n')}`);
  });

  after(() => fs.rmSync(path.dirname(vsix), { recursive: true, force: true }));

  it('holds the extension, the server, the execution module and the manifest', () => {
    for (const file of [
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/execution.js',
      'extension/package.json',
      'extension.vsixmanifest',
    ]) {
      assert.ok(names.includes(file), `${file} in ${names.join(', ')}`);
    }
  });

  it('holds the README, CHANGELOG, LICENSE, icon and grammar', () => {
    const lower = names.map((n) => n.toLowerCase());
    for (const file of [
      'extension/readme.md',
      'extension/changelog.md',
      'extension/license.txt',
      'extension/images/icon.png',
      'extension/syntaxes/eni-requests.injection.tmlanguage.json',
    ]) {
      assert.ok(lower.includes(file), `${file} in ${names.join(', ')}`);
    }
  });

  it('holds no sources, tests, source maps, node_modules or build leftovers', () => {
    const offending = names.filter(
      (n) =>
        /\.(?:ts|mts|cts|map)$/.test(n) ||
        /(?:^|\/)(?:node_modules|test|client|server|schemas|scripts|out|build|examples|bench|\.e2e)\//.test(n) ||
        /\.vsix$/.test(n),
    );
    assert.deepEqual(offending, []);
  });
});

describe('the extension manifest', () => {
  const properties = manifest.contributes.configuration.properties as Record<string, { scope?: string; type: string }>;

  it('starts dist/extension.js on JSON, JSONC and YAML files', () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.deepEqual([...manifest.activationEvents].sort(), ['onLanguage:json', 'onLanguage:jsonc', 'onLanguage:yaml']);
  });

  it('scopes the settings: the endpoint is machine-scoped, live checks a user setting, none workspace-only', () => {
    assert.equal(properties['eniRequests.endpoint'].scope, 'machine');
    assert.equal(properties['eniRequests.liveChecks'].scope, 'application');
    assert.equal(properties['eniRequests.liveChecks'].type, 'boolean');
    for (const name of ['fileAssociations', 'maxFileSize', 'profile', 'region', 'timeoutSeconds']) {
      assert.ok(
        ['resource', 'window'].includes(String(properties[`eniRequests.${name}`]?.scope)),
        `eniRequests.${name}: ${properties[`eniRequests.${name}`]?.scope}`,
      );
    }
  });

  it('supports untrusted workspaces in a limited way', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(manifest.capabilities.untrustedWorkspaces.description.length > 20);
  });

  it('injects the grammar into JSON, JSONC and YAML and contributes no jsonValidation', () => {
    const [grammar] = manifest.contributes.grammars;
    assert.deepEqual(grammar.injectTo, ['source.json', 'source.json.comments', 'source.yaml']);
    assert.ok(fs.existsSync(path.join(root, grammar.path)));
    assert.equal(manifest.contributes.jsonValidation, undefined);
  });

  it('contributes a palette entry for every command the extension registers', () => {
    const source = fs.readFileSync(path.join(root, 'client/src/commands.ts'), 'utf8');
    const registered = [...source.matchAll(/'(eniRequests\.[A-Za-z]+)'/g)].map((m) => m[1]).sort();
    const contributed = (manifest.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepEqual(contributed, [...new Set(registered)]);
  });
});

describe('the injection grammar', () => {
  const grammar = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes/eni-requests.injection.tmLanguage.json'), 'utf8'));
  // The patterns use only what JavaScript's RegExp shares with Oniguruma (classes, lookarounds).
  const matches = (rule: string, text: string) => text.match(new RegExp(grammar.repository[rule].match, 'g')) ?? [];

  it('highlights resource IDs of every kind, 8 or 17 hex digits, and nothing else', () => {
    const ids = [
      'eni-0a1b2c3d4e5f60718',
      'eni-attach-0fedcba9876543210',
      'subnet-0123456789abcdef0',
      'sg-11223344',
      'i-0abcdef1234567890',
      'vpc-12345678',
      'eipalloc-0123456789abcdef0',
      'eipassoc-12345678',
    ];
    assert.deepEqual(matches('resource-id', ids.join(' ')), ids);
    assert.deepEqual(matches('resource-id', 'sg-1234567 sg-123456789 xeni-12345678 ami-12345678 web-eni'), []);
  });

  it('highlights IPv4 and IPv6 addresses and CIDRs, not times or versions', () => {
    assert.deepEqual(matches('ipv4', '10.0.1.25 10.0.2.16/28 0.0.0.0/0 256.1.1.1 1.2.3.4/33'), ['10.0.1.25', '10.0.2.16/28', '0.0.0.0/0']);
    assert.deepEqual(matches('ipv6', '2001:db8:1:2:3::/80 2001:db8::25 ::1 1:2:3:4:5:6:7:8 12:30:45 a::b::c'), [
      '2001:db8:1:2:3::/80',
      '2001:db8::25',
      '::1',
      '1:2:3:4:5:6:7:8',
    ]);
  });
});
