/**
 * One execution (a dry run, a run, a preflight, a preview, a whoAmI, a decode): what it knows so
 * far (region, profile, where it sent), the secrets it must keep out of text, its request log, and
 * the one place its result is built, redacted and logged.
 */
import type { ExecutionResult } from '../../../contract/outcome';
import type { ExecutionOptions } from './request';
import { redact } from './redact';

/** What an outcome says, before the execution adds where and how long. */
export type Outcome = Pick<ExecutionResult, 'kind' | 'title' | 'message'> &
  Partial<Pick<ExecutionResult, 'code' | 'requestId' | 'encodedAuthorizationMessage' | 'fieldProblems' | 'preflightAvailable' | 'output'>>;

export class ExecutionContext {
  private readonly started = Date.now();
  private readonly secrets: string[] = [];
  /** The profile in effect when one is named; undefined means the default profile. */
  readonly profile: string | undefined;
  region: string | undefined;
  endpointHost: string | undefined;

  constructor(
    readonly operation: string,
    /** What is being done, for the log: "dry run", "run", "preflight", … */
    readonly label: string,
    readonly options: ExecutionOptions,
    /** Who answers, for messages. */
    readonly service: 'EC2' | 'STS' = 'EC2',
  ) {
    this.profile = options.profile || process.env.AWS_PROFILE || undefined;
  }

  /** `profile "prod"` or `the default profile`, for messages. */
  get profileName(): string {
    return this.profile ? `profile "${this.profile}"` : 'the default profile';
  }

  addSecrets(...secrets: (string | undefined)[]): void {
    for (const secret of secrets) if (secret) this.secrets.push(secret);
  }

  redact(text: string): string {
    return redact(text, this.secrets);
  }

  log(line: string): void {
    this.options.log?.(this.redact(line));
  }

  /** The result, redacted, with one summary line in the request log. */
  finish<Extra extends object = object>(outcome: Outcome & Extra): ExecutionResult & NoInfer<Extra> {
    const result = {
      ...outcome,
      title: this.redact(outcome.title),
      message: this.redact(outcome.message),
      fieldProblems: (outcome.fieldProblems ?? []).map((p) => ({ ...p, message: this.redact(p.message) })),
      operation: this.operation,
      region: this.region,
      profile: this.profile,
      endpointHost: this.endpointHost,
      durationMs: Date.now() - this.started,
    };
    this.log(
      `${this.operation} ${this.label} → ${result.kind}${result.code ? ` (${result.code})` : ''}` +
        ` region=${this.region ?? '-'} profile=${this.profile ?? 'default'} endpoint=${this.endpointHost ?? '-'}` +
        ` requestId=${result.requestId ?? '-'} ${result.durationMs} ms`,
    );
    return result;
  }
}
