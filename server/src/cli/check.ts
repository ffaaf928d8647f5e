/** `eni-requests check`: the editor's diagnostics, from the same service, for CI and pre-commit. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RequestLanguageService } from '../service/language-service';
import { parseOptions, TOOL, UsageError, type CliIo, type Command } from './command';
import { collectFiles, describeError, languageIdOf, readRequestDocument, type FileToCheck } from './files';
import { FORMATS, region, render, summary, toFinding, type CheckReport, type Finding, type Format } from './report';

export const check: Command = {
  summary: 'check request files, directories or globs; exit 1 on errors',
  usage: `Usage: eni-requests check [options] <file|directory|glob>...

Checks EC2 network-interface request files (the JSON/YAML given to
aws ec2 <command> --cli-input-json|--cli-input-yaml) with the editor's rules.

Directories are searched recursively for .json, .jsonc, .yaml and .yml files
(node_modules and dot-directories are skipped); files found there or by a glob
(quote it: 'requests/**/*.yaml') that are not request files are skipped. A file
named explicitly must be a request file: <name>.<cli-command>.<ext>, a modeline
such as "# ec2: create-network-interface", or a --file-associations entry.

Options:
  -f, --format <text|json|sarif>  output format (default: text, path:line:col: severity [code] message)
  -q, --quiet                     report errors only
      --file-associations <json>  map globs to operations, e.g. '{"nics/*.json":"create-network-interface"}'
  -h, --help                      show this help

Exit status: 0 no errors (warnings allowed), 1 errors or unreadable paths, 2 usage error.
`,
  run(args, io) {
    const { values, positionals } = parseOptions(args, {
      format: { type: 'string', short: 'f', default: 'text' },
      quiet: { type: 'boolean', short: 'q', default: false },
      'file-associations': { type: 'string' },
    });
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (expected ${FORMATS.join(', ')})`);
    if (!positionals.length) throw new UsageError('no files to check');
    const service = new RequestLanguageService({ log: (message) => io.stderr(`${message}\n`) });
    if (values['file-associations'] !== undefined) service.configure({ fileAssociations: parseAssociations(values['file-associations'], service) });

    const report = checkFiles(positionals, service, io);
    if (values.quiet) report.findings = report.findings.filter((f) => f.severity === 'error');
    io.stdout(render(report, format, TOOL, io.cwd));
    for (const error of report.pathErrors) io.stderr(`${error.displayPath}: error: ${error.message}\n`);
    io.stderr(`${summary(report)}\n`);
    const failed = report.pathErrors.length > 0 || report.findings.some((f) => f.severity === 'error');
    return failed ? 1 : 0;
  },
};

function checkFiles(operands: string[], service: RequestLanguageService, io: CliIo): CheckReport {
  const { files, errors: pathErrors } = collectFiles(operands, io.cwd);
  const report: CheckReport = { findings: [], pathErrors, checked: 0, skipped: 0 };
  for (const file of files) {
    let document: TextDocument;
    try {
      document = readRequestDocument(file.absolutePath);
    } catch (error) {
      pathErrors.push({ displayPath: file.displayPath, message: describeError(error) });
      continue;
    }
    if (service.analyze(document).detection.kind === 'none') {
      if (file.explicit) {
        report.checked++;
        report.findings.push(notARequest(file));
      } else {
        report.skipped++;
      }
    } else {
      report.checked++;
      for (const diagnostic of service.validate(document)) report.findings.push(toFinding(file.displayPath, diagnostic));
    }
    service.forget(document.uri);
  }
  report.findings.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.code, b.code));
  return report;
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
  return {
    file: file.displayPath,
    ...region({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }),
    severity: 'error',
    code: 'no-operation',
    message: `cannot tell which EC2 operation this file is for: name it <name>.<cli-command>${extension} or add a modeline \`${modeline}\``,
    related: [],
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
