/**
 * TEST DOUBLE — not EC2, not STS. A small HTTP server on 127.0.0.1 (a free port) that stands in
 * for the EC2 Query API and for STS, so the execution tests exercise the real SDK (serializer,
 * signer, retries, error parsing) without a network or an AWS account. Point the SDK at it the way
 * users point it at any endpoint: AWS_ENDPOINT_URL_EC2=<url>, AWS_ENDPOINT_URL_STS=<stsUrl>.
 *
 * It parses the form body, checks that the SigV4 Authorization header and X-Amz-Date are present
 * and well formed (it cannot check the signature: it does not know the secret), records every
 * request, and answers in EC2's formats: DryRunOperation (412) for a dry run by default, XML
 * errors on demand (`answer(action, …)`), slow or no answers for timeouts and cancellation, and
 * success bodies for DescribeNetworkInterfaces (over `interfaces`), a few real runs and STS.
 *
 * Its sockets are unref'd: a test that forgets close() does not keep the process alive.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const ACCOUNT = '123456789012';
export const CALLER_ARN = `arn:aws:iam::${ACCOUNT}:user/test-double`;
export const ENCODED_AUTHORIZATION_MESSAGE = 'TESTDOUBLEENCODED-4f1c2e9a8b7d6c5e4f3a2b1c0d9e8f7a';
export const DECODED_AUTHORIZATION_MESSAGE = JSON.stringify({
  allowed: false,
  explicitDeny: false,
  matchedStatements: { items: [] },
  failures: { items: [] },
  context: { principal: { id: 'AIDATESTDOUBLE', arn: CALLER_ARN }, action: 'ec2:CreateNetworkInterface', resource: `arn:aws:ec2:eu-west-1:${ACCOUNT}:network-interface/*` },
});

/** The parts of a well-formed SigV4 Authorization header. */
export interface SigV4 {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: string[];
  readonly signature: string;
}

export interface RecordedRequest {
  readonly service: 'ec2' | 'sts';
  readonly method: string;
  readonly path: string;
  readonly action: string;
  /** The form body, decoded. */
  readonly params: Record<string, string>;
  readonly body: string;
  readonly headers: http.IncomingHttpHeaders;
  /** Undefined when the Authorization header is missing or malformed (the double then answers IncompleteSignature). */
  readonly sigv4: SigV4 | undefined;
}

export type Answer =
  /** Errors.Error.Code/Message in EC2's XML (STS: ErrorResponse). */
  | { readonly kind: 'error'; readonly status: number; readonly code: string; readonly message: string }
  /** What the double answers when no scenario is set (DryRunOperation for a dry run, …), after `delayMs`. */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Never answers; the request stays open until the client gives up. */
  | { readonly kind: 'hang' }
  /** Answers a dry run as if it were a real one, like an endpoint that ignores DryRun. */
  | { readonly kind: 'ignore-dry-run' };

export const answers = {
  unauthorized: (action = 'CreateNetworkInterface'): Answer => ({
    kind: 'error',
    status: 403,
    code: 'UnauthorizedOperation',
    message: `You are not authorized to perform this operation. User: ${CALLER_ARN} is not authorized to perform: ec2:${action} because no identity-based policy allows the ec2:${action} action. Encoded authorization failure message: ${ENCODED_AUTHORIZATION_MESSAGE}`,
  }),
  subnetNotFound: (subnet: string): Answer => ({ kind: 'error', status: 400, code: 'InvalidSubnetID.NotFound', message: `The subnet ID '${subnet}' does not exist` }),
  groupNotFound: (group: string): Answer => ({ kind: 'error', status: 400, code: 'InvalidGroup.NotFound', message: `The security group '${group}' does not exist` }),
  invalidParameterValue: (value: string, parameter: string): Answer => ({ kind: 'error', status: 400, code: 'InvalidParameterValue', message: `Value (${value}) for parameter ${parameter} is invalid.` }),
  authFailure: (): Answer => ({ kind: 'error', status: 401, code: 'AuthFailure', message: 'AWS was not able to validate the provided access credentials' }),
  throttled: (): Answer => ({ kind: 'error', status: 503, code: 'RequestLimitExceeded', message: 'Request limit exceeded.' }),
};

/** An interface DescribeNetworkInterfaces knows. */
export interface FakeInterface {
  readonly id: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly privateIps: { address: string; primary?: boolean }[];
  readonly ipv6?: string[];
  readonly ipv4Prefixes?: string[];
  readonly ipv6Prefixes?: string[];
}

/** A success body, or an error in the service's XML error format. */
type Reply = { readonly xml: string } | { readonly status: number; readonly code: string; readonly message: string };

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export class Ec2Double {
  readonly requests: RecordedRequest[] = [];
  /** What DescribeNetworkInterfaces answers from. */
  interfaces: FakeInterface[] = [];
  private readonly scenarios = new Map<string, Answer>();
  private readonly waiting: ((request: RecordedRequest) => void)[] = [];
  private requestCount = 0;

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<Ec2Double> {
    const server = http.createServer();
    const double = new Ec2Double(server);
    server.on('request', (req, res) => double.handle(req, res));
    server.on('connection', (socket) => socket.unref());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref();
    return double;
  }

  /** The EC2 endpoint (AWS_ENDPOINT_URL_EC2). */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The STS endpoint (AWS_ENDPOINT_URL_STS): the same server, under /sts. */
  get stsUrl(): string {
    return `${this.url}/sts`;
  }

  /** How to answer `action` (or every action: '*') until reset(). */
  answer(action: string, answer: Answer): void {
    this.scenarios.set(action, answer);
  }

  /** Forgets scenarios, recorded requests and interfaces. */
  reset(): void {
    this.scenarios.clear();
    this.requests.length = 0;
    this.interfaces = [];
  }

  /** The next request to arrive. */
  received(): Promise<RecordedRequest> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const params = Object.fromEntries(new URLSearchParams(body));
      const service = req.url?.startsWith('/sts') ? 'sts' : 'ec2';
      const match = SIGV4.exec(String(req.headers.authorization ?? ''));
      const dated = /^\d{8}T\d{6}Z$/.test(String(req.headers['x-amz-date'] ?? ''));
      const sigv4 =
        match && dated && match[4] === service && String(req.headers['x-amz-date']).startsWith(match[2])
          ? { accessKeyId: match[1], date: match[2], region: match[3], service: match[4], signedHeaders: match[5].split(';'), signature: match[6] }
          : undefined;
      const recorded: RecordedRequest = { service, method: req.method ?? '', path: req.url ?? '', action: params.Action ?? '', params, body, headers: req.headers, sigv4 };
      this.requests.push(recorded);
      this.waiting.splice(0).forEach((resolve) => resolve(recorded));
      this.respond(recorded, res);
    });
  }

  private respond(request: RecordedRequest, res: http.ServerResponse): void {
    const requestId = `test-double-${++this.requestCount}`;
    const send = (status: number, xml: string) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId, server: 'TestDouble' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
    };
    const fail = (status: number, code: string, message: string) =>
      send(
        status,
        request.service === 'sts'
          ? `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
          : `<Response><Errors><Error><Code>${code}</Code><Message>${escape(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      );
    if (!request.sigv4) return fail(400, 'IncompleteSignature', 'TEST DOUBLE: missing or malformed SigV4 Authorization or X-Amz-Date header.');
    const scenario = this.scenarios.get(request.action) ?? this.scenarios.get('*');
    if (scenario?.kind === 'error') return fail(scenario.status, scenario.code, scenario.message);
    if (scenario?.kind === 'hang') return;
    const answer = () => {
      const reply = request.service === 'sts' ? this.sts(request, requestId) : this.ec2(request, requestId, scenario?.kind === 'ignore-dry-run');
      if ('xml' in reply) send(200, reply.xml);
      else fail(reply.status, reply.code, reply.message);
    };
    if (scenario?.kind === 'slow') setTimeout(answer, scenario.delayMs).unref();
    else answer();
  }

  private ec2(request: RecordedRequest, requestId: string, ignoreDryRun: boolean): Reply {
    const { action, params } = request;
    if (params.DryRun === 'true' && !ignoreDryRun) return { status: 412, code: 'DryRunOperation', message: 'Request would have succeeded, but DryRun flag is set.' };
    const response = (inner: string) => `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${requestId}</requestId>${inner}</${action}Response>`;
    switch (action) {
      case 'DescribeNetworkInterfaces': {
        const ids = listParam(params, 'NetworkInterfaceId');
        const missing = ids.find((id) => !this.interfaces.some((eni) => eni.id === id));
        if (missing) return { status: 400, code: 'InvalidNetworkInterfaceID.NotFound', message: `The networkInterface ID '${missing}' does not exist` };
        const filters = filterParams(params);
        const unknown = filters.find(([name]) => !Object.hasOwn(FILTERS, name));
        if (unknown) return { status: 400, code: 'InvalidParameterValue', message: `TEST DOUBLE: filter ${unknown[0]} is not implemented.` };
        const matches = this.interfaces.filter(
          (eni) => (!ids.length || ids.includes(eni.id)) && filters.every(([name, values]) => values.some((v) => FILTERS[name](eni).includes(v))),
        );
        return { xml: response(`<networkInterfaceSet>${matches.map(interfaceXml).join('')}</networkInterfaceSet>`) };
      }
      case 'CreateNetworkInterface':
        return { xml: response(`<networkInterface><networkInterfaceId>eni-0d0b1e0000000new</networkInterfaceId><subnetId>${params.SubnetId}</subnetId><status>pending</status></networkInterface>`) };
      default:
        return { xml: response('<return>true</return>') };
    }
  }

  private sts(request: RecordedRequest, requestId: string): Reply {
    const response = (inner: string) =>
      `<${request.action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${request.action}Result>${inner}</${request.action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${request.action}Response>`;
    switch (request.action) {
      case 'GetCallerIdentity':
        return { xml: response(`<Arn>${CALLER_ARN}</Arn><UserId>AIDATESTDOUBLE</UserId><Account>${ACCOUNT}</Account>`) };
      case 'DecodeAuthorizationMessage':
        return request.params.EncodedMessage === ENCODED_AUTHORIZATION_MESSAGE
          ? { xml: response(`<DecodedMessage>${escape(DECODED_AUTHORIZATION_MESSAGE)}</DecodedMessage>`) }
          : { status: 400, code: 'InvalidAuthorizationMessageException', message: 'The message is not a valid encoded authorization message.' };
      default:
        return { status: 400, code: 'InvalidAction', message: `TEST DOUBLE: no STS action ${request.action}.` };
    }
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `Name.1`, `Name.2`, … in order. */
function listParam(params: Record<string, string>, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params[`${name}.${i}`] !== undefined; i++) values.push(params[`${name}.${i}`]);
  return values;
}

function filterParams(params: Record<string, string>): [string, string[]][] {
  const filters: [string, string[]][] = [];
  for (let i = 1; params[`Filter.${i}.Name`] !== undefined; i++) filters.push([params[`Filter.${i}.Name`], listParam(params, `Filter.${i}.Value`)]);
  return filters;
}

/** The DescribeNetworkInterfaces filters the double implements (those the preflight uses). */
const FILTERS: Record<string, (eni: FakeInterface) => string[]> = {
  'subnet-id': (eni) => [eni.subnetId],
  'addresses.private-ip-address': (eni) => eni.privateIps.map((ip) => ip.address),
  'ipv6-addresses.ipv6-address': (eni) => eni.ipv6 ?? [],
};

function interfaceXml(eni: FakeInterface): string {
  const set = (name: string, items: string[]) => `<${name}>${items.map((item) => `<item>${item}</item>`).join('')}</${name}>`;
  return (
    `<item><networkInterfaceId>${eni.id}</networkInterfaceId><subnetId>${eni.subnetId}</subnetId><vpcId>${eni.vpcId}</vpcId><status>in-use</status>` +
    set('privateIpAddressesSet', eni.privateIps.map((ip) => `<privateIpAddress>${ip.address}</privateIpAddress><primary>${ip.primary === true}</primary>`)) +
    set('ipv6AddressesSet', (eni.ipv6 ?? []).map((a) => `<ipv6Address>${a}</ipv6Address>`)) +
    set('ipv4PrefixSet', (eni.ipv4Prefixes ?? []).map((p) => `<ipv4Prefix>${p}</ipv4Prefix>`)) +
    set('ipv6PrefixSet', (eni.ipv6Prefixes ?? []).map((p) => `<ipv6Prefix>${p}</ipv6Prefix>`)) +
    `</item>`
  );
}
