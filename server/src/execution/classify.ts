/**
 * A failed send → an outcome. Service errors go by their code (the SDK puts EC2's `<Code>` in the
 * error's `name`); transport errors by Node's error code or the SDK's error name.
 */
import type { ExecutionContext, Outcome } from './context';
import { fieldProblemsFor } from './field-problems';
import { DEFAULT_TIMEOUT_MS } from './request';

const DENIED = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);
const AUTH_FAILURE = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'UnrecognizedClientException',
]);
const THROTTLED = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
]);
/** Node's network error codes: the service was not reached, or the connection broke. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
const TLS_FAILURE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/;

interface ServiceError extends Error {
  $fault: 'client' | 'server';
  $metadata?: { requestId?: string };
}

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).$fault === 'string';
}

/** The code of a service error; undefined for a transport or unexpected failure. */
export function serviceErrorCode(error: unknown): string | undefined {
  return isServiceError(error) ? error.name : undefined;
}

/** `realRun`: the request may have changed the account, which a cancellation or timeout must say. */
export function classifyError(error: unknown, context: ExecutionContext, input: unknown, realRun: boolean): Outcome {
  const { operation: op, service } = context;
  const host = context.endpointHost ?? `the ${service} endpoint`;
  const mayHaveRun = realRun ? ` If the request reached ${service} it may still have taken effect: check before running it again.` : '';
  if (context.options.signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return { kind: 'cancelled', title: `${op} cancelled`, message: `Cancelled before ${service} answered.${mayHaveRun}` };
  }
  if (isServiceError(error)) return serviceOutcome(error, context, input);
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const reason = error instanceof Error ? error.message : String(error);
  if (UNREACHABLE.has(code) || TLS_FAILURE.test(code)) {
    const hint =
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `The host name does not resolve: check the region (${context.region}), any endpoint setting, and the network.`
        : `Check the network, any proxy or VPN, and the endpoint (AWS_ENDPOINT_URL_${service}, AWS_ENDPOINT_URL, the profile's endpoint_url, or the endpoint setting).`;
    return { kind: 'unreachable', title: `Could not reach ${service} at ${host}`, message: `${reason} (${code}). ${hint}${mayHaveRun}` };
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    const seconds = (context.options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000;
    return { kind: 'timeout', title: `${op}: no answer from ${service}`, message: `${host} did not answer within ${seconds} s.${mayHaveRun}` };
  }
  return { kind: 'error', title: `${op} failed`, message: reason };
}

function serviceOutcome(error: ServiceError, context: ExecutionContext, input: unknown): Outcome {
  const { operation: op, service } = context;
  const code = error.name;
  const answer = { code, requestId: error.$metadata?.requestId };
  if (code === 'DryRunOperation') {
    return {
      ...answer,
      kind: 'would-succeed',
      title: `${op} would succeed`,
      message: `${service} checked the request and would have run it (DryRunOperation). Nothing was changed.`,
    };
  }
  if (DENIED.has(code)) {
    // EC2 appends an encoded message that only STS DecodeAuthorizationMessage can read.
    const encoded = /Encoded authorization failure message:\s*(\S+)/i.exec(error.message)?.[1];
    const reason = error.message.replace(/\s*Encoded authorization failure message:\s*\S+/i, '');
    return {
      ...answer,
      kind: 'denied',
      title: `Not permitted: ${op} with ${context.profileName}`,
      message: `${withCode(reason, code)}${encoded ? ' Decode the authorization message to see why.' : ''}`,
      encodedAuthorizationMessage: encoded,
    };
  }
  if (AUTH_FAILURE.has(code)) {
    const login = context.profile ? `aws sso login --profile ${context.profile}` : 'aws sso login';
    const clock = code === 'RequestExpired' || code === 'SignatureDoesNotMatch' ? " If they are valid, check this machine's clock." : '';
    return {
      ...answer,
      kind: 'auth-failure',
      title: `${service} did not accept the credentials of ${context.profileName}`,
      message: `${withCode(error.message, code)} They may be expired, deactivated, or meant for another endpoint: refresh them (\`${login}\`, \`aws configure\`).${clock}`,
    };
  }
  if (THROTTLED.has(code)) {
    return { ...answer, kind: 'throttled', title: `${service} is throttling requests`, message: `${withCode(error.message, code)} Try again in a moment.` };
  }
  const invalid = /^(Invalid|Missing|Unknown)|\.(NotFound|Malformed)$/.test(code);
  return {
    ...answer,
    kind: invalid ? 'invalid' : 'error',
    title: `${service} rejected ${op}: ${code}`,
    message: error.message,
    fieldProblems: fieldProblemsFor(code, error.message, input),
  };
}

/** "Request limit exceeded." + code → "Request limit exceeded (RequestLimitExceeded)." */
function withCode(message: string, code: string): string {
  return `${message.trim().replace(/\.$/, '')} (${code}).`;
}
