/**
 * Running request files, protocol-free: whether a document may be sent (and why not), the request
 * built from its tree, the execution module (loaded on first use: the AWS SDK costs nothing until
 * then), and the diagnostics for the members EC2 complained about. The language server and the CLI
 * both run requests through it.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { loadExecution, type Execution } from '../../execution/load';
import type { DecodeResult, ExecutionResult, FieldProblem, IdentityResult, PreflightResult, PreviewResult } from '../../../../contract/outcome';
import type { ExecutionOptions, ExecutionRequest } from '../../execution/request';
import { ServerCommand, type ConfirmationInfo, type NewRequestTemplate, type OperationSummary } from '../../../../contract/protocol';
import { toPlainValue } from '../document/navigate';
import type { ObjectNode } from '../document/tree';
import { applyCliRepairs } from '../../model/aws-cli';
import type { RequestLanguageService } from '../language-service';
import type { RequestAnalysis } from '../service-types';
import { EC2_DIAGNOSTIC_SOURCE, fieldProblemDiagnostics, PREFLIGHT_DIAGNOSTIC_SOURCE, type FieldProblemSource } from './field-diagnostics';
import { hasPreflight, newRequestTemplate, operationSummaries } from './templates';

/** What a run takes from the caller: the user's settings, and what the caller allows. */
export interface RunnerSettings {
  /** Else AWS_PROFILE, else the default profile. */
  readonly profile?: string;
  /** Else AWS_REGION / AWS_DEFAULT_REGION, else the profile's region. */
  readonly region?: string;
  readonly timeoutSeconds?: number;
  /** EC2 endpoint from a machine-scoped setting only: a workspace must never redirect signed requests. */
  readonly endpoint?: string;
  /** False in an untrusted workspace: nothing is sent (or signed). Default true. */
  readonly executionAllowed?: boolean;
}

/** Per execution: cancellation, and where the request log goes (its lines are redacted by the execution module). */
export interface RunControl {
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

export type Readiness =
  | { readonly ready: true; readonly request: ExecutionRequest }
  /** `errors`: the error diagnostics that stop it (none when the file is not a request at all). */
  | { readonly ready: false; readonly result: ExecutionResult; readonly errors: Diagnostic[] };

/** Identity and the sentence to confirm a real run with; without `prompt` when the identity could not be found. */
export type Confirmation = IdentityResult & Partial<ConfirmationInfo>;

/** Seconds: the bound of the timeout setting (package.json) and of `--timeout`. */
export const MAX_TIMEOUT_SECONDS = 600;
/** Errors named (by line and code) in the message of a request that is not sent; the editor or the CLI shows them all. */
const ERRORS_NAMED = 3;

export class RequestRunner {
  /** Per document: the field problems of its last execution, for the version that was sent. */
  private readonly fieldDiagnosticsByUri = new Map<string, { version: number; diagnostics: Diagnostic[] }>();

  constructor(private readonly service: RequestLanguageService) {}

  /**
   * Whether the document can be sent as it is: a request file whose root is an object, without
   * syntax errors or error diagnostics. The SDK silently drops members it does not know, so a file
   * with errors would not be sent as written.
   */
  readiness(document: TextDocument): Readiness {
    const analysis = this.service.analyze(document);
    const { operation, parsed } = analysis;
    const name = operation?.['x-operation'].name ?? '';
    const refuse = (message: string, errors: Diagnostic[] = []): Readiness => ({
      ready: false,
      result: notSent('invalid', name, `${name || 'The request'} was not sent`, `${message} Nothing was sent.`),
      errors,
    });
    if (!operation) {
      return refuse(
        analysis.detection.kind === 'unknown-modeline'
          ? `The modeline names no operation eni-requests knows (${analysis.detection.command}).`
          : 'This file is not a request file: name it <name>.<cli-command>.json|yaml, or start it with a modeline such as "# ec2: create-network-interface".',
      );
    }
    if (analysis.tooLarge) return refuse('The file is too large to be checked (setting eniRequests.maxFileSize), so it is not sent.');
    const errors = this.service.validate(document).filter((d) => d.severity === DiagnosticSeverity.Error);
    if (errors.length) {
      const named = errors.slice(0, ERRORS_NAMED).map((d) => `line ${d.range.start.line + 1} [${d.code}]`);
      const more = errors.length > ERRORS_NAMED ? ` and ${errors.length - ERRORS_NAMED} more` : '';
      return refuse(
        `The request has ${errors.length === 1 ? '1 error' : `${errors.length} errors`} (${named.join(', ')}${more}). Fix ${errors.length === 1 ? 'it' : 'them'} first: the SDK silently drops members it does not know.`,
        errors,
      );
    }
    const root = parsed?.root;
    if (!parsed || root?.kind !== 'object') return refuse(`A ${name} request is an object of parameters ({ "Name": value, … }).`);
    return {
      ready: true,
      // What the file's consumer sends: for the AWS CLI, after its repairs (model/aws-cli.ts).
      request: { operation, input: sentInput(analysis, root), filePath: analysis.filePath, syntax: parsed.syntax },
    };
  }

  /** DryRun=true; operations without DryRun send nothing and say so. */
  dryRun(document: TextDocument, settings: RunnerSettings, control: RunControl = {}): Promise<ExecutionResult> {
    return this.execute(document, settings, control, (execution, request, options) => execution.dryRun(request, options), EC2_DIAGNOSTIC_SOURCE);
  }

  /** A REAL run: sends nothing unless `confirmed`. */
  run(document: TextDocument, settings: RunnerSettings, control: RunControl & { confirmed: boolean }): Promise<ExecutionResult> {
    return this.execute(
      document,
      settings,
      control,
      (execution, request, options) => execution.run(request, { ...options, confirmed: control.confirmed }),
      EC2_DIAGNOSTIC_SOURCE,
    );
  }

  /** The read-only check of an Assign/Unassign request; its findings are `preflight` diagnostics, not `ec2` ones: EC2 never saw the request. */
  preflight(document: TextDocument, settings: RunnerSettings, control: RunControl = {}): Promise<PreflightResult> {
    return this.execute(document, settings, control, (execution, request, options) => execution.preflight(request, options), PREFLIGHT_DIAGNOSTIC_SOURCE);
  }

  /** The signed request and the CLI line; nothing is sent. */
  preview(document: TextDocument, settings: RunnerSettings, control: RunControl = {}): Promise<PreviewResult> {
    return this.execute(document, settings, control, (execution, request, options) => execution.preview(request, options), undefined);
  }

  /** Who a real run of the document would act as, and the sentence that asks to confirm it. */
  async confirmation(document: TextDocument, settings: RunnerSettings, control: RunControl = {}): Promise<Confirmation> {
    const prepared = this.prepare(document, settings);
    if ('kind' in prepared) return prepared;
    const execution = loadExecution();
    const operation = this.service.analyze(document).operation!['x-operation'].name;
    const identity = await execution.whoAmI(executionOptions(settings, control));
    if (identity.kind !== 'succeeded' || !identity.identity) return identity;
    return {
      ...identity,
      operation,
      region: identity.region ?? '',
      profile: identity.profile ?? 'default',
      account: identity.identity.account,
      arn: identity.identity.arn,
      prompt: execution.confirmationPrompt(operation, identity),
    };
  }

  decodeAuthorizationMessage(encoded: string, settings: RunnerSettings, control: RunControl = {}): Promise<DecodeResult> {
    const refused = this.refusal(settings, 'DecodeAuthorizationMessage');
    return refused ? Promise.resolve(refused) : loadExecution().decodeAuthorizationMessage(encoded, executionOptions(settings, control));
  }

  /** The `ec2` diagnostics of the document's last dry run or run, or the `preflight` ones of its last preflight, until it is edited. */
  fieldDiagnostics(document: TextDocument): Diagnostic[] {
    const entry = this.fieldDiagnosticsByUri.get(document.uri);
    return entry?.version === document.version ? entry.diagnostics : [];
  }

  forget(uri: string): void {
    this.fieldDiagnosticsByUri.delete(uri);
  }

  operations(): OperationSummary[] {
    return operationSummaries(this.service.registry);
  }

  newRequest(operation: string, syntax: 'json' | 'yaml'): NewRequestTemplate | undefined {
    return newRequestTemplate(this.service.registry, operation, syntax);
  }

  /**
   * Whole-file actions (kind `source`) for a request that can be sent: dry-run it (naming where it
   * would go), preview it, and for operations without DryRun, the read-only preflight. `only`: the
   * kinds the client asked for.
   */
  codeActions(document: TextDocument, settings: RunnerSettings, only?: string[]): CodeAction[] {
    const kind = CodeActionKind.Source;
    if (only && !only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`))) return [];
    if (this.refusal(settings) || !this.readiness(document).ready) return [];
    const info = this.service.analyze(document).operation!['x-operation'];
    const action = (title: string, command: string): CodeAction => ({ title, kind, command: { title, command, arguments: [document.uri] } });
    const actions: CodeAction[] = [];
    if (info.hasDryRun) actions.push(action(`Dry-run ${info.name} (${targetLabel(settings)})`, ServerCommand.dryRun));
    if (hasPreflight(info)) actions.push(action(`Preflight ${info.name} (read-only)`, ServerCommand.preflight));
    actions.push(action('Preview request', ServerCommand.preview));
    return actions;
  }

  private async execute<R extends ExecutionResult>(
    document: TextDocument,
    settings: RunnerSettings,
    control: RunControl,
    send: (execution: Execution, request: ExecutionRequest, options: ExecutionOptions) => Promise<R>,
    /** The source of the field problems as diagnostics; undefined: the execution's are not recorded (a preview). */
    source: FieldProblemSource | undefined,
  ): Promise<R | ExecutionResult> {
    const prepared = this.prepare(document, settings);
    if ('kind' in prepared) return prepared;
    // The document object is updated in place by edits: what was sent is this version.
    const version = document.version;
    const result = await send(loadExecution(), prepared, executionOptions(settings, control));
    if (source) this.record(document, version, result.fieldProblems, source);
    return result;
  }

  /** The request to send, or the result that says why nothing is sent. */
  private prepare(document: TextDocument, settings: RunnerSettings): ExecutionRequest | ExecutionResult {
    const refused = this.refusal(settings, this.service.analyze(document).operation?.['x-operation'].name);
    if (refused) return refused;
    const readiness = this.readiness(document);
    return readiness.ready ? readiness.request : readiness.result;
  }

  /** Replaces the document's field diagnostics, unless it changed while the request was in flight (the paths may no longer fit). */
  private record(document: TextDocument, version: number, problems: readonly FieldProblem[], source: FieldProblemSource): void {
    if (document.version !== version) return;
    this.fieldDiagnosticsByUri.set(document.uri, { version, diagnostics: fieldProblemDiagnostics(this.service.analyze(document), problems, source) });
  }

  /** The result for an execution the caller does not allow (an untrusted workspace). */
  private refusal(settings: RunnerSettings, operation = ''): ExecutionResult | undefined {
    if (settings.executionAllowed !== false) return undefined;
    return notSent(
      'error',
      operation,
      'Requests are not sent from an untrusted workspace',
      'Dry runs, runs, preflights, previews and identity look-ups are disabled until the workspace is trusted; diagnostics still work. Nothing was sent.',
    );
  }
}

/** The `eniRequests` section of the client's settings → the members a run takes. Never an endpoint: a workspace may set this section. */
/** The parameters the file's consumer sends: the file's members, repaired as the AWS CLI repairs them when it is the reader. */
function sentInput(analysis: RequestAnalysis, root: ObjectNode): Record<string, unknown> {
  const input = toPlainValue(root) as Record<string, unknown>;
  return analysis.consumer === 'aws-cli' && analysis.operation ? applyCliRepairs(analysis.operation['x-operation'].name, input) : input;
}

function executionOptions(settings: RunnerSettings, control: RunControl): ExecutionOptions {
  return {
    profile: settings.profile || undefined,
    region: settings.region || undefined,
    endpoint: settings.endpoint || undefined,
    timeoutMs: settings.timeoutSeconds ? settings.timeoutSeconds * 1000 : undefined,
    signal: control.signal,
    log: control.log,
  };
}

/** "eu-west-1, profile prod": where a run would go, as far as it is known without reading the AWS config. */
function targetLabel(settings: RunnerSettings): string {
  const region = settings.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || "the profile's region";
  const profile = settings.profile || process.env.AWS_PROFILE;
  return `${region}, ${profile ? `profile ${profile}` : 'default profile'}`;
}

/** A result for a request that was not sent: nothing was signed, so no region, endpoint or time. */
export function notSent(kind: 'invalid' | 'error', operation: string, title: string, message: string): ExecutionResult {
  return { kind, title, message, operation, fieldProblems: [], durationMs: 0 };
}
