/**
 * The editor recipes of docs/schemas.md, with the real servers editors run: schemas written by
 * `eni-requests schema --all` (dist/cli.js: run `npm run build` first), given to yaml-language-server
 * by a modeline and by `yaml.schemas`, and to vscode-json-language-server (VS Code's JSON support)
 * by `json.schemas` with the file-name convention. Every valid example gets no diagnostic; the
 * schema-level broken examples get one.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { projectRoot } from '../support/project-root';

const root = projectRoot();
const examples = path.join(root, 'examples');

/** A language server over stdio, answering its configuration requests with `settings`. */
class Server {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly connection: MessageConnection;
  private readonly published = new Map<string, Diagnostic[]>();
  private readonly waiting = new Map<string, (diagnostics: Diagnostic[]) => void>();
  private stderr = '';

  constructor(
    bin: string,
    private readonly settings: Record<string, unknown>,
  ) {
    this.child = spawn(process.execPath, [bin, '--stdio'], { stdio: 'pipe' });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-5000)));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', ({ uri, diagnostics }: { uri: string; diagnostics: Diagnostic[] }) => {
      this.published.set(uri, diagnostics);
      this.waiting.get(uri)?.(diagnostics);
    });
    this.connection.onNotification(() => {});
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section ? (this.settings[item.section] ?? null) : this.settings)),
    );
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  async start(rootDir: string): Promise<void> {
    const rootUri = pathToFileURL(rootDir).href;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: {} } },
    });
    await this.connection.sendNotification('initialized', {});
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /** Opens the file and resolves to the first diagnostics published for it. */
  async diagnostics(file: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(file).href;
    const published = new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${path.basename(file)} in 20 s; stderr:\n${this.stderr}`)), 20_000);
      this.waiting.set(uri, (diagnostics) => {
        clearTimeout(timer);
        this.waiting.delete(uri);
        resolve(diagnostics);
      });
    });
    const languageId = /\.ya?ml$/.test(file) ? 'yaml' : 'json';
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: fs.readFileSync(file, 'utf8') } });
    return published;
  }

  /** Opens every file at once (the servers debounce each document) and waits for all their diagnostics. */
  async diagnosticsOf(files: string[]): Promise<Map<string, Diagnostic[]>> {
    const results = await Promise.all(files.map((file) => this.diagnostics(file)));
    return new Map(files.map((file, i) => [file, results[i]]));
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 3000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // killed below
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    if (this.child.exitCode === null && this.child.signalCode === null) await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

interface IndexEntry {
  cliCommand: string;
  file: string;
  fileMatch: string[];
}

const summarize = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`).join('\n');

/** The broken examples whose rule a schema expresses (as in test/package/schema-export.test.ts). */
const SCHEMA_LEVEL = [
  'unknown-parameter',
  'missing-required',
  'wrong-type',
  'invalid-enum',
  'boolean-as-number',
  'attribute-value-shape',
  'interface-type',
  'tag-resource-type',
  'count-range',
  'connection-tracking-range',
  'integer-range',
  'client-token',
  'groups-not-empty',
];

describe('exported schemas in editors', { timeout: 180_000 }, () => {
  let workspace: string;
  let index: IndexEntry[];
  const requests = () => path.join(workspace, 'requests');

  before(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'eni-schema-editors-'));
    execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'schema', '--all', 'schemas'], { cwd: workspace, stdio: 'pipe' });
    index = JSON.parse(fs.readFileSync(path.join(workspace, 'schemas', 'index.json'), 'utf8')).schemas;
    fs.mkdirSync(requests());
    for (const dir of ['valid', 'broken'])
      for (const name of fs.readdirSync(path.join(examples, dir))) fs.copyFileSync(path.join(examples, dir, name), path.join(requests(), `${dir}-${name}`));
  });
  after(() => fs.rmSync(workspace, { recursive: true, force: true }));

  const brokenSchemaLevel = (extension: RegExp) =>
    fs.readdirSync(path.join(examples, 'broken')).filter((name) => extension.test(name) && SCHEMA_LEVEL.includes(name.split('.')[0].replace(/-\d+$/, '')));

  it('yaml-language-server, yaml.schemas by relative path and file-name globs: valid examples clean, schema-level broken ones flagged', async () => {
    const schemas: Record<string, string[]> = {};
    for (const entry of index) schemas[`./schemas/${entry.file}`] = entry.fileMatch.filter((glob) => /\.ya?ml$/.test(glob));
    const server = new Server(path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), {
      yaml: { validate: true, schemas, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } },
    });
    try {
      await server.start(workspace);
      const valid = fs.readdirSync(path.join(examples, 'valid')).filter((n) => /\.ya?ml$/.test(n));
      const broken = brokenSchemaLevel(/\.ya?ml$/);
      assert.ok(broken.length >= 5, 'YAML broken examples');
      // The AWS CLI sends MinCount/MaxCount when absent: no error for a CLI request without them.
      const clean = [...valid.map((name) => `valid-${name}`), 'broken-cli-default-count.run-instances.yaml'];
      const results = await server.diagnosticsOf([...clean, ...broken.map((name) => `broken-${name}`)].map((name) => path.join(requests(), name)));
      for (const name of clean) assert.equal(summarize(results.get(path.join(requests(), name))!), '', name);
      for (const name of broken) assert.ok(results.get(path.join(requests(), `broken-${name}`))!.length, `${name} is not flagged`);
    } finally {
      await server.stop();
    }
  });

  it('yaml-language-server, the $schema modeline with a path relative to the file', async () => {
    const file = path.join(requests(), 'nic.yaml'); // no naming convention: only the modeline names the schema
    fs.writeFileSync(
      file,
      '# yaml-language-server: $schema=../schemas/create-network-interface.schema.json\nSubnetID: subnet-0123456789abcdef0\nInterfaceType: efa_only\n',
    );
    const good = path.join(requests(), 'good.yaml');
    fs.writeFileSync(
      good,
      '# yaml-language-server: $schema=../schemas/create-network-interface.schema.json\nSubnetId: subnet-0123456789abcdef0\nInterfaceType: efa\n',
    );
    const server = new Server(path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), {
      yaml: { validate: true, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } },
    });
    try {
      await server.start(workspace);
      const messages = summarize(await server.diagnostics(file));
      assert.match(messages, /SubnetID is not allowed/);
      assert.match(messages, /Missing property "SubnetId"/);
      assert.match(messages, /^2:15 .*efa-only/m);
      assert.equal(summarize(await server.diagnostics(good)), '');
    } finally {
      await server.stop();
    }
  });

  it('vscode-json-language-server, json.schemas with the file-name convention: valid examples clean, schema-level broken ones flagged', async () => {
    const schemas = index.map((entry) => ({
      fileMatch: entry.fileMatch.filter((glob) => /\.jsonc?$/.test(glob)),
      url: pathToFileURL(path.join(workspace, 'schemas', entry.file)).href,
    }));
    const server = new Server(path.join(root, 'node_modules/vscode-langservers-extracted/bin/vscode-json-language-server'), {
      json: { validate: { enable: true }, schemas },
      http: { proxy: '', proxyStrictSSL: false },
    });
    try {
      await server.start(workspace);
      const valid = fs.readdirSync(path.join(examples, 'valid')).filter((n) => n.endsWith('.json'));
      const broken = brokenSchemaLevel(/\.json$/);
      assert.ok(broken.length >= 4, 'JSON broken examples');
      const results = await server.diagnosticsOf([...valid.map((n) => `valid-${n}`), ...broken.map((n) => `broken-${n}`)].map((n) => path.join(requests(), n)));
      for (const name of valid) assert.equal(summarize(results.get(path.join(requests(), `valid-${name}`))!), '', name);
      for (const name of broken) assert.ok(results.get(path.join(requests(), `broken-${name}`))!.length, `${name} is not flagged`);
    } finally {
      await server.stop();
    }
  });
});
