/** The dry-run path and the real run. */
import type { ExecutionContext } from './context';
import { begin, type ResolvedOperation } from './operations';
import type { ExecutionResult } from '../../../contract/outcome';
import type { ExecutionOptions, ExecutionRequest, RunOptions } from './request';
import { PREFLIGHT } from './preflight';
import { inSession, Session } from './session';

/**
 * Sends the request with DryRun=true, whatever the file says about DryRun. Operations without a
 * DryRun parameter send nothing: their result says so and offers the preflight.
 */
export async function dryRun(request: ExecutionRequest, options: ExecutionOptions = {}): Promise<ExecutionResult> {
  const begun = begin(request, 'dry run', options);
  if (!('context' in begun)) return begun;
  const { operation, context } = begun;
  if (!operation.hasDryRun) {
    const readOnly = operation.name.startsWith('Describe');
    return context.finish({
      kind: 'no-dry-run',
      title: `${operation.name} has no dry run`,
      message: readOnly
        ? `EC2 has no DryRun parameter for ${operation.name}, so nothing was sent. It only reads: a real run changes nothing.`
        : `EC2 has no DryRun parameter for ${operation.name}, so nothing was sent: a real run changes the account. The read-only preflight checks the interface and its addresses instead.`,
      preflightAvailable: Object.hasOwn(PREFLIGHT, operation.name),
    });
  }
  return send(context, operation, { ...request.input, DryRun: true }, false);
}

/** Sends the request as the file has it. Refuses, sending nothing, unless `confirmed: true`. */
export async function run(request: ExecutionRequest, options: RunOptions = {}): Promise<ExecutionResult> {
  const begun = begin(request, 'run', options);
  if (!('context' in begun)) return begun;
  const { operation, context } = begun;
  if (options.confirmed !== true) {
    return context.finish({
      kind: 'not-confirmed',
      title: `${operation.name} was not run`,
      message: `A real run changes the account and needs an explicit confirmation. Nothing was sent.`,
    });
  }
  return send(context, operation, request.input, true);
}

function send(context: ExecutionContext, operation: ResolvedOperation, input: Record<string, unknown>, realRun: boolean): Promise<ExecutionResult> {
  return inSession(Session.ec2(context), context, { input, realRun }, async (session) => {
    const { $metadata, ...output } = await session.send(operation.create(input));
    if (!realRun) {
      // EC2 answers a dry run with an error, DryRunOperation at best: a success means the endpoint ignored DryRun.
      return context.finish({
        kind: 'error',
        requestId: $metadata.requestId,
        title: `${operation.name}: the endpoint did not treat the request as a dry run`,
        message: `${context.endpointHost} answered with success instead of DryRunOperation: it may have carried the request out. Check the account, and whether this endpoint honours DryRun.`,
        output,
      });
    }
    return context.finish({ kind: 'succeeded', requestId: $metadata.requestId, title: `${operation.name} succeeded`, message: 'EC2 ran the request.', output });
  });
}
