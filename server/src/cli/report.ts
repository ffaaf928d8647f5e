/** Findings (diagnostics as the CLI prints them) and their formats: text (problem-matcher friendly), JSON and SARIF 2.1.0. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../service/diagnostics';
import { LIVE_SOURCE } from '../service/live/diagnostic';
import type { PathError } from './files';
import { describeRule, REPOSITORY_URL, ruleHelpUri } from './rule-catalogue';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export interface Region {
  /** 1-based; the end points just after the last character (LSP's exclusive end, plus one). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends Region {
  /** As shown to the user (the operand, or operand-relative for files found by walking). */
  file: string;
  severity: SeverityName;
  code: string;
  message: string;
  related: (Region & { message: string })[];
}

export interface CheckReport {
  /** Sorted by file, then position. */
  findings: Finding[];
  pathErrors: PathError[];
  checked: number;
  /** Files looked at and not checked (not request files), with why. */
  skipped: { displayPath: string; reason: string }[];
}

const SEVERITY_NAMES: Record<DiagnosticSeverity, SeverityName> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

/**
 * A diagnostic of `file` as a finding. Codes from another source than the static rules (EC2's) are
 * qualified: `ec2:InvalidSubnetID.NotFound`; the live checks' codes already are (`live:not-found`).
 */
export function toFinding(file: string, diagnostic: Diagnostic): Finding {
  const code = String(diagnostic.code ?? 'unknown');
  const qualified = diagnostic.source && diagnostic.source !== DIAGNOSTIC_SOURCE && diagnostic.source !== LIVE_SOURCE;
  return {
    file,
    ...region(diagnostic.range),
    severity: SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Error],
    code: qualified ? `${diagnostic.source}:${code}` : code,
    message: forCommandLine(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value, file),
    related: (diagnostic.relatedInformation ?? []).map((r) => ({ ...region(r.location.range), message: r.message })),
  };
}

/**
 * The service writes its advice for the editor ("the editor offers a read-only preflight"); on the
 * command line the same advice is a command. The service's messages stay as they are: the editor
 * shows them. test/protocol/cli.test.ts runs every broken example through `check` and fails on
 * editor vocabulary left in the output, so a reworded message cannot slip through unadapted.
 */
const EDITOR_ADVICE: readonly [RegExp, (file: string) => string][] = [
  [/use the read-only preflight the editor offers/g, (file) => `run the read-only ${command('preflight', file)}`],
  [/the editor offers a read-only preflight instead/g, (file) => `${command('preflight', file)} is the read-only check instead`],
  [/ \(completion offers them\)/g, () => ''],
];

function forCommandLine(message: string, file: string): string {
  return EDITOR_ADVICE.reduce((text, [advice, replacement]) => text.replace(advice, () => replacement(file)), message);
}

/** `eni-requests <name> <file>`, the file quoted for a POSIX shell where it needs to be. */
export function command(name: string, file: string): string {
  const quoted = /^[\w@%+=:,./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
  return `eni-requests ${name} ${quoted}`;
}

/** A finding about a whole file, at its start. */
export function fileFinding(file: string, severity: SeverityName, code: string, message: string): Finding {
  return { file, ...region({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }), severity, code, message, related: [] };
}

export function region(range: Range): Region {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export type Format = 'text' | 'json' | 'sarif';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];

export function render(report: CheckReport, format: Format, tool: { name: string; version: string }, cwd: string): string {
  switch (format) {
    case 'text':
      return report.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} [${f.code}] ${oneLine(f.message)}\n`).join('');
    case 'json':
      return `${JSON.stringify(
        report.findings.map(({ file, line, column, endLine, endColumn, severity, code, message }) => ({
          file,
          line,
          column,
          endLine,
          endColumn,
          severity,
          code,
          message,
        })),
        null,
        2,
      )}\n`;
    case 'sarif':
      return `${JSON.stringify(sarif(report, tool, cwd), null, 2)}\n`;
  }
}

/** "3 files checked, 2 errors, 1 warning": for stderr, whatever the format. */
export function summary(report: CheckReport): string {
  const count = (severities: SeverityName[]) => report.findings.filter((f) => severities.includes(f.severity)).length;
  const parts = [plural(report.checked, 'file') + ' checked', plural(count(['error']), 'error'), plural(count(['warning']), 'warning')];
  const notes = count(['information', 'hint']);
  if (notes) parts.push(plural(notes, 'note'));
  if (report.pathErrors.length) parts.push(plural(report.pathErrors.length, 'path error'));
  return parts.join(', ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, ' ');
}

const SARIF_LEVELS: Record<SeverityName, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A SARIF reportingDescriptor: what code scanning shows beside a result (rule-catalogue.ts). */
function rule(id: string) {
  const description = describeRule(id);
  const summary = description?.summary ?? (id.startsWith('ec2:') ? `EC2 answered ${id.slice(4)} to a dry run.` : id);
  return {
    id,
    shortDescription: { text: summary },
    helpUri: ruleHelpUri(id),
    help: { text: `${summary} See ${ruleHelpUri(id)}` },
    defaultConfiguration: { level: SARIF_LEVELS[description?.severity ?? 'error'] },
  };
}

function sarif(report: CheckReport, tool: { name: string; version: string }, cwd: string) {
  const ruleIds = [...new Set(report.findings.map((f) => f.code))].sort();
  const root = pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href;
  const artifactLocation = (file: string) => {
    const relative = path.relative(cwd, path.resolve(cwd, file));
    // Files outside the working directory keep an absolute URI; the rest are relative to it.
    return relative.startsWith('..') || path.isAbsolute(relative)
      ? { uri: pathToFileURL(path.resolve(cwd, file)).href }
      : { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  };
  const region = (r: Region) => ({ startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: REPOSITORY_URL, rules: ruleIds.map(rule) } },
        originalUriBaseIds: { SRCROOT: { uri: root } },
        invocations: [
          {
            executionSuccessful: report.pathErrors.length === 0,
            toolExecutionNotifications: report.pathErrors.map((e) => ({ level: 'error', message: { text: `${e.displayPath}: ${e.message}` } })),
          },
        ],
        results: report.findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: ruleIds.indexOf(f.code),
          level: SARIF_LEVELS[f.severity],
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.file), region: region(f) } }],
          ...(f.related.length > 0 && {
            relatedLocations: f.related.map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: { artifactLocation: artifactLocation(f.file), region: region(r) },
            })),
          }),
        })),
      },
    ],
  };
}
