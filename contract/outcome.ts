/**
 * What running a request gives back: results, previews, preflight reports, exit codes. Part of the
 * client↔server contract (the VS Code client shows these), so it imports nothing; the execution
 * module (server/src/execution) produces them, and its input types are in execution/request.ts.
 */

export type OutcomeKind =
  | 'would-succeed'
  | 'succeeded'
  | 'denied'
  | 'invalid'
  | 'unreachable'
  | 'no-credentials'
  | 'no-region'
  | 'cancelled'
  | 'timeout'
  | 'throttled'
  | 'auth-failure'
  | 'error'
  | 'no-dry-run'
  | 'not-confirmed';

/** A member EC2 complained about, as a path from the root of the request (keys and array indexes). */
export interface FieldProblem {
  readonly path: (string | number)[];
  readonly code: string;
  readonly message: string;
}

export interface ExecutionResult {
  readonly kind: OutcomeKind;
  /** One line for a notification. */
  readonly title: string;
  /** The details, in the user's terms. */
  readonly message: string;
  readonly operation: string;
  /** The EC2/STS error code, when the service answered with one. */
  readonly code?: string;
  readonly requestId?: string;
  /** From UnauthorizedOperation: decode it with `decodeAuthorizationMessage`. */
  readonly encodedAuthorizationMessage?: string;
  readonly fieldProblems: FieldProblem[];
  readonly region?: string;
  /** The profile in effect, when one was named (setting or AWS_PROFILE). */
  readonly profile?: string;
  /** Where the request went (host[:port]), or for a preview would go; undefined when nothing was signed. */
  readonly endpointHost?: string;
  readonly durationMs: number;
  /** 'no-dry-run' only: a read-only preflight can check the request instead. */
  readonly preflightAvailable?: boolean;
  /** 'succeeded' real runs: the response members. */
  readonly output?: Record<string, unknown>;
}

/**
 * What `preflight` found about the interface an Assign/Unassign request names (and, for Assign,
 * its subnet). The request is ready when the result's kind is `succeeded`; each finding that stops
 * it is also a FieldProblem on the member it is about.
 */
export interface PreflightReport {
  readonly networkInterfaceId: string;
  readonly exists: boolean;
  readonly subnetId?: string;
  readonly vpcId?: string;
  readonly status?: string;
  readonly privateIpv4Addresses: { address: string; primary: boolean }[];
  readonly ipv6Addresses: string[];
  readonly ipv4Prefixes: string[];
  readonly ipv6Prefixes: string[];
  /** Assign: requested addresses and prefixes the interface already has. */
  readonly alreadyAssigned: string[];
  /** Unassign: requested addresses and prefixes the interface does not have. */
  readonly notPresent: string[];
  /** Assign: requested addresses another interface in the subnet holds. */
  readonly inUseElsewhere: { address: string; networkInterfaceId: string }[];
  /** Assign, once the subnet was described: its IPv4 CIDR block (none on an IPv6-only subnet). */
  readonly subnetCidrBlock?: string;
  /** Assign, once the subnet was described: its associated IPv6 CIDR blocks (none: the subnet has no IPv6). */
  readonly subnetIpv6CidrBlocks?: string[];
  /** Assign: requested addresses and prefixes outside the subnet's CIDR blocks of their family. */
  readonly outsideSubnet: string[];
  /** Assign: requested addresses that are one of the five AWS reserves in the subnet's block (the first four, the last). */
  readonly reservedInSubnet: string[];
}

export interface PreflightResult extends ExecutionResult {
  readonly report?: PreflightReport;
}

/** The request the SDK would send, signed, with the signature and any session token redacted. */
export interface HttpRequestPreview {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The form body: `Action=…&Version=…&…`. */
  readonly body: string;
  /** The equivalent AWS CLI command line. */
  readonly cliCommand: string;
  /** No credentials were found: signed with placeholders (the signature shows the shape only). */
  readonly placeholderCredentials: boolean;
}

export interface PreviewResult extends ExecutionResult {
  readonly preview?: HttpRequestPreview;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

export interface IdentityResult extends ExecutionResult {
  readonly identity?: CallerIdentity;
}

export interface DecodeResult extends ExecutionResult {
  /** The decoded authorization message, pretty-printed JSON. */
  readonly decoded?: string;
}

/**
 * Exit codes for the CLI (`eni-requests dry-run|run|preflight|preview`):
 *   0    would succeed (DryRunOperation), or succeeded
 *   1    EC2 answered with another error (e.g. IncorrectState, a limit), or an unexpected failure
 *   2    a real run was not confirmed (a usage error: nothing was sent)
 *   3    denied (UnauthorizedOperation / AccessDenied)
 *   4    invalid: EC2 rejected the request (InvalidParameterValue, *.NotFound, *.Malformed, …)
 *   5    EC2 was not reached or would not answer: unreachable, timeout, throttled, no credentials,
 *        no region, credentials rejected (AuthFailure)
 *   6    not checked: the operation has no dry run (use preflight)
 *   130  cancelled
 */
export const EXIT_CODES: Readonly<Record<OutcomeKind, number>> = {
  'would-succeed': 0,
  succeeded: 0,
  error: 1,
  'not-confirmed': 2,
  denied: 3,
  invalid: 4,
  unreachable: 5,
  timeout: 5,
  throttled: 5,
  'no-credentials': 5,
  'no-region': 5,
  'auth-failure': 5,
  'no-dry-run': 6,
  cancelled: 130,
};
