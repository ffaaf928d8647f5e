/**
 * What the execution module takes: one request file ready to send, and how to send it. SDK-free,
 * like contract/outcome.ts (what it gives back): the language server and the CLI import both without
 * loading the AWS SDK (see load.ts).
 */
import type { OperationSchema } from '../model/schema-types';

/** One request file, ready to send. */
export interface ExecutionRequest {
  /** The operation's schema (the registry's: execution keeps none of its own). */
  readonly operation: OperationSchema;
  /** Exactly the members the file holds: the plain value of its tree (`toPlainValue`). */
  readonly input: Record<string, unknown>;
  /** The file, for the equivalent `aws ec2 … file://<path>` command line. */
  readonly filePath?: string;
  readonly syntax?: 'json' | 'yaml';
}

export interface ExecutionOptions {
  /** Else AWS_PROFILE, else the default profile. */
  readonly profile?: string;
  /** Else AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region`. */
  readonly region?: string;
  /**
   * EC2 endpoint URL. Only from a machine-scoped setting (never a workspace: a repo must not be
   * able to redirect signed requests). Without it the standard sources apply: AWS_ENDPOINT_URL_EC2,
   * AWS_ENDPOINT_URL, then the chosen profile's `endpoint_url` (its `services` section first).
   */
  readonly endpoint?: string;
  /** The same for STS (whoAmI, decodeAuthorizationMessage); else AWS_ENDPOINT_URL_STS etc. */
  readonly stsEndpoint?: string;
  /** Cancels the request in flight (outcome 'cancelled'). */
  readonly signal?: AbortSignal;
  /** Per attempt: connecting, and waiting for the answer. Default DEFAULT_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** Attempts including retries; default the SDK's (3, or AWS_MAX_ATTEMPTS / `max_attempts`). */
  readonly maxAttempts?: number;
  /** The request log (an output channel). Lines are redacted: never a secret, token or signature. */
  readonly log?: (line: string) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RunOptions extends ExecutionOptions {
  /** A real run changes the account: without `confirmed: true`, `run` refuses and sends nothing. */
  readonly confirmed?: boolean;
}

export interface PreviewOptions extends ExecutionOptions {
  /** Preview the dry-run request (the default) or the real one. */
  readonly dryRun?: boolean;
}
