/** STS: who the credentials are (for the real-run confirmation), and why EC2 denied a request. */
import {
  DecodeAuthorizationMessageCommand,
  GetCallerIdentityCommand,
  type DecodeAuthorizationMessageCommandOutput,
  type GetCallerIdentityCommandOutput,
} from '@aws-sdk/client-sts';
import { ExecutionContext } from './context';
import type { DecodeResult, IdentityResult } from '../../../contract/outcome';
import type { ExecutionOptions } from './request';
import { inSession, Session } from './session';

/** STS GetCallerIdentity with the same profile, region and credentials as the EC2 requests. */
export async function whoAmI(options: ExecutionOptions = {}): Promise<IdentityResult> {
  const context = new ExecutionContext('GetCallerIdentity', 'identity', options, 'STS');
  return inSession(Session.sts(context), context, { input: {}, realRun: false }, async (session) => {
    const output = await session.send<GetCallerIdentityCommandOutput>(new GetCallerIdentityCommand({}));
    const identity = { account: output.Account ?? '', arn: output.Arn ?? '', userId: output.UserId ?? '' };
    return context.finish({
      kind: 'succeeded',
      requestId: output.$metadata.requestId,
      title: `Account ${identity.account}`,
      message: `${identity.arn} (account ${identity.account}) in ${context.region} with ${context.profileName}.`,
      identity,
    });
  });
}

/** The text of the real-run confirmation: "Run CreateNetworkInterface in eu-west-1 with profile prod as account 123456789012?" */
export function confirmationPrompt(operation: string, identity: IdentityResult): string {
  const profile = identity.profile ? `profile ${identity.profile}` : 'the default profile';
  return `Run ${operation} in ${identity.region} with ${profile} as account ${identity.identity?.account ?? 'unknown'}? This is not a dry run: it changes the account.`;
}

/** STS DecodeAuthorizationMessage: the policy evaluation behind an UnauthorizedOperation. */
export async function decodeAuthorizationMessage(encoded: string, options: ExecutionOptions = {}): Promise<DecodeResult> {
  const context = new ExecutionContext('DecodeAuthorizationMessage', 'decode', options, 'STS');
  const input = { EncodedMessage: encoded };
  return inSession(Session.sts(context), context, { input, realRun: false }, async (session) => {
    const output = await session.send<DecodeAuthorizationMessageCommandOutput>(new DecodeAuthorizationMessageCommand(input));
    const decoded = parseJson(output.DecodedMessage ?? '');
    return context.finish({
      kind: 'succeeded',
      requestId: output.$metadata.requestId,
      title: 'Why the request was denied',
      message: summarize(decoded),
      decoded: decoded === undefined ? (output.DecodedMessage ?? '') : JSON.stringify(decoded, null, 2),
    });
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One sentence from the decoded evaluation: who, what, on which resource, and the verdict. */
function summarize(decoded: unknown): string {
  const d = (decoded ?? {}) as { allowed?: boolean; explicitDeny?: boolean; context?: { action?: string; resource?: string; principal?: { arn?: string } } };
  const verdict = d.allowed ? 'allowed' : d.explicitDeny ? 'explicitly denied by a policy statement' : 'not allowed by any policy';
  const who = d.context?.principal?.arn ? `${d.context.principal.arn}: ` : '';
  const what = d.context?.action ? `${d.context.action}${d.context.resource ? ` on ${d.context.resource}` : ''} is ` : 'The request is ';
  return `${who}${what}${verdict}.`;
}
