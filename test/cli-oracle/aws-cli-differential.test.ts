/**
 * THE AWS CLI IS THE JUDGE. A differential test of the engine against the real AWS CLI v1 and v2
 * (and botocore's own parameter validator), over ~2,000 request files generated from
 * examples/valid and examples/broken (corpus.ts: syntax and type edge cases of JSON and YAML,
 * RunInstances rewriting, random mutations; seeded, so every run sees the same files).
 *
 * The oracle
 *   Each file goes through the real CLI exactly as a user runs it:
 *     aws ec2 <command> --cli-input-json|--cli-input-yaml file://F --dry-run
 *         --endpoint-url http://127.0.0.1:PORT/cli-v1|cli-v2/<n>/ --region us-east-1
 *   (v1: pyenv's python3, JSON only; v2: Debian's awscli under /usr/bin/python3, JSON and YAML;
 *   one Python process per CLI reusing one CLI driver, aws_cli_driver.py). The endpoint is the EC2
 *   test double (test/ec2-double/, 127.0.0.1 only), which records every form body and answers
 *   DryRunOperation. "Sent" means a body arrived under the file's path; "refused" means none did
 *   (the CLI stopped at reading the file, at its own customizations or at botocore's validation).
 *   Credentials are dummies and no user config is read (oracle.ts).
 *
 * Our side, in this process: `RequestLanguageService.validate` for the diagnostics, and the
 * `RequestRunner` (dist/execution.js: the real @aws-sdk/client-ec2) sending the file to the same
 * double under /ours/<n>/: a dry run, or for the operations without DryRun
 * (Assign/Unassign addresses) a confirmed run, which here only ever reaches 127.0.0.1.
 *
 * The rules, per file and CLI
 *   (a) the CLI refuses it             ⇒ we report at least one Error;
 *   (b) the CLI sends it               ⇒ none of our Errors is a "the CLI cannot read/accept this"
 *                                         code: syntax-error, cli-json-syntax, cli-yaml-syntax,
 *                                         cli-yaml-type, unknown-parameter, missing-required,
 *                                         wrong-type, duplicate-key (errors from cross-field rules
 *                                         are fine: EC2 checks more than the CLI);
 *   (c) the CLI sends it, we report no error at all
 *                                      ⇒ our runner sent the same parameters (form bodies decoded
 *                                         to key → value, generated ClientTokens ignored).
 *   Model skew: CLI v2 2.9.19's EC2 model is older; a v2 refusal made only of "Unknown parameter"
 *   for members botocore 1.43 (v1) knows is counted apart, neither agreement nor disagreement.
 *   The corpus only ever puts true/false in a top-level DryRun: --dry-run on the command line wins
 *   over the file's member, so what the CLI does with another value there is not observable.
 * And botocore's validator (botocore_validate.py, v1's botocore, the newer model) on the
 * parameters the CLI's own loader read: botocore refuses ⇒ we report an Error; botocore accepts ⇒
 * we report no unknown-parameter, missing-required or wrong-type Error. Twice: as the CLI hands
 * the parameters over (RunInstances: MinCount and MaxCount default to 1) against our consumer
 * `aws-cli`, and as written against our consumer `sdk` (ServiceSettings.defaultConsumer).
 *
 * Output: the counts (files, per CLI sent/refused, agreements, each disagreement class with example
 * files, model skew), out/cli-oracle/report.json (every disagreement with its file's text),
 * out/cli-oracle/verdicts.jsonl (every file: each oracle's verdict and body, our codes and body),
 * and a failure listing the first 30 disagreements. CLI_ORACLE_KEEP=1 keeps the corpus directory.
 *
 * Run: `npm run test:cli-oracle` (build, bundle the tests, scripts/test-setup.sh, this suite alone),
 * or as part of `npm run test:protocol` / `npm test`. Needs dist/execution.js (npm run build), the
 * Debian awscli package (CLI v2) and awscli v1 for `python3`, which scripts/test-setup.sh installs
 * when missing. About 45-65 s on 2 cores (~90 s of CPU: CLI v1 ~25 s, CLI v2 ~45 s in two
 * processes, our side ~15 s). Environment: CLI_ORACLE_V1_PYTHON / CLI_ORACLE_V2_PYTHON (the
 * interpreters), CLI_ORACLE_KEEP=1, CLI_ORACLE_TIMEOUT_SECONDS (per Python process, default 400).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { loadExecution } from '../../server/src/execution/load';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { RequestRunner } from '../../server/src/service/running/runner';
import type { RecordedRequest } from '../ec2-double/ec2-double';
import { isolateAws, type TestAws } from '../support/aws';
import { projectRoot } from '../support/project-root';
import { DEFAULT_SEED, generateCorpus, writeCorpus, type Variant } from './corpus';
import { DRIVER, findInterpreter, oracleEnvironment, runLines, VALIDATOR, type BotocoreResult, type CliJob, type CliRun, type Interpreter } from './oracle';

/** Codes that say "the CLI cannot read this file, or botocore refuses its parameters". */
const READING_CODES = new Set([
  'syntax-error',
  'cli-json-syntax',
  'cli-yaml-syntax',
  'cli-yaml-type',
  'unknown-parameter',
  'missing-required',
  'wrong-type',
  'duplicate-key',
]);
/** What botocore's validator checks, in our terms. */
const SCHEMA_CODES = new Set(['unknown-parameter', 'missing-required', 'wrong-type']);
const MIN_CORPUS = 2000;
const SHOWN_IN_FAILURE = 30;
const EXAMPLES_PER_CLASS = 4;

type CliName = 'v1' | 'v2';

interface Ours {
  /** Codes of our Error diagnostics (consumer aws-cli), in order. */
  readonly errors: string[];
  /** The same with the consumer `sdk` (parameters as written, no CLI repairs). */
  readonly sdkErrors: string[];
  readonly firstError?: string;
  /** Our other diagnostics (`code:severity`), when there is no error: what we said instead. */
  readonly others: string[];
  /** The body our runner put on the wire, when it sent one. */
  readonly body?: string;
  /** The runner's outcome when it ran (kind: title). */
  readonly outcome?: string;
}

interface Disagreement {
  readonly oracle: CliName | 'botocore';
  readonly variant: Variant;
  /** The class: what the oracle did → what we did. */
  readonly kind: string;
  /** The oracle's verdict and reason. */
  readonly verdict: string;
  readonly ours: string;
  readonly detail?: string;
}

interface Tally {
  files: number;
  sent: number;
  refused: number;
  skew: number;
  agree: number;
  /** Sent, and we report errors from cross-field rules only (fine: counted as agreement too). */
  sentWithRuleErrors: number;
  /** (c) bodies compared. */
  compared: number;
  anomalies: string[];
}

const root = projectRoot();
let aws: TestAws;
let corpusDir: string;
let variants: Variant[] = [];
let files = new Map<number, string>();
const ours = new Map<number, Ours>();
const cli: Record<CliName, Map<number, CliRun>> = { v1: new Map(), v2: new Map() };
const interpreters: Partial<Record<CliName, Interpreter>> = {};
/** botocore's verdicts, by `botocoreId(variant, loader)`. */
let botocore = new Map<number, BotocoreResult>();
const bodies = new Map<string, RecordedRequest[]>();
const timings: Record<string, number> = {};
const botocoreId = (variant: Variant, loader: CliName) => variant.id * 2 + (loader === 'v1' ? 0 : 1);

before(
  async () => {
    const started = Date.now();
    interpreters.v1 = findInterpreter('AWS CLI v1', process.env.CLI_ORACLE_V1_PYTHON ?? 'python3');
    interpreters.v2 = findInterpreter('AWS CLI v2', process.env.CLI_ORACLE_V2_PYTHON ?? '/usr/bin/python3');
    const dist = path.join(root, 'dist');
    assert.ok(existsSync(path.join(dist, 'execution.js')), 'dist/execution.js is missing: run npm run build first');
    loadExecution(dist);

    variants = generateCorpus(path.join(root, 'examples'), DEFAULT_SEED);
    corpusDir = mkdtempSync(path.join(tmpdir(), 'cli-oracle-corpus-'));
    files = writeCorpus(variants, corpusDir);
    aws = await isolateAws();
    const env = oracleEnvironment(path.join(corpusDir, '.home'));
    const script = (name: string) => path.join(root, 'test', 'cli-oracle', name);
    const jobs = (name: CliName, formats: readonly string[]): CliJob[] =>
      variants
        .filter((v) => formats.includes(v.format))
        // Grouped by command: the driver takes a new CLI driver object for each command (see aws_cli_driver.py).
        .sort((a, b) => (a.command < b.command ? -1 : a.command > b.command ? 1 : a.id - b.id))
        .map((v) => ({
          id: v.id,
          file: files.get(v.id)!,
          command: v.command,
          operation: v.operation,
          format: v.format,
          endpoint: `${aws.double.url}/cli-${name}/${v.id}/`,
        }));
    const timed = async <T>(label: string, work: Promise<T>): Promise<T> => {
      const start = Date.now();
      const result = await work;
      timings[label] = Date.now() - start;
      return result;
    };

    // The CLIs and our side run at the same time; the double serves them all. CLI v2 has twice the
    // files (JSON and YAML), so it gets two processes, each half of the files (still grouped by command).
    const v2Jobs = jobs('v2', ['json', 'yaml']);
    const half = Math.ceil(v2Jobs.length / 2);
    const [v1, v2a, v2b] = await Promise.all([
      timed('cli v1', runLines<CliRun>(interpreters.v1, script(DRIVER), jobs('v1', ['json']), env)),
      timed('cli v2', runLines<CliRun>(interpreters.v2, script(DRIVER), v2Jobs.slice(0, half), env)),
      timed('cli v2 (2)', runLines<CliRun>(interpreters.v2, script(DRIVER), v2Jobs.slice(half), env)),
      timed('ours', runOurs()),
    ]);
    cli.v1 = v1;
    cli.v2 = new Map([...v2a, ...v2b]);
    timings['cli v2'] = Math.max(timings['cli v2'], timings['cli v2 (2)']);

    // botocore's validator on what each CLI's loader read (v1: the JSON files; v2: all, for the model skew too).
    const validations: object[] = [];
    for (const variant of variants) {
      for (const loader of ['v1', 'v2'] as const) {
        const loaded = cli[loader].get(variant.id)?.loaded;
        if (loaded != null) validations.push({ id: botocoreId(variant, loader), operation: variant.operation, params: loaded });
      }
    }
    botocore = await timed('botocore', runLines<BotocoreResult>({ ...interpreters.v1, label: 'botocore' }, script(VALIDATOR), validations, env));

    for (const request of aws.double.requests) {
      const list = bodies.get(request.path) ?? [];
      list.push(request);
      bodies.set(request.path, list);
    }
    timings.total = Date.now() - started;
  },
  { timeout: 900_000 },
);

after(async () => {
  await aws?.restore();
  if (corpusDir && !process.env.CLI_ORACLE_KEEP) rmSync(corpusDir, { recursive: true, force: true });
  else if (corpusDir) console.log(`cli-oracle: corpus kept in ${corpusDir}`);
});

/** Diagnostics and what the runner sends, file by file, yielding to the event loop so the double keeps answering the CLIs. */
async function runOurs(): Promise<void> {
  const service = new RequestLanguageService({ settings: { defaultConsumer: 'aws-cli' } });
  const sdk = new RequestLanguageService({ settings: { defaultConsumer: 'sdk' } });
  const runner = new RequestRunner(service);
  const errorsOf = (s: RequestLanguageService, document: TextDocument) => s.validate(document).filter((d) => d.severity === DiagnosticSeverity.Error);
  for (const variant of variants) {
    await new Promise((resolve) => setImmediate(resolve));
    const file = files.get(variant.id)!;
    const document = TextDocument.create(pathToFileURL(file).href, variant.format, 1, variant.text);
    const all = service.validate(document);
    // An empty request file is a note in the editor (the user is about to type) and an error in
    // `eni-requests check` (server/src/cli/check.ts checkFinding), where the AWS CLI's verdict applies.
    const errors = all.filter((d) => d.severity === DiagnosticSeverity.Error || d.code === 'empty-request');
    const others = [...new Set(all.filter((d) => d.severity !== DiagnosticSeverity.Error).map((d) => `${d.code}:${SEVERITY[d.severity ?? 1]}`))];
    const sdkErrors = errorsOf(sdk, document).map((d) => String(d.code));
    sdk.forget(document.uri);
    if (errors.length) {
      const first = errors[0];
      ours.set(variant.id, {
        errors: errors.map((d) => String(d.code)),
        sdkErrors,
        others,
        firstError: `${first.code}@${first.range.start.line + 1}: ${String(first.message).slice(0, 160)}`,
      });
      service.forget(document.uri);
      continue;
    }
    const settings = { endpoint: `${aws.double.url}/ours/${variant.id}/`, region: 'us-east-1', timeoutSeconds: 20 };
    const hasDryRun = service.analyze(document).operation?.['x-operation'].hasDryRun ?? true;
    // Operations without DryRun: a confirmed run. The endpoint is the double (the setting, and AWS_ENDPOINT_URL_EC2 behind it).
    const result = hasDryRun ? await runner.dryRun(document, settings) : await runner.run(document, settings, { confirmed: true });
    const sent = aws.double.requests.filter((r) => r.path === `/ours/${variant.id}/`);
    ours.set(variant.id, { errors: [], sdkErrors, others, body: sent.at(-1)?.body, outcome: `${result.kind}: ${result.title}` });
    runner.forget(document.uri);
    service.forget(document.uri);
  }
}

// ---------------------------------------------------------------------------------------------
// Judging

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The form body as key → value. Timestamps are compared as instants: botocore writes a fraction of
 * a second with six digits (`.500000Z`), the SDK with three (`.500Z`); both mean the same time.
 */
function decode(body: string): Map<string, string> {
  return new Map([...new URLSearchParams(body)].map(([key, value]) => [key, ISO_FRACTION.test(value) ? value.replace(ISO_FRACTION, fractionOf) : value]));
}
const ISO_FRACTION = /(T\d{2}:\d{2}:\d{2})\.(\d+)Z$/;
const fractionOf = (_: string, time: string, digits: string) => (/^0*$/.test(digits) ? `${time}Z` : `${time}.${digits.replace(/0+$/, '')}Z`);

/** Differences between two decoded bodies ([] when the same), generated ClientTokens aside. */
function differences(theirs: Map<string, string>, mine: Map<string, string>): string[] {
  const out: string[] = [];
  for (const key of new Set([...theirs.keys(), ...mine.keys()])) {
    const a = theirs.get(key);
    const b = mine.get(key);
    if (a === b) continue;
    if (key === 'ClientToken' && (a === undefined || UUID.test(a)) && (b === undefined || UUID.test(b))) continue;
    out.push(a === undefined ? `+${key}=${b}` : b === undefined ? `-${key}=${a}` : `${key}: cli ${a} ≠ ours ${b}`);
  }
  return out.sort();
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
const oursText = (o: Pick<Ours, 'errors' | 'others'> | undefined) =>
  !o ? 'not run' : o.errors.length ? `errors [${[...new Set(o.errors)].join(', ')}]` : `no error${o.others.length ? ` [${o.others.join(', ')}]` : ''}`;

function verdictText(run: CliRun, sent: boolean): string {
  return sent ? 'sent' : `refused (${run.kind}: ${run.reason.replace(/\s+/g, ' ').slice(0, 140)})`;
}

/** The first botocore error kind in a refusal ("validation/unknown"), else the CLI's kind. */
function refusalClass(run: CliRun): string {
  if (run.kind !== 'validation') return run.kind;
  const first = /^(Unknown parameter|Missing required parameter|Invalid type|Invalid range|Invalid length|Invalid value)/.exec(run.reason);
  return `validation/${first ? first[1].toLowerCase().replace('invalid ', '').replace(' parameter', '').replace('required', 'missing') : 'other'}`;
}

interface Judgement {
  readonly tallies: Record<CliName, Tally>;
  readonly disagreements: Disagreement[];
  readonly skewed: { variant: Variant; unknown: string[] }[];
}

function judgeClis(): Judgement {
  const tallies = {} as Record<CliName, Tally>;
  const disagreements: Disagreement[] = [];
  const skewed: { variant: Variant; unknown: string[] }[] = [];
  for (const name of ['v1', 'v2'] as const) {
    const tally: Tally = { files: 0, sent: 0, refused: 0, skew: 0, agree: 0, sentWithRuleErrors: 0, compared: 0, anomalies: [] };
    tallies[name] = tally;
    for (const variant of variants) {
      const run = cli[name].get(variant.id);
      if (!run) continue;
      tally.files++;
      const recorded = bodies.get(`/cli-${name}/${variant.id}/`) ?? [];
      const sent = recorded.length > 0;
      if (sent !== (run.kind === 'sent?'))
        tally.anomalies.push(`${variant.name}: body ${sent ? 'recorded' : 'absent'}, CLI said ${run.kind} (rc ${run.rc}) ${run.reason.slice(0, 100)}`);
      const mine = ours.get(variant.id)!;
      const disagree = (kind: string, detail?: string) =>
        disagreements.push({ oracle: name, variant, kind, verdict: verdictText(run, sent), ours: oursText(mine), detail });
      if (!sent) {
        // Model skew: v2 refused only for members its (older) model lacks and v1's botocore accepts the same parameters.
        const v1View = botocore.get(botocoreId(variant, 'v2'))?.cli;
        if (name === 'v2' && run.kind === 'validation' && run.problems.length && run.problems.every((p) => p.startsWith('Unknown parameter')) && v1View?.ok) {
          tally.skew++;
          skewed.push({ variant, unknown: run.unknown.map(([at, member]) => `${at}.${member}`) });
          continue;
        }
        tally.refused++;
        if (mine.errors.length) tally.agree++;
        else disagree(`CLI refuses (${refusalClass(run)}) → we report no error`);
        continue;
      }
      tally.sent++;
      const reading = [...new Set(mine.errors.filter((code) => READING_CODES.has(code)))];
      if (reading.length) {
        for (const code of reading) disagree(`CLI sends → we report ${code}`, mine.firstError);
        continue;
      }
      if (mine.errors.length) {
        tally.sentWithRuleErrors++;
        tally.agree++;
        continue;
      }
      if (mine.body === undefined) {
        disagree('CLI sends → we report no error but our runner sent nothing', mine.outcome);
        continue;
      }
      tally.compared++;
      const diff = differences(decode(recorded[recorded.length - 1].body), decode(mine.body));
      if (diff.length) disagree('CLI sends → we send different parameters', diff.slice(0, 4).join('; '));
      else tally.agree++;
    }
  }
  return { tallies, disagreements, skewed };
}

interface BotocoreTally {
  validated: number;
  refused: number;
  accepted: number;
  agree: number;
  unparsed: number;
}

type Consumer = 'cli' | 'sdk';

/**
 * botocore on the parameters the CLI's loader read (v1's json.loads for JSON, which v2 shares;
 * v2's ruamel for YAML), against our diagnostics for the same consumer: `cli` (RunInstances counts
 * defaulted, our consumer aws-cli) or `sdk` (as written, our consumer sdk).
 */
function judgeBotocore(consumer: Consumer): { tally: BotocoreTally; disagreements: Disagreement[] } {
  const tally: BotocoreTally = { validated: 0, refused: 0, accepted: 0, agree: 0, unparsed: 0 };
  const disagreements: Disagreement[] = [];
  for (const variant of variants) {
    const verdict = botocore.get(botocoreId(variant, variant.format === 'json' ? 'v1' : 'v2'))?.[consumer];
    if (!verdict) {
      tally.unparsed++;
      continue;
    }
    tally.validated++;
    const mine = ours.get(variant.id)!;
    const errors = consumer === 'cli' ? mine.errors : mine.sdkErrors;
    const kinds = [...new Set(verdict.errors.map(([kind]) => kind))];
    const base = { oracle: 'botocore' as const, variant, ours: oursText({ errors, others: consumer === 'cli' ? mine.others : [] }) };
    if (!verdict.ok) {
      tally.refused++;
      if (errors.length) tally.agree++;
      else
        disagreements.push({
          ...base,
          kind: `${consumer}: botocore refuses (${kinds.join('+')}) → we report no error`,
          verdict: `refused: ${verdict.report.split('\n')[0].slice(0, 160)}`,
        });
      continue;
    }
    tally.accepted++;
    const schema = [...new Set(errors.filter((code) => SCHEMA_CODES.has(code)))];
    if (schema.length)
      for (const code of schema)
        disagreements.push({
          ...base,
          kind: `${consumer}: botocore accepts → we report ${code}`,
          verdict: 'accepted',
          detail: consumer === 'cli' ? mine.firstError : undefined,
        });
    else tally.agree++;
  }
  return { tally, disagreements };
}

function byKind(disagreements: readonly Disagreement[]): Map<string, Disagreement[]> {
  const classes = new Map<string, Disagreement[]>();
  for (const d of disagreements) {
    const key = `${d.oracle}: ${d.kind}`;
    classes.set(key, [...(classes.get(key) ?? []), d]);
  }
  return new Map([...classes].sort((a, b) => b[1].length - a[1].length));
}

/** Up to `count` disagreements, one of each class in turn, so that a failure shows every class. */
function spread(disagreements: readonly Disagreement[], count: number): Disagreement[] {
  const queues = [...byKind(disagreements).values()].map((list) => [...list]);
  const out: Disagreement[] = [];
  while (out.length < count && queues.some((q) => q.length)) for (const q of queues) if (q.length && out.length < count) out.push(q.shift()!);
  return out;
}

const line = (d: Disagreement) =>
  `${d.oracle} ${d.variant.name} [${d.variant.what}]: ${d.verdict} | ours: ${d.ours}${d.detail ? ` | ${d.detail.replace(/\s+/g, ' ').slice(0, 160)}` : ''}`;

function printClasses(disagreements: readonly Disagreement[]): string[] {
  const out: string[] = [];
  for (const [kind, list] of byKind(disagreements)) {
    out.push(`    ${String(list.length).padStart(5)}  ${kind}`);
    for (const d of list.slice(0, EXAMPLES_PER_CLASS))
      out.push(
        `             e.g. ${d.variant.name} [${d.variant.what}]${d.detail ? ` — ${d.detail.replace(/\s+/g, ' ').slice(0, 120)}` : d.oracle === 'botocore' ? ` — ${d.verdict.slice(0, 120)}` : ` — ${d.verdict.slice(0, 120)}`}`,
      );
  }
  return out;
}

function writeReport(disagreements: readonly Disagreement[], extra: object): string {
  const dir = path.join(root, 'out', 'cli-oracle');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'report.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        ...extra,
        disagreements: disagreements.map((d) => ({
          oracle: d.oracle,
          class: d.kind,
          file: d.variant.name,
          origin: d.variant.origin,
          what: d.variant.what,
          verdict: d.verdict,
          ours: d.ours,
          detail: d.detail,
          text: d.variant.text.slice(0, 3000),
        })),
      },
      null,
      1,
    ),
  );
  return path.relative(root, file);
}

/** out/cli-oracle/verdicts.jsonl: one line per file, every verdict, for reading the corpus with grep. */
function writeVerdicts(): void {
  const cliVerdict = (name: CliName, variant: Variant) => {
    const run = cli[name].get(variant.id);
    if (!run) return undefined;
    const recorded = bodies.get(`/cli-${name}/${variant.id}/`) ?? [];
    return recorded.length ? { sent: recorded[recorded.length - 1].body } : { refused: `${run.kind}: ${run.reason.slice(0, 200)}` };
  };
  const lines = variants.map((variant) => {
    const mine = ours.get(variant.id);
    const boto = botocore.get(botocoreId(variant, variant.format === 'json' ? 'v1' : 'v2'));
    return JSON.stringify({
      file: variant.name,
      what: variant.what,
      v1: cliVerdict('v1', variant),
      v2: cliVerdict('v2', variant),
      botocore: boto && { cli: boto.cli.ok || boto.cli.report.split('\n')[0].slice(0, 200), sdk: boto.sdk.ok || boto.sdk.report.split('\n')[0].slice(0, 200) },
      ours: mine && {
        errors: [...new Set(mine.errors)],
        others: mine.others,
        sdkErrors: [...new Set(mine.sdkErrors)],
        first: mine.firstError,
        sent: mine.body,
        outcome: mine.outcome,
      },
    });
  });
  writeFileSync(path.join(root, 'out', 'cli-oracle', 'verdicts.jsonl'), `${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------

test('the AWS CLI (v1 and v2) is the judge: refused ⇒ we report an error; sent ⇒ no reading error from us, and the same parameters on the wire', () => {
  const { tallies, disagreements, skewed } = judgeClis();
  const json = variants.filter((v) => v.format === 'json').length;
  const out = [
    `AWS CLI differential: ${variants.length} files (${json} JSON, ${variants.length - json} YAML), seed 0x${DEFAULT_SEED.toString(16)}; ` +
      `${(timings.total / 1000).toFixed(1)} s (CLI v1 ${(timings['cli v1'] / 1000).toFixed(1)} s, v2 ${(timings['cli v2'] / 1000).toFixed(1)} s, ours ${(timings.ours / 1000).toFixed(1)} s, botocore ${(timings.botocore / 1000).toFixed(1)} s)`,
  ];
  for (const name of ['v1', 'v2'] as const) {
    const t = tallies[name];
    const mine = disagreements.filter((d) => d.oracle === name);
    out.push(
      `  CLI ${name} ${interpreters[name]!.version} (${name === 'v1' ? 'JSON' : 'JSON + YAML'}): ${t.files} files, sent ${t.sent}, refused ${t.refused}, model skew ${t.skew} | ` +
        `agreements ${t.agree} (of which sent with cross-field rule errors only: ${t.sentWithRuleErrors}; bodies compared: ${t.compared}) | disagreements ${mine.length}`,
    );
    out.push(...printClasses(mine));
    if (t.anomalies.length)
      out.push(`    oracle anomalies (the CLI's words and the double disagree on "sent"): ${t.anomalies.length}, e.g. ${t.anomalies.slice(0, 3).join(' / ')}`);
  }
  if (skewed.length) {
    const members = new Map<string, number>();
    for (const s of skewed) for (const m of s.unknown) members.set(m, (members.get(m) ?? 0) + 1);
    out.push(
      `  model skew (v2 2.9.19 lacks members v1's botocore knows): ${skewed.length} files; members: ${[...members].map(([m, n]) => `${m} ×${n}`).join(', ')}`,
    );
  }
  const report = writeReport(disagreements, { tallies, skew: skewed.map((s) => ({ file: s.variant.name, unknown: s.unknown })) });
  writeVerdicts();
  out.push(`  report: ${report}`);
  console.log(out.join('\n'));

  // The test cannot pass vacuously.
  assert.ok(variants.length >= MIN_CORPUS, `corpus of ${variants.length} files, expected at least ${MIN_CORPUS}`);
  assert.equal(tallies.v1.files, json, 'CLI v1 ran every JSON file');
  assert.equal(tallies.v2.files, variants.length, 'CLI v2 ran every file');
  for (const name of ['v1', 'v2'] as const) {
    assert.ok(tallies[name].sent >= 100, `CLI ${name} sent only ${tallies[name].sent} files`);
    assert.ok(tallies[name].refused >= 100, `CLI ${name} refused only ${tallies[name].refused} files`);
  }
  assert.ok(tallies.v1.compared + tallies.v2.compared > 0 || disagreements.length > 0, 'no body was compared');

  assert.equal(
    disagreements.length,
    0,
    `${disagreements.length} disagreements with the AWS CLI (v1 ${tallies.v1.agree} agree / ${disagreements.filter((d) => d.oracle === 'v1').length} disagree, ` +
      `v2 ${tallies.v2.agree} / ${disagreements.filter((d) => d.oracle === 'v2').length}; all in ${report}). ${Math.min(SHOWN_IN_FAILURE, disagreements.length)}, each class in turn:\n` +
      spread(disagreements, SHOWN_IN_FAILURE).map(line).join('\n'),
  );
});

for (const consumer of ['cli', 'sdk'] as const) {
  const who =
    consumer === 'cli'
      ? 'the AWS CLI (RunInstances: its own count default and member move applied; our consumer aws-cli)'
      : 'an SDK (parameters as written; our consumer sdk)';
  test(`botocore's validator is the judge, for ${who}: refuses ⇒ we report an error; accepts ⇒ no unknown-parameter, missing-required or wrong-type from us`, () => {
    const { tally, disagreements } = judgeBotocore(consumer);
    console.log(
      [
        `botocore validator (CLI v1 ${interpreters.v1!.version}'s botocore) for ${who}: ${tally.validated} files validated ` +
          `(${tally.unparsed} not readable by the CLI's loader), refused ${tally.refused}, accepted ${tally.accepted} | agreements ${tally.agree} | disagreements ${disagreements.length}`,
        ...printClasses(disagreements),
      ].join('\n'),
    );
    assert.ok(tally.validated >= 1000, `botocore validated only ${tally.validated} files`);
    assert.ok(tally.refused >= 100 && tally.accepted >= 100, `botocore refused ${tally.refused} and accepted ${tally.accepted}: expected both`);
    assert.equal(
      disagreements.length,
      0,
      `${disagreements.length} disagreements with botocore's validator (${consumer}). ${Math.min(SHOWN_IN_FAILURE, disagreements.length)}, each class in turn:\n` +
        spread(disagreements, SHOWN_IN_FAILURE).map(line).join('\n'),
    );
  });
}
