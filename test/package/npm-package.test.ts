/**
 * The npm package, installed as a user gets it and run from a folder with no node_modules above it:
 *
 * - the tarball `npm pack` makes (as `npm publish` would, minus the prepare build, which npm test
 *   did: rebuilding dist/ here would race the suites that run dist/server.js), installed globally
 *   into a temporary prefix with no network: its file list, `eni-requests` check / preview /
 *   --version, and `eni-requests-server --stdio` answering initialize with diagnostics;
 * - the git route: the working tree committed into a fresh repository, packed by npm from
 *   `git+file://` (a clone, its devDependencies from the npm cache, the prepare build) and installed.
 *   Not `npm install -g git+…`: npm prepares a git package for a global install with a global
 *   `npm install` in the clone, which leaves out the devDependencies and links the clone (a
 *   temporary directory) into the prefix (npm/cli#8440), so that install has no build and then a
 *   dangling link (the README's "Installing" says what works instead).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspServer } from '../support/lsp-client';
import { projectRoot } from '../support/project-root';
import { npmCache, offlineNpmEnv, workingTreeRepository } from '../support/working-tree';

const root = projectRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const GOOD = '{\n  "SubnetId": "subnet-0123456789abcdef0",\n  "Description": "web"\n}\n';
const BROKEN = 'SubnetID: subnet-0123456789abcdef0\nDescription: 5\n';

/** No AWS configuration but fake credentials and a region: a preview signs a request and sends nothing. */
function isolatedAws(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIDTESTDOUBLE000001',
    AWS_SECRET_ACCESS_KEY: 'TESTDOUBLEsecret/K7MDENG+bPxRfiCY0000000',
  };
}

/** `npm <args>` with no network; throws with npm's output when it fails. */
function npm(args: string[], cwd: string, timeout = 120_000): string {
  const result = spawnSync('npm', args, { cwd, env: offlineNpmEnv({ npm_config_cache: cache }), encoding: 'utf8', timeout });
  assert.equal(result.status, 0, `npm ${args.join(' ')} failed (${result.error ?? result.signal ?? result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}
let cache: string;

/** Runs an installed binary (its shebang picks node from PATH) in `cwd`. */
function runBin(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: cwd }) {
  const result = spawnSync(bin, args, { cwd, env, encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.error, undefined, `${bin} did not run: ${result.error}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the npm package (npm pack, installed with no network)', { timeout: 180_000 }, () => {
  let tmp: string;
  let files: string[];
  let installed: string;
  /** A folder with request files and no node_modules anywhere above it. */
  let elsewhere: string;
  const bin = (name: string) => path.join(tmp, 'prefix', 'bin', name);

  before(() => {
    for (const bundle of ['dist/cli.js', 'dist/server.js', 'dist/execution.js', 'dist/extension.js']) {
      assert.ok(fs.existsSync(path.join(root, bundle)), `${bundle} is built (npm run build)`);
    }
    cache = npmCache();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-npm-'));
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], root));
    files = (packed.files as { path: string }[]).map((f) => f.path).sort();
    const tarball = path.join(tmp, packed.filename);
    console.log(
      `${packed.filename}: ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${files.length} files`,
    );
    npm(['install', '--global', '--prefix', path.join(tmp, 'prefix'), tarball], tmp);
    installed = path.join(tmp, 'prefix', 'lib', 'node_modules', manifest.name);
    elsewhere = path.join(tmp, 'work');
    fs.mkdirSync(path.join(elsewhere, 'requests'), { recursive: true });
    fs.writeFileSync(path.join(elsewhere, 'requests', 'web.create-network-interface.json'), GOOD);
    fs.writeFileSync(path.join(elsewhere, 'requests', 'broken.create-network-interface.yaml'), BROKEN);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('holds the four bundles, the operation schemas, the problem matcher, README, CHANGELOG and LICENSE: nothing else', () => {
    const schemas = fs
      .readdirSync(path.join(root, 'build', 'schemas'))
      .filter((f) => f.endsWith('.schema.json'))
      .map((f) => `build/schemas/${f}`);
    assert.ok(schemas.length >= 20, `the generated schemas: ${schemas.join(', ')}`);
    const expected = [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/execution.js',
      'dist/extension.js',
      'dist/server.js',
      'eni-requests-matcher.json',
      'package.json',
      ...schemas,
    ].sort();
    assert.deepEqual(files, expected);
    const offending = files.filter(
      (f) => /\.(?:ts|mts|cts|map|tgz|vsix)$/.test(f) || /^(?:test|server|client|contract|scripts|bench|examples|schemas|out|node_modules|\.e2e)\//.test(f),
    );
    assert.deepEqual(offending, []);
  });

  it('declares no dependencies (the bundles carry them) and two binaries; installs without node_modules', () => {
    const installedManifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    assert.equal(installedManifest.private, undefined, 'publishable');
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) {
      assert.deepEqual(Object.keys(installedManifest[field] ?? {}), [], `${field}: none`);
    }
    assert.deepEqual(installedManifest.bin, { 'eni-requests': 'dist/cli.js', 'eni-requests-server': 'dist/server.js' });
    assert.match(installedManifest.engines.node, /^>=20/);
    assert.ok(!fs.existsSync(path.join(installed, 'node_modules')), 'nothing installed beside the package');
    for (const name of ['eni-requests', 'eni-requests-server']) {
      const target = fs.realpathSync(bin(name));
      assert.ok(fs.readFileSync(target, 'utf8').startsWith('#!/usr/bin/env node\n'), `${name}: a node shebang`);
      assert.ok(fs.statSync(target).mode & 0o111, `${name}: executable`);
    }
  });

  it('eni-requests --version and --help, from another folder', () => {
    const version = runBin(bin('eni-requests'), ['--version'], elsewhere);
    assert.match(
      version.stdout,
      new RegExp(`^eni-requests ${manifest.version.replace(/\./g, '\\.')} \\(schemas from @aws-sdk/client-ec2 \\d+\\.\\d+\\.\\d+\\)\\n$`),
    );
    assert.equal(version.code, 0);
    const help = runBin(bin('eni-requests'), ['--help'], elsewhere);
    assert.match(help.stdout, /^ {2}check {2,}/m);
    assert.match(help.stdout, /eni-requests-server --stdio/);
    assert.equal(help.code, 0);
  });

  it('eni-requests check: exit 0 on a good request, 1 on a broken one with its diagnostics', () => {
    const good = runBin(bin('eni-requests'), ['check', 'requests/web.create-network-interface.json'], elsewhere);
    assert.equal(good.stdout, '');
    assert.equal(good.stderr, '1 file checked, 0 errors, 0 warnings\n');
    assert.equal(good.code, 0);
    const broken = runBin(bin('eni-requests'), ['check', 'requests'], elsewhere);
    assert.deepEqual(
      broken.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => /^(\S+):\d+:\d+: (\w+) \[(\S+)\]/.exec(line)?.slice(1)),
      [
        [path.join('requests', 'broken.create-network-interface.yaml'), 'error', 'unknown-parameter'],
        [path.join('requests', 'broken.create-network-interface.yaml'), 'error', 'wrong-type'],
      ],
    );
    assert.equal(broken.code, 1);
  });

  it('eni-requests preview: the SDK bundle loads from the package; nothing is sent', () => {
    const preview = runBin(bin('eni-requests'), ['preview', 'requests/web.create-network-interface.json'], elsewhere, isolatedAws(elsewhere));
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(preview.stdout, /^Preview of CreateNetworkInterface \(dry run\)\nNothing was sent\./);
    assert.match(preview.stdout, /^Action=CreateNetworkInterface&Version=[\d-]+&SubnetId=subnet-0123456789abcdef0&.*DryRun=true$/m);
    assert.match(preview.stdout, /Signature=<redacted>/);
  });

  it('eni-requests-server: --version, and over --stdio initialize and the diagnostics of a broken request', async () => {
    const version = runBin(bin('eni-requests-server'), ['--version'], elsewhere);
    assert.equal(version.stdout, `eni-requests-server ${manifest.version}\n`);
    const noTransport = runBin(bin('eni-requests-server'), [], elsewhere);
    assert.equal(noTransport.code, 2);
    assert.match(noTransport.stderr, /name the transport/);

    const server = await LspServer.start({
      command: { file: bin('eni-requests-server'), args: ['--stdio'], cwd: elsewhere },
      env: { NODE_PATH: '' },
      waitMs: 15_000,
    });
    try {
      assert.ok(server.capabilities.completionProvider, 'completion');
      assert.ok(server.capabilities.hoverProvider, 'hover');
      const uri = pathToFileURL(path.join(elsewhere, 'requests', 'broken.create-network-interface.yaml')).href;
      const { diagnostics } = await server.open(uri, BROKEN, { languageId: 'yaml' });
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['unknown-parameter', 'wrong-type'],
      );
      assert.deepEqual(server.takeFailures(), []);
    } finally {
      await server.stop();
    }
  });
});

describe('installed from git (npm pack git+file://…, offline)', { timeout: 300_000 }, () => {
  let tmp: string;

  before(() => {
    cache = npmCache();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-requests-git-'));
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a clone builds itself (prepare, devDependencies from the npm cache) into a package that installs and runs', () => {
    const repository = workingTreeRepository(path.join(tmp, 'repository'));
    const started = Date.now();
    // npm clones the repository, installs its devDependencies, runs prepare (the build) and packs it.
    const out = npm(['pack', `git+file://${repository.path}#${repository.commit}`], tmp, 240_000);
    const tarball = out.trim().split('\n').at(-1) ?? '';
    assert.equal(tarball, `${manifest.name}-${manifest.version}.tgz`, out);
    npm(['install', '--global', '--prefix', path.join(tmp, 'prefix'), path.join(tmp, tarball)], tmp);
    console.log(`packed from git and installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const elsewhere = fs.mkdtempSync(path.join(tmp, 'work-'));
    const version = runBin(path.join(tmp, 'prefix', 'bin', 'eni-requests'), ['--version'], elsewhere);
    assert.match(version.stdout, new RegExp(`^eni-requests ${manifest.version.replace(/\./g, '\\.')} `));
    assert.equal(version.code, 0);
    fs.writeFileSync(path.join(elsewhere, 'web.create-network-interface.json'), GOOD);
    const check = runBin(path.join(tmp, 'prefix', 'bin', 'eni-requests'), ['check', 'web.create-network-interface.json'], elsewhere);
    assert.equal(check.code, 0, check.stdout + check.stderr);
  });
});
