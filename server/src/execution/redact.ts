/**
 * The guard every log line, result message and preview passes through: no secret access key,
 * session token or signature may leave the execution module. Known secrets (the credentials this
 * execution resolved) go by value, in plain and URL-encoded form; signatures and tokens also go by
 * shape, so a secret the module never saw (in an SDK error message, say) is caught too.
 */

const REDACTED = '<redacted>';

const BY_SHAPE: RegExp[] = [
  // SigV4 signatures: the Authorization header's and a presigned URL's.
  /(\bSignature=)[0-9a-f]{64}/gi,
  // Tokens and secret keys written as name=value, name: value, "name": "value".
  /(\b(?:x-amz-security-token|aws_session_token|aws_secret_access_key|session_?token|secret_?access_?key)["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
];

/** Secrets shorter than this are not matched by value (they would redact ordinary words). */
const MIN_SECRET_LENGTH = 8;

export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join(REDACTED);
  }
  for (const pattern of BY_SHAPE) result = result.replace(pattern, `$1${REDACTED}`);
  return result;
}
