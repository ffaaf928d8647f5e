/**
 * The protocol-free language service: everything the language server, the CLI and the tests ask
 * of a request document. A facade that only wires: analysis (analysis.ts), diagnostics
 * (document-diagnostics.ts), completion, hover and code actions each live in their own module,
 * with the shared types in service-types.ts; this class holds the settings, the per-document cache
 * and the failure log they share. It knows TextDocuments and LSP types, not connections.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { OperationRegistry } from '../model/registry';
import { analyzeDocument } from './analysis';
import { codeActions } from './code-actions/code-actions';
import { complete } from './completion/completion';
import { documentDiagnostics } from './document-diagnostics';
import { FailureLog } from './failure-log';
import { hover } from './hover/hover';
import { DEFAULT_SETTINGS, type RequestAnalysis, type ServiceOptions, type ServiceSettings } from './service-types';
import type { RuleGroup } from './validation/problem';
import { RULE_GROUPS } from './validation/rules';

export * from './service-types';

/** The latest analysis of a document, with the text it was made from (documents are updated in place) and its diagnostics once asked for. */
interface CacheEntry {
  version: number;
  text: string;
  analysis: RequestAnalysis;
  diagnostics?: Diagnostic[];
}

export class RequestLanguageService {
  readonly registry: OperationRegistry;
  private settings: ServiceSettings;
  private readonly failures: FailureLog;
  private readonly ruleGroups: readonly RuleGroup[];
  private readonly cache = new Map<string, CacheEntry>();

  constructor(options: ServiceOptions = {}) {
    this.registry = options.registry ?? new OperationRegistry();
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.failures = new FailureLog(options.log ?? (() => {}));
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
    const analysis = analyzeDocument(document, text, this.registry, this.settings, cached);
    this.cache.set(document.uri, { version: document.version, text, analysis });
    return analysis;
  }

  /** All diagnostics of a document; none for files that are not request files. */
  validate(document: TextDocument): Diagnostic[] {
    const analysis = this.analyze(document);
    const entry = this.cache.get(document.uri);
    if (entry?.diagnostics && entry.analysis === analysis) return entry.diagnostics;
    const context = { registry: this.registry, maxDocumentSize: this.settings.maxDocumentSize, ruleGroups: this.ruleGroups, failures: this.failures };
    const diagnostics = documentDiagnostics(analysis, context);
    if (entry) entry.diagnostics = diagnostics;
    return diagnostics;
  }

  complete(document: TextDocument, position: Position): CompletionList {
    const analysis = this.analyze(document);
    return analysis.operation && analysis.parsed
      ? complete(analysis, position, (error) => this.failures.failed('Completion', error))
      : { isIncomplete: false, items: [] };
  }

  hover(document: TextDocument, position: Position): Hover | null {
    const analysis = this.analyze(document);
    return analysis.operation && analysis.parsed ? hover(analysis, position, (error) => this.failures.failed('Hover', error)) : null;
  }

  /** Quick fixes for the given diagnostics (ours only, as the client sends them back), and source actions. */
  codeActions(document: TextDocument, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const analysis = this.analyze(document);
    try {
      return codeActions(analysis, range, diagnostics);
    } catch (error) {
      // Best effort, like completion and hover: no quick fix rather than a failed request, logged once.
      this.failures.failed('Code actions', error);
      return [];
    }
  }
}
