/**
 * What an editor gets for a request document, composed once: the language service's diagnostics,
 * completion, hover and quick fixes; the runner's (EC2's field complaints after a run, the run
 * actions); the live checks' (what their cache knows: diagnostics, real IDs in completion). The
 * language server only moves LSP messages to and from this object; tests drive it in process.
 *
 * Each part is guarded on its own: live checks that fail never cost the static diagnostics.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { RequestLanguageService } from './language-service';
import { requestLayout, type LayoutAnswer } from './layout';
import { LiveChecks, type LiveCheckOptions } from './live/live-checks';
import { RequestRunner, type RunnerSettings } from './running/runner';
import { readSettings, type Settings } from './settings';

export interface EditorFeaturesOptions {
  /** Failures the features recovered from (logged, redacted by the caller's log). */
  readonly log?: (message: string) => void;
  /** The live checks' own notes (why they stopped) and trace (one line per look-up). */
  readonly live?: Pick<LiveCheckOptions, 'note' | 'trace' | 'lookup' | 'delayMs' | 'now'>;
  /** What only the client's start-up may say: trust (may anything be sent?) and the endpoint. */
  readonly trust?: Pick<RunnerSettings, 'endpoint' | 'executionAllowed'>;
}

export class EditorFeatures {
  readonly service: RequestLanguageService;
  readonly runner: RequestRunner;
  readonly live: LiveChecks;
  private settings: Settings = readSettings(undefined);
  private trust: Pick<RunnerSettings, 'endpoint' | 'executionAllowed'>;
  private readonly log: (message: string) => void;

  constructor(options: EditorFeaturesOptions = {}) {
    this.log = options.log ?? (() => {});
    this.service = new RequestLanguageService({ log: this.log });
    this.runner = new RequestRunner(this.service);
    this.live = new LiveChecks(this.service, options.live);
    this.trust = options.trust ?? { executionAllowed: true };
  }

  /** The client's `eniRequests` section (any shape: it is read by settings.ts), and optionally new trust. */
  configure(section: unknown, trust = this.trust): void {
    this.settings = readSettings(section);
    this.trust = trust;
    this.service.configure(this.settings.service);
    this.live.configure({ ...this.runnerSettings(), enabled: this.settings.liveChecks });
  }

  /** The user's run settings with trust and the endpoint from the client's start-up. */
  runnerSettings(): RunnerSettings {
    return { ...this.settings.run, endpoint: this.trust.endpoint, executionAllowed: this.trust.executionAllowed };
  }

  /** The static diagnostics, EC2's answer to the last run (until the next edit or run), and what the live checks already know. Nothing is sent. */
  diagnostics(document: TextDocument): Diagnostic[] {
    const diagnostics = this.guarded(`Validating ${document.uri}`, [], () => [...this.service.validate(document), ...this.runner.fieldDiagnostics(document)]);
    diagnostics.push(...this.guarded(`Live checks of ${document.uri}`, [], () => this.live.diagnostics(document)));
    return diagnostics;
  }

  /** What the live checks' cache lacks is looked up once the document is still; `republish` when they know more. */
  scheduleLiveChecks(document: TextDocument, republish: () => void): void {
    this.guarded(`Scheduling live checks of ${document.uri}`, undefined, () => this.live.schedule(document, republish));
  }

  /** The service's completion, with real IDs from the live checks' cache (a listing starts when it has none yet: the list is then incomplete). */
  complete(document: TextDocument, position: Position): CompletionList {
    const list = this.service.complete(document, position);
    return this.guarded('Live completion', list, () => this.live.extendCompletion(document, position, list));
  }

  hover(document: TextDocument, position: Position): Hover | null {
    return this.service.hover(document, position);
  }

  /** Quick fixes and source actions, then the run actions (dry run, preview…) of the runner. */
  codeActions(document: TextDocument, range: Range, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
    return [...this.service.codeActions(document, range, diagnostics), ...this.runner.codeActions(document, this.runnerSettings(), only)];
  }

  /**
   * The network layout of the document, with the live checks' problems and, when the live checks
   * are on and their cache knows a specification's instance type, its facts. Nothing is sent.
   */
  layout(document: TextDocument): LayoutAnswer {
    const live = this.guarded(`Live checks of ${document.uri}`, [], () => this.live.diagnostics(document));
    const instanceType = (name: string) => this.guarded(`Instance type ${name}`, undefined, () => this.live.instanceType(name));
    return requestLayout(this.service.analyze(document), [...this.service.validate(document), ...live], { instanceType });
  }

  /** A document closed: everything kept for it goes. */
  forget(uri: string): void {
    this.service.forget(uri);
    this.runner.forget(uri);
    this.live.forget(uri);
  }

  private guarded<T>(what: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      this.log(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  }
}
