/**
 * The protocol-free language service: everything the language server, the CLI and the tests ask
 * of a request document. It knows TextDocuments and LSP types, not connections.
 */
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type CodeAction, type CompletionList, type Diagnostic, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { redact } from '../execution/redact';
import { codeActions } from './code-actions/code-actions';
import { complete } from './completion/completion';
import { detectOperation, globMatches, type Detection } from './detect';
import { DIAGNOSTIC_SOURCE, problemToDiagnostic, syntaxProblemToDiagnostic } from './diagnostics';
import { hover } from './hover/hover';
import { parseDocument, parseOptionsFor, syntaxForLanguage } from './document/parse';
import { reparseEdit } from './document/reparse';
import type { ParsedDocument } from './document/tree';
import { DEFAULT_CONSUMER, type Consumer } from '../model/aws-cli';
import { OperationRegistry } from '../model/registry';
import type { OperationSchema } from '../model/schema-types';
import { suggestOperations } from './suggest-operation';
import { clip } from './validation/problem';
import { RULE_GROUPS } from './validation/rules';
import type { RuleGroup } from './validation/problem';
import { validateRequest, type RuleFailure } from './validation/validate';

export interface ServiceSettings {
  /** Glob → operation (API name or CLI command), for files that follow neither naming convention. */
  fileAssociations: Record<string, string>;
  /** Documents larger than this (in characters) are not checked; they get one notice instead. */
  maxDocumentSize: number;
  /** Glob → who reads the matching files (`sdk` for files handed to an SDK); the first match decides. */
  consumers: Record<string, Consumer>;
  /** Who reads files no glob of `consumers` matches. */
  defaultConsumer: Consumer;
}

/**
 * At most this many problems of one document become diagnostics (syntax problems first), then one
 * notice of how many more there are: a generated file with 200,000 unknown keys must not send
 * 75 MB of diagnostics to the editor.
 */
export const MAX_DIAGNOSTICS = 1000;

// Above the largest realistic request (a ~10 MB describe with thousands of filters), below hostile sizes.
export const DEFAULT_SETTINGS: ServiceSettings = { fileAssociations: {}, maxDocumentSize: 16_000_000, consumers: {}, defaultConsumer: DEFAULT_CONSUMER };

/** What the service knows about one document version. */
export interface RequestAnalysis {
  readonly document: TextDocument;
  readonly filePath: string;
  readonly detection: Detection;
  /** Undefined when the document is not a request file, or too large to check. */
  readonly parsed: ParsedDocument | undefined;
  readonly operation: OperationSchema | undefined;
  readonly tooLarge: boolean;
  /** Who reads the file: what is checked, hovered and sent follows it. */
  readonly consumer: Consumer;
}

export interface ServiceOptions {
  registry?: OperationRegistry;
  settings?: Partial<ServiceSettings>;
  /** Where the service reports its own failures (a rule that threw; completion, hover or quick fixes that failed). Each distinct failure once. */
  log?: (message: string) => void;
  /** The rule groups to run after the schema checks. Default: all of them (RULE_GROUPS). */
  ruleGroups?: readonly RuleGroup[];
}

export class RequestLanguageService {
  readonly registry: OperationRegistry;
  private settings: ServiceSettings;
  private readonly log: (message: string) => void;
  private readonly ruleGroups: readonly RuleGroup[];
  private readonly loggedFailures = new Set<string>();
  /** The latest analysis per document, with the text it was made from (documents are updated in place). */
  private readonly cache = new Map<string, { version: number; text: string; analysis: RequestAnalysis; diagnostics?: Diagnostic[] }>();

  constructor(options: ServiceOptions = {}) {
    this.registry = options.registry ?? new OperationRegistry();
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.log = options.log ?? (() => {});
    this.ruleGroups = options.ruleGroups ?? RULE_GROUPS;
  }

  configure(settings: Partial<ServiceSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  analyze(document: TextDocument): RequestAnalysis {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version && cached.analysis.document === document) return cached.analysis;
    const text = document.getText();
    const analysis = this.computeAnalysis(document, text, cached);
    this.cache.set(document.uri, { version: document.version, text, analysis });
    return analysis;
  }

  /** All diagnostics of a document; none for files that are not request files. */
  validate(document: TextDocument): Diagnostic[] {
    const analysis = this.analyze(document);
    const entry = this.cache.get(document.uri);
    if (entry?.diagnostics && entry.analysis === analysis) return entry.diagnostics;
    const diagnostics = this.computeDiagnostics(analysis);
    if (entry) entry.diagnostics = diagnostics;
    return diagnostics;
  }

  complete(document: TextDocument, position: Position): CompletionList {
    const analysis = this.analyze(document);
    return analysis.operation && analysis.parsed
      ? complete(analysis, position, (error) => this.logFailure('Completion', error))
      : { isIncomplete: false, items: [] };
  }

  hover(document: TextDocument, position: Position): Hover | null {
    const analysis = this.analyze(document);
    return analysis.operation && analysis.parsed ? hover(analysis, position, (error) => this.logFailure('Hover', error)) : null;
  }

  /** Quick fixes for the given diagnostics (ours only, as the client sends them back). */
  codeActions(document: TextDocument, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const analysis = this.analyze(document);
    try {
      return codeActions(analysis, range, diagnostics);
    } catch (error) {
      // Best effort, like completion and hover: no quick fix rather than a failed request, logged once.
      this.logFailure('Code actions', error);
      return [];
    }
  }

  private computeAnalysis(document: TextDocument, text: string, previous?: { text: string; analysis: RequestAnalysis }): RequestAnalysis {
    const filePath = filePathOf(document.uri);
    const detection = detectOperation(text, filePath, this.registry, this.settings.fileAssociations);
    const syntax = syntaxForLanguage(document.languageId, filePath);
    const operation = detection.kind === 'operation' ? detection.operation : undefined;
    const tooLarge = text.length > this.settings.maxDocumentSize;
    // Unrelated files are parsed only to offer a hint, and only when small.
    const wantsTree = operation ? !tooLarge : detection.kind === 'none' && text.length <= 200_000;
    // An edit inside one scalar of the previous version reuses its tree (document/reparse.ts).
    const before = previous?.analysis.parsed;
    const reused = syntax && wantsTree && before?.syntax === syntax ? reparseEdit(before, previous!.text, text) : undefined;
    const parsed = reused ?? (syntax && wantsTree ? parseDocument(text, syntax, parseOptionsFor(filePath)) : undefined);
    const consumer = Object.entries(this.settings.consumers).find(([glob]) => globMatches(glob, filePath))?.[1] ?? this.settings.defaultConsumer;
    return { document, filePath, detection, parsed, operation, tooLarge, consumer };
  }

  private computeDiagnostics(analysis: RequestAnalysis): Diagnostic[] {
    const { document, detection, parsed, operation } = analysis;
    if (detection.kind === 'unknown-modeline') return [this.unknownModeline(document, detection)];
    if (!operation) return this.operationHint(analysis);
    if (analysis.tooLarge) {
      return [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          source: DIAGNOSTIC_SOURCE,
          code: 'too-large',
          message: `This file is larger than ${this.settings.maxDocumentSize.toLocaleString('en-US')} characters and is not checked (setting eniRequests.maxFileSize).`,
        },
      ];
    }
    if (!parsed) return [];
    const onFailure = (failure: RuleFailure) => this.logFailure(`Rule group "${failure.group}"`, failure.error);
    if (!parsed.root && parsed.problems.length === 0) return [this.emptyRequest(operation)];
    const problems = validateRequest(parsed, operation, onFailure, this.ruleGroups, analysis.consumer);
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
  private emptyRequest(operation: OperationSchema): Diagnostic {
    const required = operation.required?.length ? ` Required: ${operation.required.join(', ')}.` : '';
    return {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      code: 'empty-request',
      message: `This ${operation['x-operation'].name} request is empty: add its members (completion offers them).${required}`,
    };
  }

  private unknownModeline(document: TextDocument, detection: Extract<Detection, { kind: 'unknown-modeline' }>): Diagnostic {
    const known = this.registry.all().map((o) => o['x-operation'].cliCommand);
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
  private operationHint(analysis: RequestAnalysis): Diagnostic[] {
    const root = analysis.parsed?.root;
    if (root?.kind !== 'object' || root.properties.length < 2) return [];
    const keys = root.properties.map((p) => p.key.value);
    const candidates = this.registry
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
   * Logs a failure the service recovered from (a rule group that threw, completion or hover that
   * answered empty) once per kind and throw site: a rule that fails on every keystroke, even with a
   * message that quotes what was typed, is logged once, and the set of logged failures stays small.
   */
  private logFailure(what: string, error: unknown): void {
    const detail = describeError(error);
    const frames = detail.split('\n').filter((line) => /^\s+at /.test(line));
    const key = `${what}: ${frames.length ? frames.join('\n') : detail}`;
    if (this.loggedFailures.has(key) || this.loggedFailures.size > MAX_LOGGED_FAILURES) return;
    this.loggedFailures.add(key);
    if (this.loggedFailures.size > MAX_LOGGED_FAILURES) {
      this.log(`More than ${MAX_LOGGED_FAILURES} different failures; further ones are not logged.`);
      return;
    }
    // A message may quote the document, and a document may hold a credential pasted by mistake.
    this.log(redact(`${what} failed: ${detail}`));
  }
}

/** Distinct failures logged per service, at most. */
const MAX_LOGGED_FAILURES = 100;

/** What was thrown, as text, whatever it is (even an object whose toString throws). */
function describeError(error: unknown): string {
  try {
    const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    return text.length > 10_000 ? `${text.slice(0, 10_000)}…` : text;
  } catch {
    return 'an unprintable value';
  }
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

export function filePathOf(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // Not a valid file URL: fall through to the raw path.
    }
  }
  const withoutScheme = uri.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '');
  try {
    return decodeURIComponent(withoutScheme);
  } catch {
    return withoutScheme;
  }
}
