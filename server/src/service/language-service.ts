/**
 * The protocol-free language service: everything the language server, the CLI and the tests ask
 * of a request document. It knows TextDocuments and LSP types, not connections.
 */
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  DiagnosticSeverity,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { codeActions } from './code-actions/code-actions';
import { complete } from './completion/completion';
import { detectOperation, type Detection } from './detect';
import { DIAGNOSTIC_SOURCE, problemToDiagnostic, syntaxProblemToDiagnostic } from './diagnostics';
import { hover } from './hover/hover';
import { parseDocument, syntaxForLanguage } from './document/parse';
import type { ParsedDocument } from './document/tree';
import { OperationRegistry } from './model/registry';
import type { OperationSchema } from './model/schema-types';
import { suggestOperations } from './suggest-operation';
import { validateRequest, type RuleFailure } from './validation/validate';

export interface ServiceSettings {
  /** Glob → operation (API name or CLI command), for files that follow neither naming convention. */
  fileAssociations: Record<string, string>;
  /** Documents larger than this (in characters) are not checked; they get one notice instead. */
  maxDocumentSize: number;
}

// Above the largest realistic request (a ~10 MB describe with thousands of filters), below hostile sizes.
export const DEFAULT_SETTINGS: ServiceSettings = { fileAssociations: {}, maxDocumentSize: 16_000_000 };

/** What the service knows about one document version. */
export interface RequestAnalysis {
  readonly document: TextDocument;
  readonly filePath: string;
  readonly detection: Detection;
  /** Undefined when the document is not a request file, or too large to check. */
  readonly parsed: ParsedDocument | undefined;
  readonly operation: OperationSchema | undefined;
  readonly tooLarge: boolean;
}

export interface ServiceOptions {
  registry?: OperationRegistry;
  settings?: Partial<ServiceSettings>;
  /** Where the service reports its own failures (a rule that threw). Each distinct failure once. */
  log?: (message: string) => void;
}

export class RequestLanguageService {
  readonly registry: OperationRegistry;
  private settings: ServiceSettings;
  private readonly log: (message: string) => void;
  private readonly loggedFailures = new Set<string>();
  private readonly cache = new Map<string, { version: number; analysis: RequestAnalysis; diagnostics?: Diagnostic[] }>();

  constructor(options: ServiceOptions = {}) {
    this.registry = options.registry ?? new OperationRegistry();
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.log = options.log ?? (() => {});
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
    const analysis = this.computeAnalysis(document);
    this.cache.set(document.uri, { version: document.version, analysis });
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
    return analysis.operation && analysis.parsed ? complete(analysis, position) : { isIncomplete: false, items: [] };
  }

  hover(document: TextDocument, position: Position): Hover | null {
    const analysis = this.analyze(document);
    return analysis.operation && analysis.parsed ? hover(analysis, position) : null;
  }

  /** Quick fixes for the given diagnostics (ours only, as the client sends them back). */
  codeActions(document: TextDocument, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    return codeActions(this.analyze(document), range, diagnostics);
  }

  private computeAnalysis(document: TextDocument): RequestAnalysis {
    const filePath = filePathOf(document.uri);
    const text = document.getText();
    const detection = detectOperation(text, filePath, this.registry, this.settings.fileAssociations);
    const syntax = syntaxForLanguage(document.languageId, filePath);
    const operation = detection.kind === 'operation' ? detection.operation : undefined;
    const tooLarge = text.length > this.settings.maxDocumentSize;
    // Unrelated files are parsed only to offer a hint, and only when small.
    const wantsTree = operation ? !tooLarge : detection.kind === 'none' && text.length <= 200_000;
    const parsed = syntax && wantsTree ? parseDocument(text, syntax) : undefined;
    return { document, filePath, detection, parsed, operation, tooLarge };
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
    const diagnostics = parsed.problems.map((p) => syntaxProblemToDiagnostic(p, document));
    const onFailure = (failure: RuleFailure) => this.logRuleFailure(failure);
    for (const problem of validateRequest(parsed, operation, onFailure)) diagnostics.push(problemToDiagnostic(problem, document));
    return diagnostics;
  }

  private unknownModeline(document: TextDocument, detection: Extract<Detection, { kind: 'unknown-modeline' }>): Diagnostic {
    const known = this.registry.all().map((o) => o['x-operation'].cliCommand);
    return problemToDiagnostic(
      {
        code: 'no-operation',
        severity: 'error',
        node: { kind: 'null', value: null, offset: detection.offset, length: detection.length },
        message: `"${detection.command}" is not an operation eni-requests knows. Supported: ${known.join(', ')}.`,
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
      .filter((operation) => keys.every((key) => operation.properties?.[key]))
      .map((operation) => operation['x-operation'].cliCommand);
    if (!candidates.length) return [];
    const first = root.properties[0].key;
    return [
      problemToDiagnostic(
        {
          code: 'no-operation',
          severity: 'hint',
          node: first,
          message: `This looks like an EC2 request (${candidates.slice(0, 3).join(', ')}${candidates.length > 3 ? ', …' : ''}), but no operation is named, so it is not checked. Name the file <name>.<cli-command>.${analysis.filePath.split('.').pop()} or add a modeline comment such as "# ec2: ${candidates[0]}".`,
          fixes: [{ fix: 'choose-operation', operations: candidates }],
        },
        analysis.document,
      ),
    ];
  }

  private logRuleFailure(failure: RuleFailure): void {
    const detail = failure.error instanceof Error ? (failure.error.stack ?? failure.error.message) : String(failure.error);
    const key = `${failure.group}: ${detail}`;
    if (this.loggedFailures.has(key)) return;
    this.loggedFailures.add(key);
    this.log(`Rule group "${failure.group}" failed: ${detail}`);
  }
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
