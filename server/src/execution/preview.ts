/**
 * The exact request the SDK would send, built by the SDK's own middleware stack (serializer,
 * endpoint resolution, signer) and stopped before the wire; and the equivalent AWS CLI command.
 */
import type { ExecutionContext } from './context';
import { begin, type ResolvedOperation } from './operations';
import type { HttpRequestPreview, PreviewResult } from '../../../contract/outcome';
import type { ExecutionRequest, PreviewOptions } from './request';
import { inSession, Session, type SignedRequest } from './session';

export async function preview(request: ExecutionRequest, options: PreviewOptions = {}): Promise<PreviewResult> {
  const begun = begin(request, 'preview', options);
  if (!('context' in begun)) return begun;
  const { operation, context } = begun;
  const dryRun = (options.dryRun ?? true) && operation.hasDryRun;
  const input = dryRun ? { ...request.input, DryRun: true } : request.input;
  return inSession(Session.ec2(context, { preview: true }), context, { input, realRun: false }, async (session) => {
    const signed = await session.capture(operation.create(input));
    const notes = ['Nothing was sent.'];
    if (session.placeholderCredentials)
      notes.push(
        `No credentials were found for ${context.profileName}: the request is signed with placeholder credentials, so the signature only shows its shape.`,
      );
    if (!operation.hasDryRun) notes.push(`${operation.name} has no dry run: this is the request a real run sends, and it changes the account.`);
    else if (dryRun) notes.push('With DryRun=true EC2 only checks the request.');
    if (syntaxOf(request) === 'yaml') notes.push('--cli-input-yaml needs AWS CLI v2 (v1 reads only --cli-input-json).');
    return context.finish({
      kind: 'succeeded',
      title: `Preview of ${operation.name}${dryRun ? ' (dry run)' : ''}`,
      message: notes.join(' '),
      preview: {
        ...httpPreview(signed, context),
        cliCommand: cliCommandLine(operation, request, context, dryRun, signed),
        placeholderCredentials: session.placeholderCredentials,
      },
    });
  });
}

function httpPreview(signed: SignedRequest, context: ExecutionContext): Pick<HttpRequestPreview, 'method' | 'url' | 'headers' | 'body'> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(signed.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value ?? '']) query.append(name, v);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    headers[name] = name.toLowerCase() === 'x-amz-security-token' ? '<redacted>' : context.redact(value);
  }
  return {
    method: signed.method,
    url: context.redact(`${signed.protocol}//${signed.hostname}${signed.port ? `:${signed.port}` : ''}${signed.path}${query.size ? `?${query}` : ''}`),
    headers,
    body: context.redact(typeof signed.body === 'string' ? signed.body : ''),
  };
}

function syntaxOf(request: ExecutionRequest): 'json' | 'yaml' {
  return request.syntax ?? (/\.ya?ml$/i.test(request.filePath ?? '') ? 'yaml' : 'json');
}

/**
 * `aws ec2 <command> --cli-input-json|yaml file://<path> [--dry-run] [--region r] [--profile p] [--endpoint-url u]`,
 * with `--endpoint-url` whenever the request goes anywhere but EC2's own endpoint (the setting, or
 * AWS_ENDPOINT_URL_EC2 and the like, which not every AWS CLI version reads).
 */
function cliCommandLine(operation: ResolvedOperation, request: ExecutionRequest, context: ExecutionContext, dryRun: boolean, signed: SignedRequest): string {
  const syntax = syntaxOf(request);
  const parts = ['aws', 'ec2', operation.cliCommand, `--cli-input-${syntax}`, shellQuote(`file://${request.filePath ?? `request.${syntax}`}`)];
  // On the command line --dry-run wins over a DryRun member in the file, as it does here.
  if (dryRun) parts.push('--dry-run');
  if (context.region) parts.push('--region', shellQuote(context.region));
  if (context.profile) parts.push('--profile', shellQuote(context.profile));
  const endpoint =
    context.options.endpoint ??
    (/\.amazonaws\.com(?:\.cn)?$/.test(signed.hostname)
      ? undefined
      : `${signed.protocol}//${signed.hostname}${signed.port ? `:${signed.port}` : ''}${signed.path.replace(/\/$/, '')}`);
  if (endpoint) parts.push('--endpoint-url', shellQuote(context.redact(endpoint)));
  return parts.join(' ');
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
