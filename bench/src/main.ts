/**
 * `npm run bench`: generates the documents, drives our language server and the two anchors over
 * stdio like an editor, measures the in-process parse floor and the CLI, prints a table with a
 * pass/miss per target and writes bench/results.json.
 *
 * Flags: --quick (fewer samples, for trying things), --server=<bundle> (benchmark another build of
 * the server, e.g. a patched copy in /tmp), --cpu-prof (our server and the floor child write CPU
 * profiles to bench/generated/profiles), --no-anchors, --phases=a,b (sdk, floor, start, verify,
 * edits, features, memory, cli), --sizes=small,medium (documents for the edit runs), --out=<results.json>.
 * `node build/bench/bench.js profile <file.cpuprofile> [top]` summarizes a CPU profile.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { prng } from '../../test/support/prng';
import { makeEdits, type Edit } from './edits';
import { floorMain, type FloorResult } from './floor';
import { generateCliFiles, generateDocuments, type BenchDocument } from './generate';
import { LspServer, type ServerSpec } from './lsp';
import { profileMain } from './profile';
import { jsonAnchor, ours, yamlAnchor, type ServerOptions } from './servers';
import type { Diagnostic } from 'vscode-languageserver-types';
import { bytes, median, ms, ratio, summarize, type Summary } from './stats';

const root = path.resolve(__dirname, '../..');
const generatedDir = path.join(root, 'bench/generated');
const rootUri = pathToFileURL(generatedDir).href;

interface Args {
  quick: boolean;
  server: string;
  cpuProf: boolean;
  anchors: boolean;
  phases: Set<string>;
  /** Document sizes the protocol phases use (default: all). */
  sizes: Set<string>;
  out: string;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const all = ['sdk', 'floor', 'start', 'verify', 'edits', 'features', 'memory', 'cli'];
  return {
    quick: argv.includes('--quick'),
    server: path.resolve(value('server') ?? path.join(root, 'dist/server.js')),
    cpuProf: argv.includes('--cpu-prof'),
    anchors: !argv.includes('--no-anchors'),
    phases: new Set(value('phases')?.split(',') ?? all),
    sizes: new Set(value('sizes')?.split(',') ?? ['small', 'medium', 'large', 'huge']),
    out: path.resolve(value('out') ?? path.join(root, 'bench/results.json')),
  };
}

const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
const started = performance.now();
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
const languageId = (doc: BenchDocument) => doc.syntax;
const uriOf = (file: string) => pathToFileURL(file).href;

// ---------------------------------------------------------------------------------------------
// How many edits per document and server. Ours: at least 200 (huge: capped). The anchors wait
// 500 ms (json) / 200 ms (yaml) before validating, so they get the first part of the same edits.

function editCount(size: BenchDocument['size'], server: 'ours' | 'anchor', quick: boolean): number {
  const counts = server === 'ours' ? { small: 200, medium: 200, large: 200, huge: 10 } : { small: 40, medium: 40, large: 15, huge: 2 };
  const n = counts[size];
  return quick ? Math.max(2, Math.ceil(n / 10)) : n;
}

function timeoutFor(size: BenchDocument['size']): number {
  return { small: 10_000, medium: 10_000, large: 60_000, huge: 240_000 }[size];
}

/** Wall-time cap of one server's edit run on a document (the run stops after the edit in flight). */
function budgetFor(size: BenchDocument['size'], quick: boolean): number {
  const budget = { small: 60_000, medium: 60_000, large: 30_000, huge: 30_000 }[size];
  return quick ? budget / 4 : budget;
}

// ---------------------------------------------------------------------------------------------

interface SdkCheck {
  bundles: { file: string; bytes: number; sdkMarkers: string[] }[];
  /** Modules in require.cache of a running dist/server.js --stdio after it validated a document. */
  serverRequireCache: string[];
  ok: boolean;
}

const SDK_MARKERS = ['@aws-sdk/', '@smithy/', 'client-ec2', 'client-sts', 'credential-provider'];

async function sdkCheck(options: ServerOptions): Promise<SdkCheck> {
  const bundles = ['dist/server.js', 'dist/extension.js'].map((file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    return { file, bytes: text.length, sdkMarkers: SDK_MARKERS.filter((m) => text.includes(m)) };
  });
  // At run time: a preload records require.cache when the server exits.
  const preload = path.join(generatedDir, 'record-modules.cjs');
  const record = path.join(generatedDir, 'server-modules.json');
  fs.rmSync(record, { force: true });
  fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const spec = ours({ ...options, nodeFlags: ['-r', preload] });
  const server = new LspServer(spec);
  await server.initialize(rootUri);
  const file = path.join(root, 'examples/valid/two-nics.run-instances.json');
  const published = server.nextDiagnostics(uriOf(file), 1, 10_000);
  await server.open(uriOf(file), 'json', fs.readFileSync(file, 'utf8'));
  await published;
  await server.stop();
  const serverRequireCache = (JSON.parse(fs.readFileSync(record, 'utf8')) as string[]).map((m) => path.relative(root, m));
  const ok = bundles.every((b) => b.sdkMarkers.length === 0) && !serverRequireCache.some((m) => SDK_MARKERS.some((marker) => m.includes(marker)));
  return { bundles, serverRequireCache, ok };
}

// ---------------------------------------------------------------------------------------------

function runFloor(documents: BenchDocument[], args: Args): FloorResult[] {
  const input = path.join(generatedDir, 'documents.json');
  const output = path.join(generatedDir, 'floor.json');
  fs.writeFileSync(input, JSON.stringify(documents.map(({ text: _text, ...rest }) => rest)));
  // No gc() between samples: a forced full GC throws away V8's type feedback and makes the next run 5-10× slower.
  const flags = ['--max-old-space-size=4096'];
  if (args.cpuProf) flags.push('--cpu-prof', `--cpu-prof-dir=${path.join(generatedDir, 'profiles')}`, '--cpu-prof-name=floor.cpuprofile');
  const result = spawnSync(process.execPath, [...flags, __filename, 'floor', input, output, ...(args.quick ? ['--quick'] : [])], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`the floor measurement failed (${result.status ?? result.signal})`);
  return JSON.parse(fs.readFileSync(output, 'utf8')) as FloorResult[];
}

// ---------------------------------------------------------------------------------------------

interface StartResult {
  server: string;
  /** Spawn → first publishDiagnostics for a small document opened right after initialize. */
  startMs: number[];
  initializeMs: number[];
}

async function measureStart(spec: ServerSpec, doc: BenchDocument, runs: number): Promise<StartResult> {
  const result: StartResult = { server: spec.name, startMs: [], initializeMs: [] };
  for (let i = 0; i < runs; i++) {
    const server = new LspServer(spec);
    await server.initialize(rootUri);
    result.initializeMs.push(performance.now() - server.spawnedAt);
    const uri = uriOf(doc.file);
    const published = server.nextDiagnostics(uri, 1, 20_000);
    await server.open(uri, languageId(doc), doc.text);
    result.startMs.push((await published).at - server.spawnedAt);
    await server.stop();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------

interface Verification {
  server: string;
  document: string;
  diagnostics: number;
  sample: string;
}

/** A copy with an unknown member at the top: a schema error only a server that applies the schema reports. */
function brokenCopy(text: string, syntax: BenchDocument['syntax']): string {
  return syntax === 'json' ? text.replace(/^\{\n/, '{\n  "BogusMember": 1,\n') : `BogusMember: 1\n${text}`;
}

const messageOf = (d: Diagnostic | undefined) => (d ? (typeof d.message === 'string' ? d.message : d.message.value) : '');

async function verify(spec: ServerSpec, docs: BenchDocument[]): Promise<Verification[]> {
  const server = new LspServer(spec);
  await server.initialize(rootUri);
  const results: Verification[] = [];
  for (const doc of docs) {
    const file = path.join(generatedDir, 'broken', path.basename(doc.file));
    const uri = uriOf(file);
    const published = server.nextDiagnostics(uri, 1, timeoutFor(doc.size));
    await server.open(uri, languageId(doc), brokenCopy(doc.text, doc.syntax));
    const { diagnostics } = await published;
    results.push({ server: spec.name, document: doc.name, diagnostics: diagnostics.length, sample: messageOf(diagnostics[0]).split('\n')[0].slice(0, 80) });
    await server.close(uri);
  }
  await server.stop();
  return results;
}

// ---------------------------------------------------------------------------------------------

export interface EditRun {
  server: string;
  document: string;
  /** didOpen → first publication, ms (one per open; several URIs). */
  openMs: number[];
  /** Diagnostics on the valid document at open (ours: errors; anchors: anything). */
  openProblems: number;
  edits: number;
  latency: Summary;
  samples: number[];
  /** Publications received for the edits (each edit must get one). */
  published: number;
  /** Extra publications (a second one for the same edit would skew the next sample). */
  extraPublications: number;
  /** Edits after which the server reported a problem (must be 0: every edit keeps the request valid). */
  editsWithProblems: number;
  /** Set when the run's time budget stopped it after this many edits. */
  cappedAt?: number;
  error?: string;
}

async function editRun(spec: ServerSpec, doc: BenchDocument, edits: readonly Edit[], opens: number, budgetMs: number): Promise<EditRun> {
  const run: EditRun = {
    server: spec.name,
    document: doc.name,
    openMs: [],
    openProblems: 0,
    edits: edits.length,
    latency: summarize([]),
    samples: [],
    published: 0,
    extraPublications: 0,
    editsWithProblems: 0,
  };
  const problems = (p: { diagnostics: { severity?: number }[] }) =>
    spec.versioned ? p.diagnostics.filter((d) => d.severity === 1).length : p.diagnostics.length;
  const server = new LspServer(spec);
  try {
    await server.initialize(rootUri);
    const timeout = timeoutFor(doc.size);
    // Opens of copies (other URIs, same name) first, then the one that is edited.
    for (let i = 0; i < opens; i++) {
      const uri = i === opens - 1 ? uriOf(doc.file) : uriOf(path.join(generatedDir, `open-${i}`, path.basename(doc.file)));
      const published = server.nextDiagnostics(uri, 1, timeout);
      const start = performance.now();
      await server.open(uri, languageId(doc), doc.text);
      const first = await published;
      run.openMs.push(first.at - start);
      run.openProblems = Math.max(run.openProblems, problems(first));
      if (i < opens - 1) {
        await server.close(uri);
        await sleep(doc.size === 'huge' ? 1000 : 50);
      }
    }
    const uri = uriOf(doc.file);
    const before = server.publications.get(uri)!.length;
    const deadline = performance.now() + budgetMs;
    for (let i = 0; i < edits.length; i++) {
      if (performance.now() > deadline) {
        run.cappedAt = i;
        break;
      }
      const version = i + 2;
      const published = server.nextDiagnostics(uri, version, timeout);
      const start = performance.now();
      await server.change(uri, version, edits[i]);
      try {
        const publication = await published;
        run.samples.push(publication.at - start);
        run.published++;
        if (problems(publication) > 0) run.editsWithProblems++;
      } catch (error) {
        run.error = String(error).split('\n')[0];
        break;
      }
    }
    // Late or duplicate publications show up here.
    await sleep(spec.versioned ? 100 : 700);
    run.extraPublications = server.publications.get(uri)!.length - before - run.published;
    run.latency = summarize(run.samples);
  } catch (error) {
    run.error = String(error).split('\n')[0];
  } finally {
    await server.stop();
  }
  return run;
}

// ---------------------------------------------------------------------------------------------

interface FeatureRun {
  document: string;
  hover: Summary;
  completion: Summary;
  /** completion sent right after a keystroke (the analysis of the new version is in its path). */
  completionAfterKeystroke: Summary;
  hoverEmpty: number;
  completionEmpty: number;
}

/** Positions inside keys, and inside enum values, spread over the document. */
function featurePositions(text: string): { keys: number[]; values: number[] } {
  const keys = [...text.matchAll(/^[ -]*"?([A-Z]\w+)"?:/gm)].map((m) => m.index! + m[0].indexOf(m[1]) + 2);
  // Enum values a user completes: the instance type, tag resource types, interface types (the p5 template's 33).
  const values = [...text.matchAll(/(?:InstanceType|ResourceType|InterfaceType)"?: "?/g)].map((m) => m.index! + m[0].length + 2);
  return { keys, values };
}

function positionAt(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function featureRun(spec: ServerSpec, doc: BenchDocument, samples: number, edits: readonly Edit[]): Promise<FeatureRun> {
  const server = new LspServer(spec);
  await server.initialize(rootUri);
  const uri = uriOf(doc.file);
  const opened = server.nextDiagnostics(uri, 1, timeoutFor(doc.size));
  await server.open(uri, languageId(doc), doc.text);
  await opened;
  const { keys, values: enumValues } = featurePositions(doc.text);
  const values = enumValues.length ? enumValues : keys;
  const at = (list: number[], i: number) => positionAt(doc.text, list[Math.floor((i * list.length) / samples) % list.length]);
  const hover: number[] = [];
  const completion: number[] = [];
  let hoverEmpty = 0;
  let completionEmpty = 0;
  for (let i = 0; i < samples; i++) {
    let start = performance.now();
    const h = await server.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: at(keys, i) });
    hover.push(performance.now() - start);
    if (!h) hoverEmpty++;
    const position = i % 2 === 0 ? at(keys, i) : at(values, i);
    start = performance.now();
    const c = await server.request<{ items: unknown[] } | null>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
    completion.push(performance.now() - start);
    if (!c || !c.items.length) completionEmpty++;
  }
  // Completion as typing triggers it: the keystroke, then at once the request at the cursor.
  const afterKeystroke: number[] = [];
  let version = 1;
  // Only the first letter of each typing burst: the others assume the letters before them are there.
  const firstLetters = edits.filter((e, i) => e.kind === 'type' && (i === 0 || edits[i - 1].kind !== 'type'));
  for (const edit of firstLetters.slice(0, Math.ceil(samples / 2))) {
    version++;
    const published = server.nextDiagnostics(uri, version, timeoutFor(doc.size));
    await server.change(uri, version, edit);
    const start = performance.now();
    await server.request('textDocument/completion', {
      textDocument: { uri },
      position: { line: edit.range.start.line, character: edit.range.start.character + 1 },
      context: { triggerKind: 1 },
    });
    afterKeystroke.push(performance.now() - start);
    await published;
    // Undo, so the next edit (computed on the original text) lands where it should.
    version++;
    const undone = server.nextDiagnostics(uri, version, timeoutFor(doc.size));
    await server.change(uri, version, {
      ...edit,
      range: { start: edit.range.start, end: { ...edit.range.start, character: edit.range.start.character + 1 } },
      text: '',
    });
    await undone;
  }
  await server.stop();
  return {
    document: doc.name,
    hover: summarize(hover),
    completion: summarize(completion),
    completionAfterKeystroke: summarize(afterKeystroke),
    hoverEmpty,
    completionEmpty,
  };
}

// ---------------------------------------------------------------------------------------------

interface MemoryRun {
  server: string;
  documents: number;
  rssMb: number;
  peakMb: number;
  /** Baseline: after initialize, before any document. */
  idleRssMb: number;
  allDiagnosticsMs: number;
}

async function memoryRun(spec: ServerSpec, docs: BenchDocument[], count: number): Promise<MemoryRun> {
  const server = new LspServer(spec);
  await server.initialize(rootUri);
  await sleep(300);
  const idleRssMb = server.memory().rssMb;
  const start = performance.now();
  const waits: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const doc = docs[i % docs.length];
    const uri = uriOf(path.join(generatedDir, 'memory', String(i), path.basename(doc.file)));
    waits.push(server.nextDiagnostics(uri, 1, 120_000));
    await server.open(uri, languageId(doc), doc.text);
  }
  await Promise.all(waits);
  const allDiagnosticsMs = performance.now() - start;
  await sleep(1000);
  const { rssMb, peakMb } = server.memory();
  await server.stop();
  return { server: spec.name, documents: count, rssMb, peakMb, idleRssMb, allDiagnosticsMs };
}

// ---------------------------------------------------------------------------------------------

interface CliRun {
  files: number;
  runsMs: number[];
  status: number | null;
  summary: string;
}

function cliRun(dir: string, files: number, runs: number): CliRun {
  const result: CliRun = { files, runsMs: [], status: null, summary: '' };
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const child = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'check', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    result.runsMs.push(performance.now() - start);
    result.status = child.status;
    result.summary = child.stderr.trim().split('\n').pop() ?? '';
    if (child.status !== 0) result.summary += ` | ${child.stdout.split('\n').slice(0, 3).join(' | ')}`;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------

interface Results {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] };
  server: string;
  quick: boolean;
  documents: { name: string; file: string; bytes: number; lines: number; operation: string }[];
  sdk?: SdkCheck;
  floor?: FloorResult[];
  start?: StartResult[];
  verification?: Verification[];
  edits?: EditRun[];
  features?: FeatureRun[];
  memory?: MemoryRun[];
  cli?: CliRun;
  targets: { target: string; value: string; pass: boolean }[];
  runSeconds?: number;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const nodeFlags = args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.join(generatedDir, 'profiles')}`] : [];
  const options: ServerOptions = { root, ourServer: args.server, nodeFlags };
  for (const file of [args.server, path.join(root, 'dist/cli.js'), path.join(root, 'build/schemas/index.json')]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run node scripts/build.mjs first`);
  }
  const specs = { ours: ours(options), json: jsonAnchor(options), yaml: yamlAnchor(options) };
  const anchorFor = (doc: BenchDocument) => (doc.syntax === 'json' ? specs.json : specs.yaml);

  log('generating documents');
  const documents = generateDocuments(path.join(generatedDir, 'docs'));
  const cliDir = path.join(generatedDir, 'cli');
  const cliFiles = generateCliFiles(cliDir, path.join(root, 'examples/valid'));
  const results: Results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverageAtStart: os.loadavg(),
    },
    server: path.relative(root, args.server) || args.server,
    quick: args.quick,
    documents: documents.map((d) => ({
      name: d.name,
      file: path.relative(root, d.file),
      bytes: Buffer.byteLength(d.text),
      lines: d.text.split('\n').length - 1,
      operation: d.operation,
    })),
    targets: [],
  };
  const edits = new Map(documents.map((doc) => [doc.name, makeEdits(doc.text, editCount(doc.size, 'ours', args.quick), prng(17))]));
  const bySize = (size: BenchDocument['size']) => documents.filter((d) => d.size === size);

  if (args.phases.has('sdk')) {
    log('checking that the server and extension bundles do not carry the AWS SDK');
    results.sdk = await sdkCheck(options);
  }
  if (args.phases.has('start')) {
    // First, on a machine not yet warmed by the big documents (the floor child allocates GBs).
    log('start → first diagnostics');
    const runs = args.quick ? 2 : 7;
    const small = bySize('small');
    results.start = [await measureStart(specs.ours, small[0], runs)];
    if (args.anchors) {
      results.start.push(await measureStart(specs.json, small[0], runs));
      results.start.push(await measureStart(specs.yaml, small[1], runs));
    }
  }
  if (args.phases.has('floor')) {
    log('in-process floor: parse vs our tree vs our validate');
    results.floor = runFloor(documents, args);
  }
  if (args.phases.has('verify')) {
    log('verifying that every server applies the schema (broken copies)');
    const probe = documents.filter((d) => d.size !== 'huge');
    results.verification = await verify(specs.ours, probe);
    if (args.anchors) {
      results.verification.push(
        ...(await verify(
          specs.json,
          probe.filter((d) => d.syntax === 'json'),
        )),
      );
      results.verification.push(
        ...(await verify(
          specs.yaml,
          probe.filter((d) => d.syntax === 'yaml'),
        )),
      );
    }
    const blind = results.verification.filter((v) => v.diagnostics === 0);
    if (blind.length) throw new Error(`no schema error reported on a broken copy: ${blind.map((v) => `${v.server} ${v.document}`).join(', ')}`);
  }
  if (args.phases.has('edits')) {
    results.edits = [];
    for (const doc of documents.filter((d) => args.sizes.has(d.size))) {
      const docEdits = edits.get(doc.name)!;
      const opens = doc.size === 'huge' ? 1 : 3;
      log(`edits on ${doc.name}: ours (${docEdits.length})`);
      results.edits.push(await editRun(specs.ours, doc, docEdits, opens, budgetFor(doc.size, args.quick)));
      if (args.anchors) {
        const n = editCount(doc.size, 'anchor', args.quick);
        log(`edits on ${doc.name}: ${anchorFor(doc).name} (${n})`);
        results.edits.push(await editRun(anchorFor(doc), doc, docEdits.slice(0, n), doc.size === 'huge' ? 1 : 2, budgetFor(doc.size, args.quick)));
      }
    }
  }
  if (args.phases.has('features')) {
    log('completion and hover on the medium (and large) documents');
    results.features = [];
    for (const doc of bySize('medium')) results.features.push(await featureRun(specs.ours, doc, args.quick ? 40 : 200, edits.get(doc.name)!));
    // Context: on a large document the keystroke's completion competes with its validation.
    for (const doc of bySize('large')) results.features.push(await featureRun(specs.ours, doc, args.quick ? 4 : 10, edits.get(doc.name)!));
  }
  if (args.phases.has('memory')) {
    log('memory with 200 open documents');
    // The original mix (the p5 template is measured for its edits, completion and hover).
    const mix = [...bySize('small'), ...bySize('medium')].filter((d) => !d.variant);
    results.memory = [await memoryRun(specs.ours, mix, 200)];
    if (args.anchors) {
      results.memory.push(
        await memoryRun(
          specs.json,
          mix.filter((d) => d.syntax === 'json'),
          100,
        ),
      );
      results.memory.push(
        await memoryRun(
          specs.yaml,
          mix.filter((d) => d.syntax === 'yaml'),
          100,
        ),
      );
    }
  }
  if (args.phases.has('cli')) {
    log(`CLI over ${cliFiles} files`);
    results.cli = cliRun(cliDir, cliFiles, 3);
  }
  results.machine.loadAverageAtEnd = os.loadavg();
  results.targets = evaluateTargets(results);
  results.runSeconds = (performance.now() - started) / 1000;
  fs.writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(renderTable(results));
  log(`done in ${results.runSeconds.toFixed(0)} s; results in ${path.relative(root, args.out)}`);
}

// ---------------------------------------------------------------------------------------------

function evaluateTargets(r: Results): Results['targets'] {
  const targets: Results['targets'] = [];
  const add = (target: string, value: string, pass: boolean) => targets.push({ target, value, pass });
  const oursRuns = (r.edits ?? []).filter((e) => e.server === 'ours');
  for (const run of oursRuns) {
    const size = run.document.split(' ')[0];
    if (size === 'huge') continue;
    const limit = size === 'large' ? 150 : 30;
    add(`edit → diagnostics p95, ${run.document} < ${limit} ms`, `${ms(run.latency.p95)} ms`, run.latency.p95 < limit && !run.error);
  }
  for (const f of (r.floor ?? []).filter((f) => /^(large|huge)/.test(f.name))) {
    // Both the first validation (the whole document) and the one after a keystroke.
    const first = f.validateFirstMs / f.parseFloorMs;
    const afterEdit = f.validateAfterEditMs / f.parseFloorMs;
    add(`validation ≤ 3× parse floor (first / after an edit), ${f.name}`, `${ratio(first)} / ${ratio(afterEdit)}`, first <= 3 && afterEdit <= 3);
  }
  const oursStart = r.start?.find((s) => s.server === 'ours');
  if (oursStart) add('start → first diagnostics < 400 ms', `${ms(median(oursStart.startMs))} ms`, median(oursStart.startMs) < 400);
  for (const f of (r.features ?? []).filter((f) => f.document.startsWith('medium'))) {
    add(`completion p95, ${f.document} < 15 ms`, `${ms(f.completion.p95)} ms`, f.completion.p95 < 15);
    add(`hover p95, ${f.document} < 15 ms`, `${ms(f.hover.p95)} ms`, f.hover.p95 < 15);
  }
  const mem = r.memory?.find((m) => m.server === 'ours');
  if (mem) add('RSS with 200 open documents < 150 MB', `${mem.rssMb.toFixed(0)} MB`, mem.rssMb < 150);
  if (r.cli) add(`CLI, ${r.cli.files} files < 3 s`, `${(median(r.cli.runsMs) / 1000).toFixed(2)} s`, median(r.cli.runsMs) < 3000 && r.cli.status === 0);
  for (const run of oursRuns) {
    const anchor = (r.edits ?? []).find((e) => e.server !== 'ours' && e.document === run.document);
    if (!anchor || !anchor.latency.n) continue;
    const x = anchor.latency.p50 / run.latency.p50;
    add(`≥ 5× faster than ${anchor.server} (edit → diagnostics p50), ${run.document}`, ratio(x), x >= 5);
  }
  if (r.sdk) add('server and extension bundles free of the AWS SDK', r.sdk.ok ? 'yes' : 'no', r.sdk.ok);
  return targets;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function renderTable(r: Results): string {
  const out: string[] = [];
  out.push(
    `# eni-requests bench — ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}${r.quick ? ' (QUICK: fewer samples)' : ''}`,
  );
  out.push(`Server: ${r.server}. Times in ms. One run, one machine: ratios are the headline, absolute times are context.`);
  const load = [...r.machine.loadAverageAtStart, ...(r.machine.loadAverageAtEnd ?? [])];
  out.push(
    `Load average (1/5/15 min) at start ${r.machine.loadAverageAtStart.map((l) => l.toFixed(1)).join('/')}, at end ${(r.machine.loadAverageAtEnd ?? []).map((l) => l.toFixed(1)).join('/')}.`,
  );
  if (Math.max(...load) > r.machine.cpus * 0.75)
    out.push(
      `**Warning: the machine was busy with other work during the run (load above ${r.machine.cpus * 0.75} on ${r.machine.cpus} CPUs): absolute times are inflated; compare ratios.**`,
    );
  out.push('');
  out.push('## Documents (generated, valid requests)');
  out.push(
    table(
      ['document', 'operation', 'size', 'lines'],
      r.documents.map((d) => [d.name, d.operation, bytes(d.bytes), String(d.lines)]),
    ),
  );
  if (r.floor) {
    out.push('', '## In-process: validation vs the parse floor (median)');
    out.push(
      table(
        ['document', 'parse floor¹', 'our tree', 'validate, first', 'validate, after edit', 'after edit ÷ floor', 'first ÷ floor', 'errors', 'samples'],
        r.floor.map((f) => [
          f.name,
          ms(f.parseFloorMs),
          ms(f.ourTreeMs),
          ms(f.validateFirstMs),
          ms(f.validateAfterEditMs),
          ratio(f.validateAfterEditMs / f.parseFloorMs),
          ratio(f.validateFirstMs / f.parseFloorMs),
          String(f.errors),
          String(f.samples),
        ]),
      ),
    );
    out.push('¹ jsonc-parser `parseTree` (JSON) / yaml `parseDocument` (YAML) on the same text.');
  }
  if (r.verification) {
    out.push('', '## Every server applies the schema: diagnostics on a broken copy (an unknown member at the top)');
    out.push(
      table(
        ['server', 'document', 'diagnostics', 'first message'],
        r.verification.map((v) => [v.server, v.document, String(v.diagnostics), v.sample]),
      ),
    );
  }
  if (r.edits) {
    out.push('', '## Edit → diagnostics over stdio, as a user sees it (validation delays included)');
    const rows: string[][] = [];
    const docs = [...new Set(r.edits.map((e) => e.document))];
    for (const doc of docs) {
      const o = r.edits.find((e) => e.server === 'ours' && e.document === doc);
      const a = r.edits.find((e) => e.server !== 'ours' && e.document === doc);
      const cell = (e?: EditRun) =>
        e
          ? e.error && !e.latency.n
            ? `failed: ${e.error.slice(0, 60)}`
            : `${ms(e.latency.p50)} / ${ms(e.latency.p95)} / ${ms(e.latency.max)} (n=${e.latency.n})`
          : '–';
      rows.push([
        doc,
        cell(o),
        a ? `${a.server}: ${cell(a)}` : '–',
        a && o ? ratio(a.latency.p50 / o.latency.p50) : '–',
        a && o ? ratio(a.latency.p95 / o.latency.p95) : '–',
        `${o ? ms(median(o.openMs)) : '–'} / ${a ? ms(median(a.openMs)) : '–'}`,
        [o, a]
          .filter((e): e is EditRun => !!e)
          .map(
            (e) =>
              `${e.server} ${e.openProblems}/${e.editsWithProblems}/${e.extraPublications}${e.published < (e.cappedAt ?? e.edits) ? ` missing ${(e.cappedAt ?? e.edits) - e.published}` : ''}${e.cappedAt !== undefined ? ` (time cap: ${e.cappedAt} of ${e.edits} edits)` : ''}`,
          )
          .join(', '),
      ]);
    }
    out.push(
      table(
        ['document', 'ours p50 / p95 / max', 'anchor p50 / p95 / max', 'anchor ÷ ours p50', 'anchor ÷ ours p95', 'open → diag, ours / anchor', 'checks²'],
        rows,
      ),
    );
    out.push(
      '² problems at open / edits followed by a problem / extra publications: all must be 0. Anchors get the first n of the same edits (json-ls waits 500 ms, yaml-ls 200 ms before validating); huge documents are capped (few edits).',
    );
  }
  if (r.start) {
    out.push('', '## Start → first diagnostics (spawn → publishDiagnostics of a small document opened after initialize)');
    out.push(
      table(
        ['server', 'median', 'min', 'max', 'spawn → initialize result'],
        r.start.map((s) => [s.server, ms(median(s.startMs)), ms(Math.min(...s.startMs)), ms(Math.max(...s.startMs)), ms(median(s.initializeMs))]),
      ),
    );
  }
  if (r.features) {
    out.push('', '## Completion and hover (ours; the target is on the medium documents, large ones are context)');
    out.push(
      table(
        ['document', 'hover p50 / p95', 'completion p50 / p95', 'completion right after a keystroke p50 / p95', 'empty hover / completion'],
        r.features.map((f) => [
          f.document,
          `${ms(f.hover.p50)} / ${ms(f.hover.p95)}`,
          `${ms(f.completion.p50)} / ${ms(f.completion.p95)}`,
          `${ms(f.completionAfterKeystroke.p50)} / ${ms(f.completionAfterKeystroke.p95)}`,
          `${f.hoverEmpty} / ${f.completionEmpty}`,
        ]),
      ),
    );
  }
  if (r.memory) {
    out.push('', '## Memory (VmRSS of the server process after opening the documents and getting all their diagnostics)');
    out.push(
      table(
        ['server', 'documents', 'RSS', 'peak RSS', 'idle RSS', 'all diagnostics after'],
        r.memory.map((m) => [
          m.server,
          String(m.documents),
          `${m.rssMb.toFixed(0)} MB`,
          `${m.peakMb.toFixed(0)} MB`,
          `${m.idleRssMb.toFixed(0)} MB`,
          `${ms(m.allDiagnosticsMs)} ms`,
        ]),
      ),
    );
    out.push('Ours: 200 = 50 each of small JSON, small YAML, medium JSON, medium YAML; the anchors get their 100 (context only).');
  }
  if (r.cli) {
    out.push('', `## CLI: \`eni-requests check\` over ${r.cli.files} generated request files (all operations, JSON and YAML)`);
    out.push(
      table(
        ['runs', 'median', 'per file', 'exit', 'summary'],
        [
          [
            r.cli.runsMs.map((t) => ms(t)).join(', '),
            `${ms(median(r.cli.runsMs))} ms`,
            `${ms(median(r.cli.runsMs) / r.cli.files)} ms`,
            String(r.cli.status),
            r.cli.summary,
          ],
        ],
      ),
    );
  }
  if (r.sdk) {
    out.push('', '## AWS SDK in the bundles');
    out.push(
      table(
        ['bundle', 'size', 'SDK package names found'],
        r.sdk.bundles
          .map((b) => [b.file, bytes(b.bytes), b.sdkMarkers.join(', ') || 'none'])
          .concat([['dist/server.js --stdio at run time', '', `require.cache: ${r.sdk.serverRequireCache.join(', ')}`]]),
      ),
    );
  }
  out.push('', '## Targets');
  out.push(
    table(
      ['target', 'measured', ''],
      r.targets.map((t) => [t.target, t.value, t.pass ? 'pass' : '**MISS**']),
    ),
  );
  if (r.runSeconds) out.push('', `Bench run time: ${r.runSeconds.toFixed(0)} s.`);
  return `${out.join('\n')}\n`;
}

if (process.argv[2] === 'floor') {
  floorMain(process.argv.slice(3));
} else if (process.argv[2] === 'profile') {
  profileMain(process.argv.slice(3));
} else {
  main().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
