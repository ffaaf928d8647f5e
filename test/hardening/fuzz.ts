/**
 * A seeded random-edit fuzzer that types into the example request files through the protocol.
 *
 * Each step makes one incremental didChange to the built server: an insertion, deletion or
 * replacement with JSON/YAML-aware tokens (quotes, brackets, braces, colons, commas, dashes,
 * indentation, line breaks, comments, anchors, tags, odd characters, and the member names, enum
 * values and filter names of the generated schemas), or the application of a completion item or a
 * quick fix the server just offered. After every step it checks that the server is alive, that the
 * diagnostics published for that exact version lie inside the document, that completion, hover and
 * code actions answer without an error response and with ranges inside the document, and that
 * nothing appeared on stderr or in window/logMessage as an error.
 *
 * Every file gets its own random stream, derived from the seed and the file name, so a failure is
 * replayed exactly with FUZZ_SEED, FUZZ_FILE and FUZZ_STEPS (printed with the failure). The text
 * before the failing step and the step itself are also written to a JSON file for a regression test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { OperationRegistry } from '../../server/src/model/registry';
import type { MemberSchema } from '../../server/src/model/schema-types';
import { prng } from '../support/prng';
import { codeActionProblems, completionProblems, diagnosticProblems, editsOf, hoverProblems } from './invariants';
import { LspServer, type ContentChange } from '../support/lsp-client';
import { projectRoot } from '../support/project-root';

export interface FuzzOptions {
  seed: number;
  /** Steps in all, spread over the files. */
  steps: number;
  /** Example files, relative to the project root. */
  files: readonly string[];
  /** Name of this run in messages (e.g. "slice 2/4"). */
  label: string;
  /** Per-request bound; a hung server fails the run. */
  waitMs?: number;
  /** Called every so often with the steps done. */
  progress?: (done: number) => void;
  /** The command that replays a failure, after the FUZZ_* variables (default: npm run fuzz). */
  replay?: string;
}

export interface FuzzResult {
  steps: number;
  elapsedMs: number;
  /** How many steps applied a completion item or a quick fix the server offered. */
  offeredEditsApplied: number;
}

/** The seed from FUZZ_SEED, else a fresh one (printed by the caller, so any run can be replayed). */
export function fuzzSeed(): number {
  const fromEnv = process.env.FUZZ_SEED;
  if (fromEnv !== undefined && fromEnv !== '') {
    const seed = Number(fromEnv);
    if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`FUZZ_SEED must be a non-negative integer, not ${fromEnv}`);
    return seed;
  }
  return Math.floor(Math.random() * 2 ** 31);
}

/** FUZZ_STEPS when set, else `fallback`. */
export function fuzzSteps(fallback: number): number {
  const fromEnv = process.env.FUZZ_STEPS;
  if (fromEnv === undefined || fromEnv === '') return fallback;
  const steps = Number(fromEnv);
  if (!Number.isSafeInteger(steps) || steps < 1) throw new Error(`FUZZ_STEPS must be a positive integer, not ${fromEnv}`);
  return steps;
}

/** Every example file (valid and broken), relative to the project root, in a stable order. */
export function exampleFiles(): string[] {
  const root = projectRoot();
  const files: string[] = [];
  for (const dir of ['examples/valid', 'examples/broken']) {
    for (const name of fs.readdirSync(path.join(root, dir)).sort()) if (/\.(json|ya?ml)$/.test(name)) files.push(`${dir}/${name}`);
  }
  return files;
}

/** The files of slice `index` of `count` (FUZZ_FILE, when set, selects one file by name instead). */
export function sliceFiles(index: number, count: number): string[] {
  const all = exampleFiles();
  const only = process.env.FUZZ_FILE;
  if (only) {
    const chosen = all.filter((file) => file === only || path.basename(file) === only);
    if (!chosen.length) throw new Error(`FUZZ_FILE ${only} is not an example file`);
    return chosen;
  }
  return all.filter((_, i) => i % count === index);
}

// ---------------------------------------------------------------------------------------------
// What to type

const STRUCTURE = [
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '-',
  '- ',
  ': ',
  '\n',
  '\r\n',
  '\r',
  '  ',
  '    ',
  '\t',
  ' ',
  '#',
  '# ',
  '//',
  '/*',
  '*/',
  '\\',
  '\\u',
  '\\"',
  '\\u12',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '<<: ',
  '<<: *a',
  '!!str ',
  '!!int ',
  '!Ref ',
  '---\n',
  '...\n',
  '? ',
  '|\n',
  '>-\n',
  '%YAML 1.2\n',
  '@',
  '`',
  '""',
  "''",
  '{}',
  '[]',
  '": "',
  '", "',
  ',\n  "',
  '\n  - ',
  '\n- ',
  '\n  ',
  ': |\n    ',
];
const ODD = ['\uFEFF', '\u0000', '\u0007', '\u007f', '\u0085', '\uD800', '\uDC00', '\uD83D\uDE00', '\uFFFD', '\uFFFF', '\u2028', 'é', '\u00a0'];
const SCALARS = [
  'null',
  'true',
  'false',
  'True',
  'yes',
  '~',
  '0',
  '-1',
  '1.5',
  '1e400',
  '9007199254740993',
  '-0',
  '0x1F',
  '.inf',
  '.nan',
  '012',
  'subnet-0123456789abcdef0',
  'subnet-01234567',
  'sg-0f1e2d3c4b5a69788',
  'sg-1',
  'default',
  'eni-0123456789abcdef0',
  'eni-attach-0123456789abcdef0',
  'i-0123456789abcdef0',
  'eipalloc-0123456789abcdef0',
  'vpc-0123456789abcdef0',
  '10.0.0.1',
  '10.0.0.300',
  '10.0.2.16/28',
  '10.0.2.17/28',
  '2001:db8::10',
  '2001:db8:1:2:3::/80',
  'tag:Name',
  'tag:',
  'aws:reserved',
  '*',
  'ec2: create-network-interface',
  'ec2: nope',
];

/** Member names, enum values and filter names and values of every operation. */
function schemaWords(): string[] {
  const words = new Set<string>();
  const visit = (schema: MemberSchema | undefined, depth: number): void => {
    if (!schema || depth > 8) return;
    for (const [name, member] of Object.entries(schema.properties ?? {})) {
      words.add(name);
      visit(member, depth + 1);
    }
    for (const value of schema.enum ?? []) words.add(value);
    for (const filter of schema['x-filters'] ?? []) {
      words.add(filter.name);
      for (const value of filter.values ?? []) words.add(value);
    }
    visit(schema.items, depth + 1);
  };
  for (const operation of new OperationRegistry().all()) visit(operation, 0);
  return [...words].sort();
}

class Typist {
  private readonly words = schemaWords();

  constructor(readonly random: () => number) {}

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  /** Something to type: a structural token, a word of the schemas (maybe as a key), a scalar, an odd character. */
  token(syntax: 'json' | 'yaml'): string {
    const r = this.random();
    if (r < 0.35) return this.pick(STRUCTURE);
    if (r < 0.45) return this.pick(ODD);
    if (r < 0.6) return this.pick(SCALARS);
    const word = this.chance(0.2) ? this.pick(SCALARS) : this.pick(this.words);
    const shape = this.random();
    if (shape < 0.3) return word;
    if (shape < 0.55) return JSON.stringify(word);
    if (syntax === 'json' || shape < 0.65) return shape < 0.8 ? `"${word}": ` : `, "${word}": ${this.scalar(word)}`;
    return shape < 0.85 ? `${word}: ` : `\n${' '.repeat(2 * this.int(3))}${this.chance(0.3) ? '- ' : ''}${word}: ${this.scalar(word)}`;
  }

  private scalar(word: string): string {
    const r = this.random();
    if (r < 0.3) return JSON.stringify(this.pick(this.words));
    if (r < 0.6) return this.pick(SCALARS);
    if (r < 0.75) return '{}';
    if (r < 0.9) return '[]';
    return JSON.stringify(word);
  }

  /**
   * An edit of whole lines, as people restructure a file: indent or outdent a line, duplicate it,
   * delete it, or paste a few lines from another example of the same syntax.
   */
  lineEdit(document: TextDocument, pasteboard: readonly string[]): [string, ContentChange] {
    const line = this.int(document.lineCount);
    const start = { line, character: 0 };
    const lineText = document.getText({ start, end: { line: line + 1, character: 0 } });
    const r = this.random();
    if (r < 0.3) return ['indent', { range: { start, end: start }, text: this.pick(['  ', '    ', ' ', '- ', '\t']) }];
    if (r < 0.5) {
      const width = /^[ \t]*/.exec(lineText)![0].length;
      return ['outdent', { range: { start, end: { line, character: Math.min(width, 1 + this.int(4)) } }, text: '' }];
    }
    if (r < 0.65) return ['duplicate line', { range: { start, end: start }, text: lineText.endsWith('\n') ? lineText : `${lineText}\n` }];
    if (r < 0.75) return ['delete line', { range: { start, end: { line: line + 1, character: 0 } }, text: '' }];
    const from = this.int(pasteboard.length);
    const pasted = pasteboard.slice(from, from + 1 + this.int(4)).join('');
    return ['paste lines', { range: { start, end: start }, text: pasted }];
  }

  /** An offset to edit at: anywhere, or next to a structural character (where edits matter most). */
  offset(text: string): number {
    if (text.length > 0 && this.chance(0.4)) {
      for (let tries = 0; tries < 8; tries++) {
        const at = this.int(text.length);
        if ('{}[],:"\'-\n#'.includes(text[at])) return this.chance(0.5) ? at : at + 1;
      }
    }
    return this.int(text.length + 1);
  }

  /** How much to delete from `offset`: mostly a character or a few, sometimes a line or more. */
  deletion(text: string, offset: number): number {
    const r = this.random();
    const rest = text.length - offset;
    if (r < 0.6) return Math.min(rest, 1 + this.int(3));
    if (r < 0.85) {
      const lineEnd = text.indexOf('\n', offset);
      return (lineEnd < 0 ? text.length : lineEnd + 1) - offset;
    }
    return Math.min(rest, this.int(60));
  }
}

// ---------------------------------------------------------------------------------------------
// Applying offered edits

/** A snippet as the client would insert it: first choice or default for each placeholder, escapes undone. */
function snippetText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|((?:\\.|[^,|\\])*)[,|][^}]*\}/g, '$1')
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\([$}\\,|])/g, '$1');
}

function completionEdits(item: CompletionItem): TextEdit[] | undefined {
  const edit = item.textEdit as TextEdit | undefined;
  if (!edit || !('range' in edit)) return undefined;
  const newText = item.insertTextFormat === 2 ? snippetText(edit.newText) : edit.newText;
  return [{ range: edit.range, newText }, ...(item.additionalTextEdits ?? [])];
}

/** Simultaneous edits (LSP semantics) as one incremental change over the span they touch. */
function asOneChange(document: TextDocument, edits: readonly TextEdit[]): ContentChange {
  const text = document.getText();
  const after = TextDocument.applyEdits(document, [...edits]);
  const start = Math.min(...edits.map((e) => document.offsetAt(e.range.start)));
  const end = Math.max(...edits.map((e) => document.offsetAt(e.range.end)));
  const replacement = after.slice(start, after.length - (text.length - end));
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: replacement };
}

// ---------------------------------------------------------------------------------------------
// The run

export class FuzzFailure extends Error {}

interface StepRecord {
  file: string;
  step: number;
  kind: string;
  before: string;
  change: ContentChange;
}

let pasteboardCache: Record<'json' | 'yaml', string[]> | undefined;

function pasteboards(root: string): Record<'json' | 'yaml', string[]> {
  if (pasteboardCache) return pasteboardCache;
  const boards: Record<'json' | 'yaml', string[]> = { json: [], yaml: [] };
  for (const file of exampleFiles()) {
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split(/(?<=\n)/);
    boards[/\.json$/.test(file) ? 'json' : 'yaml'].push(...lines.map((l) => (l.endsWith('\n') ? l : `${l}\n`)));
  }
  return (pasteboardCache = boards);
}

/** FNV-1a of the file name, mixed with the seed: each file's own stream. */
function fileSeed(seed: number, file: string): number {
  let hash = 0x811c9dc5;
  for (const ch of path.basename(file)) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return (hash ^ seed) >>> 0;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const { seed, steps, files, label } = options;
  const waitMs = options.waitMs ?? 5_000;
  const root = projectRoot();
  const directory = path.join(os.tmpdir(), 'eni-requests-fuzz');
  // Settings pushed: `settle` gets each version's diagnostics without waiting out the typing delay.
  const server = await LspServer.start({ pushSettings: true, waitMs });
  const started = performance.now();
  let done = 0;
  let offeredEditsApplied = 0;
  try {
    for (const [index, file] of files.entries()) {
      const fileSteps = Math.floor(steps / files.length) + (index < steps % files.length ? 1 : 0);
      if (fileSteps === 0) continue;
      const original = fs.readFileSync(path.join(root, file), 'utf8');
      const syntax = /\.json$/.test(file) ? 'json' : 'yaml';
      const uri = pathToFileURL(path.join(directory, path.basename(file))).href;
      const typist = new Typist(prng(fileSeed(seed, file)));
      // Lines of every example of the same syntax, to paste from.
      const pasteboard = pasteboards(root)[syntax];
      let version = 1;
      let document = TextDocument.create(uri, syntax, version, original);
      let diagnostics: Diagnostic[] = [];
      let completion: CompletionList | null = null;
      let actions: CodeAction[] | null = null;
      let record: StepRecord | undefined;

      const fail = (step: number, problems: string[]): never => {
        const replay = `FUZZ_SEED=${seed} FUZZ_FILE=${path.basename(file)} FUZZ_STEPS=${step + 1}`;
        const artifact = path.join(os.tmpdir(), `eni-requests-fuzz-${seed}-${path.basename(file)}-${step}.json`);
        try {
          fs.writeFileSync(artifact, JSON.stringify({ seed, ...record, after: document.getText(), problems }, null, 2));
        } catch {
          // The message below is what matters.
        }
        throw new FuzzFailure(
          `fuzz failure (${label}) at step ${step} of ${file}, seed ${seed}` +
            `${record ? ` (${record.kind}: ${JSON.stringify(record.change).slice(0, 300)})` : ''}:\n  ${problems.join('\n  ')}\n` +
            `replay: ${replay} ${options.replay ?? 'npm run fuzz'}\n` +
            `text before and after the step: ${artifact}\nserver stderr:\n${server.stderrTail()}`,
        );
      };

      diagnostics = (await server.open(uri, original, { languageId: syntax, version })).diagnostics;
      /** The original's diagnostics: a reset to it must get the same again, whatever came before. */
      const originalDiagnostics = JSON.stringify(diagnostics);
      /** Recent versions, to check publications of versions already superseded. */
      const versions = new Map<number, TextDocument>([[version, document]]);
      /** Whether the last step waited for its diagnostics (a quiet step leaves them to the typing delay). */
      let settled = true;
      server.takePublications();

      for (let step = 0; step < fileSteps; step++) {
        const text = document.getText();
        // Pick this step's change.
        let change: ContentChange | undefined;
        let kind = 'edit';
        const r = typist.chance(1 / 80) ? -1 : typist.random();
        if (r < 0) {
          kind = 'reset';
          change = { range: { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, text: original };
        } else if (r < 0.06 && actions?.length) {
          const action = typist.pick(actions);
          const edits = editsOf(action, uri);
          if (edits?.length) [kind, change] = [`quick fix "${action.title}"`, asOneChange(document, edits)];
        } else if (r < 0.12 && completion?.items.length) {
          const item = typist.pick(completion.items);
          const edits = completionEdits(item);
          if (edits) [kind, change] = [`completion "${item.label}"`, asOneChange(document, edits)];
        }
        if (!change && typist.chance(0.15)) [kind, change] = typist.lineEdit(document, pasteboard);
        if (!change) {
          const offset = typist.offset(text);
          const op = typist.random();
          const deleted = op < 0.45 ? 0 : typist.deletion(text, offset);
          const inserted = op < 0.75 ? typist.token(syntax) : '';
          kind = deleted === 0 ? 'insert' : inserted === '' ? 'delete' : 'replace';
          change = { range: { start: document.positionAt(offset), end: document.positionAt(offset + deleted) }, text: inserted };
        }
        if (kind.startsWith('quick fix') || kind.startsWith('completion')) offeredEditsApplied++;
        record = { file, step, kind, before: text, change };

        // Send it, and everything a client asks while typing, in one burst.
        version++;
        const next = TextDocument.create(uri, syntax, version, text);
        TextDocument.update(next, [change], version);
        const cursorOffset = next.offsetAt(change.range.start) + change.text.length;
        const cursor = next.positionAt(cursorOffset);
        const hoverAt = next.positionAt(typist.int(next.getText().length + 1));
        const actionRange: Range = typist.chance(0.3)
          ? { start: { line: 0, character: 0 }, end: next.positionAt(next.getText().length) }
          : { start: next.positionAt(Math.max(0, cursorOffset - 20)), end: cursor };
        const staleDiagnostics = diagnostics;
        const wasSettled = settled;
        await server.change(uri, version, [change]);
        document = next;
        versions.set(version, next);
        versions.delete(version - 20);
        // Most steps get their diagnostics at once (settle). Some are typed quickly, without
        // waiting (quiet); now and then the typing delay is waited out instead (natural), which
        // reuses the analysis completion cached for the version: its diagnostics must be the
        // same as a fresh validation's.
        const mode = typist.chance(0.1) ? 'quiet' : typist.chance(1 / 40) ? 'natural' : 'settle';
        settled = mode !== 'quiet';
        const waitForDiagnostics =
          mode === 'settle'
            ? server.settle(uri, version)
            : mode === 'natural'
              ? server.diagnostics(uri, (p) => p.version === version)
              : Promise.resolve(undefined);
        let answers: [
          Awaited<ReturnType<LspServer['settle']>> | undefined,
          CompletionList | null,
          Awaited<ReturnType<LspServer['hover']>>,
          CodeAction[] | null,
        ];
        try {
          answers = await Promise.all([
            waitForDiagnostics,
            server.completion(uri, cursor),
            server.hover(uri, hoverAt),
            server.codeActions(uri, { range: actionRange, diagnostics: staleDiagnostics, only: ['quickfix'] }),
          ]);
        } catch (error) {
          return fail(step, [`a request failed: ${error instanceof Error ? error.message : String(error)}`]);
        }
        const [published, completionAnswer, hover, actionAnswer] = answers;
        completion = completionAnswer;
        actions = actionAnswer;
        const problems = [...completionProblems(document, cursor, completion), ...hoverProblems(document, hover), ...codeActionProblems(document, actions)];
        if (published) {
          diagnostics = published.diagnostics;
          if (mode === 'natural') {
            const fresh = await server.within(server.settle(uri, version), 'diagnostics validated afresh').catch((error: Error) => error);
            if (fresh instanceof Error) problems.push(`a request failed: ${fresh.message}`);
            else if (JSON.stringify(fresh.diagnostics) !== JSON.stringify(diagnostics)) {
              problems.push(
                `diagnostics after the typing delay differ from a fresh validation:\n${JSON.stringify(diagnostics)}\n${JSON.stringify(fresh.diagnostics)}`,
              );
            }
          }
          if (kind === 'reset' && JSON.stringify(diagnostics) !== originalDiagnostics) {
            problems.push(`the original text got other diagnostics than when it was opened:\n${originalDiagnostics}\n${JSON.stringify(diagnostics)}`);
          }
          // A quick fix never adds syntax errors (the server checks that before offering it). A fix that
          // names the operation (an unknown modeline corrected) makes the file a checked request: its
          // syntax errors, there all along, are reported from then on.
          const namesOperation = staleDiagnostics.some((d) => d.code === 'no-operation');
          if (kind.startsWith('quick fix') && wasSettled && !namesOperation) {
            const errors = (list: Diagnostic[]) => list.filter((d) => d.code === 'syntax-error' && d.severity === 1).length;
            if (staleDiagnostics.length <= 1000 && diagnostics.length <= 1000 && errors(diagnostics) > errors(staleDiagnostics)) {
              problems.push(`${kind} added syntax errors: ${errors(staleDiagnostics)} before, ${errors(diagnostics)} after`);
            }
          }
        }
        // Every publication, of this version or of one superseded meanwhile, lies inside its version.
        for (const publication of server.takePublications()) {
          if (publication.uri !== uri) continue;
          const at = publication.version === undefined ? undefined : versions.get(publication.version);
          if (!at) problems.push(`diagnostics published for version ${publication.version}, not one of the last 20 sent`);
          else problems.push(...diagnosticProblems(at, publication.diagnostics));
        }
        problems.push(...server.takeFailures());
        if (!server.alive) problems.push('the server is not running');
        if (problems.length) fail(step, problems);
        done++;
        if (options.progress && done % 1000 === 0) options.progress(done);
      }
      const closed = server.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
      await server.close(uri);
      await closed;
      server.takePublications();
    }
  } finally {
    // Stdout noise is already a failure of its step (takeFailures), with the replay: stop must not replace it.
    await server.stop().catch(() => {});
  }
  return { steps: done, elapsedMs: performance.now() - started, offeredEditsApplied };
}
