/**
 * An SDK client for one execution, set up as the AWS CLI would be: credentials from the standard
 * chain, region and endpoint from settings with the usual fallbacks. Region and credentials are
 * resolved before anything is sent, so their absence gets a clear message rather than an SDK error.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { booleanSelector, CONFIG_PREFIX_SEPARATOR, loadConfig, SelectorType } from '@smithy/core/config';
import { classifyError } from './classify';
import type { ExecutionContext } from './context';
import type { AnyCommand } from './operations';
import { type ExecutionResult } from '../../../contract/outcome';
import { DEFAULT_TIMEOUT_MS } from './request';

/** AWS's documented example keys: a preview without credentials is signed with these, and says so. */
const PLACEHOLDER_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/** The signed request as the SDK hands it to the HTTP handler. */
export interface SignedRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

type Handler = (args: { request: unknown }) => Promise<unknown>;
interface MiddlewareStack {
  addRelativeTo(middleware: (next: Handler) => Handler, options: { relation: 'after'; toMiddleware: string; name: string; override: boolean }): void;
}

/** Thrown by the capture middleware of a preview session: the request stops before the wire. */
class StopBeforeSending extends Error {}

export interface SessionOptions {
  /** Preview: sign with placeholders when there are no credentials, and never send. */
  readonly preview?: boolean;
}

type Client = EC2Client | STSClient;

export class Session {
  /** The last signed request (each attempt replaces it). */
  private signed: SignedRequest | undefined;
  placeholderCredentials = false;

  private constructor(
    private readonly client: Client,
    private readonly context: ExecutionContext,
    preview: boolean,
  ) {
    // After signing, before the wire: where each attempt goes, for the log (and the preview).
    // (The stack's own types are per client and per command; this middleware only reads the request.)
    (client.middlewareStack as unknown as MiddlewareStack).addRelativeTo(
      (next) => async (args) => {
        const request = args.request as SignedRequest;
        this.signed = request;
        context.endpointHost = request.port ? `${request.hostname}:${request.port}` : request.hostname;
        const action = /^Action=([^&]+)/.exec(String(request.body))?.[1] ?? context.operation;
        const attempt = /attempt=(\d+); max=(\d+)/.exec(request.headers['amz-sdk-request'] ?? '');
        if (preview) throw new StopBeforeSending();
        context.log(
          `→ ${action} ${request.method} ${request.protocol}//${context.endpointHost}${request.path}${attempt ? ` (attempt ${attempt[1]}/${attempt[2]})` : ''}`,
        );
        return next(args);
      },
      { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'eniRequestsCapture', override: true },
    );
  }

  static ec2(context: ExecutionContext, options: SessionOptions = {}): Promise<Session | ExecutionResult> {
    return Session.open((config) => new EC2Client(config), 'ec2', context.options.endpoint, context, options);
  }

  static sts(context: ExecutionContext): Promise<Session | ExecutionResult> {
    return Session.open((config) => new STSClient(config), 'sts', context.options.stsEndpoint, context, {});
  }

  /** A ready client, or the outcome that stops the execution (no region, no credentials, cancelled). */
  private static async open(
    create: (config: ReturnType<typeof clientConfig> & { endpoint?: string }) => Client,
    service: EndpointService,
    endpoint: string | undefined,
    context: ExecutionContext,
    { preview = false }: SessionOptions,
  ): Promise<Session | ExecutionResult> {
    const chain = fromNodeProviderChain({ profile: context.options.profile || undefined, logger: sdkLogger(context) });
    // Assigned below, after the credentials closure that reads it is built.
    // eslint-disable-next-line prefer-const
    let session: Session | undefined;
    const credentials: typeof chain = preview
      ? async (properties) => {
          try {
            return await chain(properties);
          } catch {
            if (session) session.placeholderCredentials = true;
            return PLACEHOLDER_CREDENTIALS;
          }
        }
      : chain;
    const config = { ...clientConfig(context, credentials), endpoint: endpoint ?? (await profileEndpoint(service, context.options.profile)) };
    session = new Session(create(config), context, preview);
    const failure = await session.resolve();
    if (failure) {
      session.close();
      return failure;
    }
    return session;
  }

  private async resolve(): Promise<ExecutionResult | undefined> {
    const { context } = this;
    const profileFlag = context.profile ? ` --profile ${context.profile}` : '';
    try {
      context.region = await this.client.config.region();
    } catch (error) {
      return context.finish({
        kind: 'no-region',
        title: 'No AWS region',
        message:
          `No AWS region is configured for ${context.profileName}: set the region setting, AWS_REGION (or AWS_DEFAULT_REGION), ` +
          `or the profile's region (\`aws configure set region <region>${profileFlag}\`). (${reasonOf(error)})`,
      });
    }
    try {
      const identity = await this.client.config.credentials();
      context.addSecrets(identity.secretAccessKey, identity.sessionToken);
    } catch (error) {
      return context.finish({
        kind: 'no-credentials',
        title: 'No AWS credentials',
        message:
          `No AWS credentials found for ${context.profileName}: run \`aws configure${profileFlag}\` or \`aws sso login${profileFlag}\`` +
          // With a profile named, the SDK (like the CLI) does not look at the environment's keys.
          `${context.profile ? '' : ', or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'}. (${reasonOf(error)})`,
      });
    }
    if (context.options.signal?.aborted)
      return context.finish({ kind: 'cancelled', title: `${context.operation} cancelled`, message: 'Cancelled before anything was sent.' });
    return undefined;
  }

  /** Sends through the SDK (its serializer, signer, retries). */
  send<Output = Record<string, unknown>>(command: AnyCommand): Promise<Output & { $metadata: { requestId?: string } }> {
    // send() is generic over each command's types; the caller names the output it expects.
    const client = this.client as unknown as { send(command: AnyCommand, options: { abortSignal?: AbortSignal }): Promise<never> };
    return client.send(command, { abortSignal: this.context.options.signal });
  }

  /** Preview sessions: the signed request the SDK would send, stopped before the wire. */
  async capture(command: AnyCommand): Promise<SignedRequest> {
    try {
      await this.send(command);
    } catch (error) {
      if (error instanceof StopBeforeSending && this.signed) return this.signed;
      throw error;
    }
    throw new Error('The request was sent: a preview session must stop it.');
  }

  close(): void {
    // Closes the keep-alive sockets: an idle session must not hold the process open.
    this.client.destroy();
  }
}

/**
 * Runs `work` in an opened session and closes it. What stops the session before sending (no region,
 * no credentials) and whatever `work` throws become results. `realRun`: a failure may come after
 * the account changed.
 */
export async function inSession<R extends ExecutionResult>(
  opening: Promise<Session | ExecutionResult>,
  context: ExecutionContext,
  { input, realRun }: { input: unknown; realRun: boolean },
  work: (session: Session) => Promise<R>,
): Promise<R | ExecutionResult> {
  const session = await opening;
  if (!(session instanceof Session)) return session;
  try {
    return await work(session);
  } catch (error) {
    return context.finish(classifyError(error, context, input, realRun));
  } finally {
    session.close();
  }
}

/** What EC2 and STS clients share: settings with the AWS CLI's fallbacks, timeouts, attempts. */
function clientConfig(context: ExecutionContext, credentials: ReturnType<typeof fromNodeProviderChain>) {
  const { options } = context;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    logger: sdkLogger(context),
    // The JS SDK reads AWS_REGION and the profile's region, not AWS_DEFAULT_REGION: the CLI does.
    region: options.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined,
    profile: options.profile || undefined,
    credentials,
    maxAttempts: options.maxAttempts,
    requestHandler: { connectionTimeout: timeout, requestTimeout: timeout, throwOnRequestTimeout: true },
  };
}

type EndpointService = 'ec2' | 'sts';

/**
 * The `endpoint_url` of a profile named by the profile setting (its `services` section's
 * `<service>.endpoint_url` first), as the SDK reads it for AWS_PROFILE or the default profile but
 * not for a client's `profile` option. Undefined when AWS_ENDPOINT_URL_<SERVICE> or
 * AWS_ENDPOINT_URL is set (they come first, and the SDK reads them itself), when configured
 * endpoints are ignored (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, `ignore_configured_endpoint_urls`),
 * or when the profile has none (an unreadable config file counts as empty, as for the SDK).
 */
async function profileEndpoint(service: EndpointService, profile: string | undefined): Promise<string | undefined> {
  if (!profile || process.env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || process.env.AWS_ENDPOINT_URL) return undefined;
  const ignore = await loadConfig(
    {
      environmentVariableSelector: (env) => booleanSelector(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', SelectorType.ENV),
      configFileSelector: (section) => booleanSelector(section, 'ignore_configured_endpoint_urls', SelectorType.CONFIG),
      default: false,
    },
    { profile },
  )();
  if (ignore) return undefined;
  return loadConfig<string | undefined>(
    {
      environmentVariableSelector: () => undefined,
      configFileSelector: (section, configFile) => {
        const services = section.services ? configFile?.[['services', section.services].join(CONFIG_PREFIX_SEPARATOR)] : undefined;
        return services?.[[service, 'endpoint_url'].join(CONFIG_PREFIX_SEPARATOR)] || section.endpoint_url || undefined;
      },
      default: undefined,
    },
    { profile },
  )();
}

/**
 * The SDK's warnings (e.g. "multiple credential sources") go to the request log, not stderr. Its
 * info and error entries repeat each request and failure, which the execution logs itself.
 */
function sdkLogger(context: ExecutionContext) {
  const ignore = () => {};
  return { debug: ignore, info: ignore, error: ignore, warn: (...parts: unknown[]) => context.log(`SDK: ${parts.map(String).join(' ').trim()}`) };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
