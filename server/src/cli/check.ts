/** `eni-requests check`: the editor's diagnostics, from the same service, for CI and pre-commit. */
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { RequestLanguageService, type RequestAnalysis } from '../service/language-service';
import { CONSUMERS, DEFAULT_CONSUMER, type Consumer } from '../model/aws-cli';
import { trimSkeleton } from '../service/skeleton';
import { parseOptions, TOOL, UsageError, type CliIo, type Command } from './command';
import { collectFiles, describeError, languageIdOf, readRequestDocument, requestDocument, type FileToCheck } from './files';
import { cliLiveChecks, LIVE_ENVIRONMENT, LIVE_OPTIONS, liveUsage, withLiveDefault, type CliLiveChecks } from './live';
import { nearMissName } from './near-miss';
import { command, fileFinding, FORMATS, render, summary, toFinding, type CheckReport, type Finding, type Format } from './report';

const STDIN = '-';

export const check: Command = {
  summary: 'check request files, directories or globs; exit 1 on errors',
  usage: `Usage: eni-requests check [options] <file|directory|glob|->...

Checks EC2 network-interface request files (the JSON/YAML given to
aws ec2 <command> --cli-input-json|--cli-input-yaml) with the editor's rules.

Directories are searched recursively for .json, .jsonc, .yaml and .yml files
(node_modules and dot-directories are skipped); files found there or by a glob
(quote it: 'requests/**/*.yaml') that are not request files are skipped and
counted (--verbose lists them). A file named explicitly must be a request file:
<name>.<cli-command>.<ext>, a modeline such as "# ec2: create-network-interface",
or a --file-associations entry. Files that are not checked but were probably
meant to be get a warning: a name close to the convention (a plural, PascalCase,
snake_case, an upper-case extension: "did you mean web.create-network-interface.json?"),
or keys that all belong to one operation. An empty request file is an error:
the AWS CLI refuses it. A file that still looks like an AWS CLI skeleton gets a
note naming eni-requests trim-skeleton. - reads one file from standard input.

Options:
  -f, --format <text|json|sarif>  output format (default: text, path:line:col: severity [code] message)
  -q, --quiet                     report errors only
      --verbose                   list each skipped file and why it was skipped
      --allow-empty               exit 0 when no request file was found (default: exit 1)
      --skip-unknown              skip files named on the command line that are not request
                                  files, as for files found in directories (for hooks that
                                  pass every staged file); implies --allow-empty
      --stdin-filename <name>     the name of the file read from standard input (-): it decides
                                  the operation and the syntax, and is shown in findings
                                  (without it: <stdin>, JSON unless it does not start like JSON,
                                  and a modeline must name the operation)
      --file-associations <json>  map globs to operations, e.g. '{"nics/*.json":"create-network-interface"}'
      --for <aws-cli|sdk>         who reads the files (default: aws-cli). The AWS CLI sends
                                  MinCount/MaxCount 1 for RunInstances when absent and moves
                                  instance-level members into NetworkInterfaces[0]; an SDK does
                                  neither, so there they are errors
${liveUsage(34)}
  -h, --help                      show this help

Exit status:
  0  no errors (warnings allowed; the live checks' findings are warnings)
  1  errors, unreadable paths, or no request file found (unless --allow-empty);
     --live=required and a live look-up failed for another reason
  2  usage error
  3  --live=required and a live look-up was denied (as for eni-requests dry-run)
  5  --live=required and EC2 was not reached: no credentials or region, unreachable,
     timeout, throttled, credentials rejected (as for eni-requests dry-run)
With --live=required, 3 and 5 win over 1: the files were not fully checked.

${LIVE_ENVIRONMENT}
`,
  async run(args, io) {
    const { values, positionals } = parseOptions(withLiveDefault(args), {
      format: { type: 'string', short: 'f', default: 'text' },
      quiet: { type: 'boolean', short: 'q', default: false },
      verbose: { type: 'boolean', default: false },
      'allow-empty': { type: 'boolean', default: false },
      'skip-unknown': { type: 'boolean', default: false },
      'stdin-filename': { type: 'string' },
      'file-associations': { type: 'string' },
      for: { type: 'string', default: DEFAULT_CONSUMER },
      ...LIVE_OPTIONS,
    });
    const consumer = values.for as Consumer;
    if (!CONSUMERS.includes(consumer)) throw new UsageError(`--for takes ${CONSUMERS.join(' or ')}, not "${values.for}"`);
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (expected ${FORMATS.join(', ')})`);
    if (!positionals.length) throw new UsageError('no files to check');
    const stdinCount = positionals.filter((operand) => operand === STDIN).length;
    if (stdinCount > 1) throw new UsageError('standard input (-) can be read once');
    const stdinName = values['stdin-filename'];
    if (stdinName !== undefined && !stdinCount) throw new UsageError('--stdin-filename names standard input: add - to the files to check');
    if (stdinName === '') throw new UsageError('--stdin-filename needs a file name');
    const service = new RequestLanguageService({ log: (message) => io.stderr(`${message}\n`), settings: { defaultConsumer: consumer } });
    if (values['file-associations'] !== undefined) service.configure({ fileAssociations: parseAssociations(values['file-associations'], service) });
    const live = cliLiveChecks(values, service, io, values.verbose === true);

    const operands = positionals.filter((operand) => operand !== STDIN);
    const stdin = stdinCount ? stdinFile(io, stdinName) : undefined;
    const skipUnknown = values['skip-unknown'] === true;
    const report = await checkFiles(operands, stdin, service, io, skipUnknown, live);
    const liveFailed = live?.reportFailure() ?? 0;
    if (values.quiet) report.findings = report.findings.filter((f) => f.severity === 'error');
    io.stdout(render(report, format, TOOL, io.cwd));
    for (const error of report.pathErrors) io.stderr(`${error.displayPath}: error: ${error.message}\n`);
    const skipped = report.skipped.length;
    if (values.verbose) for (const file of report.skipped) io.stderr(`${file.displayPath}: skipped: ${file.reason}\n`);
    else if (skipped)
      io.stderr(
        `skipped ${skipped} ${skipped === 1 ? 'file (not a request file)' : 'files (not request files)'}: run with --verbose to list ${skipped === 1 ? 'it' : 'them'}\n`,
      );
    const empty = report.checked === 0 && !values['allow-empty'] && !skipUnknown;
    if (empty && !report.pathErrors.length) io.stderr(nothingFound(operands));
    io.stderr(`${summary(report)}\n`);
    const failed = empty || report.pathErrors.length > 0 || report.findings.some((f) => f.severity === 'error');
    return liveFailed || (failed ? 1 : 0);
  },
};

/**
 * Standard input as a file named explicitly. Without --stdin-filename nothing but a modeline can
 * name its operation, and nothing names its syntax: text that does not start like JSON is YAML.
 */
function stdinFile(io: CliIo, name: string | undefined): StdinFile {
  const displayPath = name ?? '<stdin>';
  const absolutePath = path.resolve(io.cwd, displayPath);
  const read = () => {
    const text = io.readStdin();
    const languageId = name !== undefined ? languageIdOf(name) : /^\uFEFF?\s*(?:[{[]|\/[/*]|$)/.test(text) ? 'json' : 'yaml';
    return requestDocument(absolutePath, text, languageId);
  };
  return { file: { displayPath, absolutePath, explicit: true }, read };
}

interface StdinFile {
  file: FileToCheck;
  /** Throws, as reading a file does, when standard input cannot be read. */
  read(): TextDocument;
}

/**
 * The static checks, file by file; with `live`, then the live checks of every request file checked
 * (their look-ups together, awaited), their warnings among the findings.
 */
async function checkFiles(
  operands: string[],
  stdin: StdinFile | undefined,
  service: RequestLanguageService,
  io: CliIo,
  skipUnknown: boolean,
  live: CliLiveChecks | undefined,
): Promise<CheckReport> {
  const { files, errors: pathErrors } = collectFiles(operands, io.cwd);
  const report: CheckReport = { findings: [], pathErrors, checked: 0, skipped: [] };
  /** Kept for the live checks (their analyses stay in the service until then). */
  const requests: { displayPath: string; document: TextDocument; analysis: RequestAnalysis }[] = [];
  for (const file of stdin ? [...files, stdin.file] : files) {
    let document: TextDocument;
    try {
      document = file === stdin?.file ? stdin.read() : readRequestDocument(file.absolutePath);
    } catch (error) {
      pathErrors.push({ displayPath: file.displayPath, message: describeError(error) });
      continue;
    }
    const analysis = service.analyze(document);
    if (analysis.detection.kind === 'none') {
      const hint = unnamedRequest(file, analysis, service);
      if (file.explicit && !skipUnknown) {
        report.checked++;
        report.findings.push(hint ? { ...hint, severity: 'error' } : notARequest(file));
      } else {
        report.skipped.push({ displayPath: file.displayPath, reason: hint?.message ?? NOT_A_REQUEST });
        if (hint) report.findings.push(hint);
      }
    } else {
      report.checked++;
      for (const diagnostic of service.validate(document)) report.findings.push(checkFinding(file.displayPath, diagnostic, analysis));
      const skeleton = skeletonNote(file.displayPath, analysis);
      if (skeleton) report.findings.push(skeleton);
      if (live) {
        requests.push({ displayPath: file.displayPath, document, analysis });
        continue;
      }
    }
    service.forget(document.uri);
  }
  if (live) {
    await live.settle(requests.map((r) => r.document));
    for (const { displayPath, document, analysis } of requests) {
      for (const diagnostic of live.diagnostics(document)) report.findings.push(checkFinding(displayPath, diagnostic, analysis));
      service.forget(document.uri);
    }
  }
  report.findings.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.code, b.code));
  return report;
}

const NOT_A_REQUEST = 'not a request file (no modeline; the name is not <name>.<cli-command>.<ext>)';

/**
 * A file that is not a request file but probably was meant to be, as a warning: a name close to
 * the convention, or keys that all belong to one operation (the editor's `no-operation` hint).
 */
function unnamedRequest(file: FileToCheck, analysis: RequestAnalysis, service: RequestLanguageService): Finding | undefined {
  const suggestion = nearMissName(path.basename(file.displayPath), service.registry);
  if (suggestion) {
    const message = `did you mean ${suggestion}? Request files are named <name>.<cli-command>.<ext>, in lower case: this one is not checked.`;
    return fileFinding(file.displayPath, 'warning', 'no-operation', message);
  }
  const looksLike = service.validate(analysis.document).find((d) => d.code === 'no-operation');
  return looksLike && { ...toFinding(file.displayPath, looksLike), severity: 'warning' };
}

/** `check` is stricter than the editor where the AWS CLI is: an empty file is refused, not a file still being typed. */
function checkFinding(file: string, diagnostic: Diagnostic, analysis: RequestAnalysis): Finding {
  const finding = toFinding(file, diagnostic);
  if (finding.code !== 'empty-request' || !analysis.operation) return finding;
  const required = analysis.operation.required?.length ? ` (required: ${analysis.operation.required.join(', ')})` : '';
  const message = `This ${analysis.operation['x-operation'].name} request is empty: the AWS CLI refuses an empty input file. Add its members${required}.`;
  return { ...finding, severity: 'error', message };
}

/** A skeleton's dozens of errors come from its placeholders: one note says how to remove them all. */
function skeletonNote(file: string, { parsed, operation, document }: RequestAnalysis): Finding | undefined {
  const trim = parsed && operation && trimSkeleton(parsed, operation, document.getText());
  if (!trim) return undefined;
  const message = `This looks like an AWS CLI skeleton (--generate-cli-skeleton) with ${trim.removed.length} members still holding placeholders: ${command('trim-skeleton', file)} removes them.`;
  return fileFinding(file, 'information', 'unfilled-skeleton', message);
}

function nothingFound(operands: string[]): string {
  return (
    `eni-requests check: no request files found in ${operands.join(', ')}; request files are named <name>.<cli-command>.json|yaml ` +
    `(e.g. web.create-network-interface.yaml), start with a modeline such as "# ec2: create-network-interface", ` +
    `or match --file-associations. Use --allow-empty if none is expected.\n`
  );
}

/** `--file-associations '{"glob":"operation"}'`: every operation must exist (a typo would silently skip files). */
function parseAssociations(json: string, service: RequestLanguageService): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`--file-associations is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('--file-associations must be a JSON object mapping globs to operations');
  }
  for (const [glob, operation] of Object.entries(value)) {
    if (typeof operation !== 'string' || !service.registry.get(operation)) {
      throw new UsageError(`--file-associations: ${JSON.stringify(operation)} (for ${glob}) is not an EC2 operation eni-requests knows`);
    }
  }
  return value as Record<string, string>;
}

function notARequest(file: FileToCheck): Finding {
  const extension = /\.[^./\\]+$/.exec(file.displayPath)?.[0] ?? '.json';
  const modeline = languageIdOf(file.displayPath) === 'yaml' ? '# ec2: <cli-command>' : '// ec2: <cli-command>';
  const stdin = file.displayPath === '<stdin>' ? ' (or pass --stdin-filename <name>.<cli-command>.<ext>)' : '';
  const message = `cannot tell which EC2 operation this file is for: name it <name>.<cli-command>${extension} or add a modeline \`${modeline}\`${stdin}`;
  return fileFinding(file.displayPath, 'error', 'no-operation', message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
