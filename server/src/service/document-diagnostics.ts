/**
 * The diagnostics of one analysed document: what the parser and the checks found, capped, and the
 * notes for what is not checked (too large, empty, not named as a request, an unknown modeline).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { OperationRegistry } from '../model/registry';
import type { OperationSchema } from '../model/schema-types';
import type { Detection } from './detect';
import { DIAGNOSTIC_SOURCE, problemToDiagnostic, syntaxProblemToDiagnostic } from './diagnostics';
import { parseOptionsFor } from './document/parse';
import type { FailureLog } from './failure-log';
import { MAX_DIAGNOSTICS, type RequestAnalysis } from './service-types';
import { suggestOperations } from './suggest-operation';
import { closestMatch } from './text/suggest';
import { clip, type RuleGroup } from './validation/problem';
import { validateRequest, type RuleFailure } from './validation/validate';

export interface DiagnosticsContext {
  readonly registry: OperationRegistry;
  readonly maxDocumentSize: number;
  readonly ruleGroups: readonly RuleGroup[];
  readonly failures: FailureLog;
}

export function documentDiagnostics(analysis: RequestAnalysis, context: DiagnosticsContext): Diagnostic[] {
  const diagnostics = checkedDiagnostics(analysis, context);
  const project = analysis.project;
  if (!project || !analysis.operation) return diagnostics;
  // The project's rule levels: `off` drops a code, a level replaces its severity.
  const levelled = diagnostics.flatMap((d): Diagnostic[] => {
    const level = typeof d.code === 'string' && Object.hasOwn(project.rules, d.code) ? project.rules[d.code] : undefined;
    return level === 'off' ? [] : level ? [{ ...d, severity: PROJECT_LEVELS[level] }] : [d];
  });
  for (const problem of project.problems) {
    levelled.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: 'project-config',
      message: problem,
    });
  }
  return levelled;
}

const PROJECT_LEVELS = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information } as const;

function checkedDiagnostics(analysis: RequestAnalysis, context: DiagnosticsContext): Diagnostic[] {
  const { document, detection, parsed, operation } = analysis;
  if (detection.kind === 'unknown-modeline') return [unknownModeline(document, detection, context.registry)];
  if (!operation) return unsupportedOperation(analysis, context.registry) ?? operationHint(analysis, context.registry);
  if (analysis.tooLarge) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: 'too-large',
        message: `This file is larger than ${context.maxDocumentSize.toLocaleString('en-US')} characters and is not checked (setting eniRequests.maxFileSize).`,
      },
    ];
  }
  if (!parsed) return [];
  const onFailure = (failure: RuleFailure) => context.failures.failed(`Rule group "${failure.group}"`, failure.error);
  if (!parsed.root && parsed.problems.length === 0) return [emptyRequest(operation)];
  const problems = validateRequest(parsed, operation, onFailure, context.ruleGroups, analysis.consumer);
  const shown = Math.min(parsed.problems.length, MAX_DIAGNOSTICS);
  const diagnostics = parsed.problems.slice(0, shown).map((p) => syntaxProblemToDiagnostic(p, document));
  for (const problem of problems.slice(0, MAX_DIAGNOSTICS - shown)) diagnostics.push(problemToDiagnostic(problem, document));
  const hidden = parsed.problems.length + problems.length - diagnostics.length;
  if (hidden > 0) {
    diagnostics.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      code: 'too-many-problems',
      message: `${hidden.toLocaleString('en-US')} more problems in this file are not shown: only the first ${MAX_DIAGNOSTICS.toLocaleString('en-US')} are.`,
    });
  }
  return diagnostics;
}

/** An empty file, or one of only comments: nothing to check yet, and the user should know why. */
function emptyRequest(operation: OperationSchema): Diagnostic {
  const required = operation.required?.length ? ` Required: ${operation.required.join(', ')}.` : '';
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: 'empty-request',
    message: `This ${operation['x-operation'].name} request is empty: add its members (completion offers them).${required}`,
  };
}

function unknownModeline(document: TextDocument, detection: Extract<Detection, { kind: 'unknown-modeline' }>, registry: OperationRegistry): Diagnostic {
  const known = registry.all().map((o) => o['x-operation'].cliCommand);
  return problemToDiagnostic(
    {
      code: 'no-operation',
      severity: 'error',
      node: { kind: 'null', value: null, offset: detection.offset, length: detection.length },
      message: `"${clip(detection.command)}" is not an operation eni-requests knows. Supported: ${known.join(', ')}.`,
      fixes: [{ fix: 'choose-operation', operations: suggestOperations(detection.command, known) }],
    },
    document,
  );
}

/** A file that is not named as a request but whose keys all belong to one operation: a hint to name it. */
/**
 * A file named by the convention after an EC2 operation eni-requests does not check
 * (`web.create-fleet.json`): it is left alone, and says so, rather than asking to be named.
 */
const EC2_COMMAND_NAME =
  /(?:^|[\\/])[^\\/]+\.((?:accept|allocate|assign|associate|attach|authorize|cancel|copy|create|delete|deregister|describe|detach|disable|disassociate|enable|get|import|modify|monitor|move|register|reject|release|replace|request|reset|restore|revoke|run|start|stop|terminate|unassign)-[a-z0-9]+(?:-[a-z0-9]+)*)\.(?:jsonc?|ya?ml)$/;

function unsupportedOperation(analysis: RequestAnalysis, registry: OperationRegistry): Diagnostic[] | undefined {
  const command = EC2_COMMAND_NAME.exec(analysis.filePath)?.[1];
  if (!command || registry.get(command)) return undefined;
  const known = registry.all().map((o) => o['x-operation'].cliCommand);
  // A near miss of a supported one (create-network-interfaces) is a typo: the hint offers the rename.
  if (closestMatch(command, known)) return undefined;
  return [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      code: 'no-operation',
      message: `${command} is not an operation eni-requests checks, so this file is not checked. Supported: ${known.join(', ')}.`,
    },
  ];
}

function operationHint(analysis: RequestAnalysis, registry: OperationRegistry): Diagnostic[] {
  const root = analysis.parsed?.root;
  if (root?.kind !== 'object' || root.properties.length < 2) return [];
  const keys = root.properties.map((p) => p.key.value);
  const candidates = registry
    .all()
    .filter((operation) => keys.every((key) => operation.properties && Object.hasOwn(operation.properties, key)))
    .map((operation) => operation['x-operation'].cliCommand);
  if (!candidates.length) return [];
  const first = root.properties[0].key;
  return [
    problemToDiagnostic(
      {
        code: 'no-operation',
        severity: 'hint',
        node: first,
        message: `This looks like an EC2 request (${candidates.slice(0, 3).join(', ')}${candidates.length > 3 ? ', …' : ''}), but no operation is named, so it is not checked. Name the file <name>.<cli-command>.${analysis.filePath.split('.').pop()}${namingAlternative(analysis, candidates[0])}.`,
        fixes: [{ fix: 'choose-operation', operations: candidates }],
      },
      analysis.document,
    ),
  ];
}

/**
 * The other way to name the operation: a modeline where comments are allowed (YAML, .jsonc), else
 * the setting: the AWS CLI refuses a comment in a .json file.
 */
function namingAlternative(analysis: RequestAnalysis, command: string): string {
  if (analysis.parsed?.syntax === 'yaml') return ` or add a modeline comment such as "# ec2: ${command}"`;
  if (parseOptionsFor(analysis.filePath).jsonc) return ` or add a modeline comment such as "// ec2: ${command}"`;
  return ' or map it to an operation in the eniRequests.fileAssociations setting';
}
