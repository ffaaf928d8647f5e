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
 * success bodies for DescribeNetworkInterfaces (over `interfaces`), DescribeSubnets (`subnets`),
 * DescribeSecurityGroups (`securityGroups`), DescribeInstances (`instances`),
 * DescribeInstanceTypes (`instanceTypes`: their NetworkInfo limits, network cards and EFA;
 * INSTANCE_TYPES has real ones), a few real runs and STS. The Describe actions take their `*Id.N`
 * parameters (`InstanceType.N`; an unknown one is an error, like EC2), the filters of the FILTERS
 * tables (interfaces: `network-interface-id`, `subnet-id`, `addresses.private-ip-address`,
 * `ipv6-addresses.ipv6-address`, compared as written; instance types: `instance-type`; …), and
 * MaxResults/NextToken.
 *
 * Its sockets are unref'd: a test that forgets close() does not keep the process alive.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InstanceTypeLimits } from '../../server/src/execution/lookups';

export const ACCOUNT = '123456789012';
export const CALLER_ARN = `arn:aws:iam::${ACCOUNT}:user/test-double`;
export const ENCODED_AUTHORIZATION_MESSAGE = 'TESTDOUBLEENCODED-4f1c2e9a8b7d6c5e4f3a2b1c0d9e8f7a';
export const DECODED_AUTHORIZATION_MESSAGE = JSON.stringify({
  allowed: false,
  explicitDeny: false,
  matchedStatements: { items: [] },
  failures: { items: [] },
  context: {
    principal: { id: 'AIDATESTDOUBLE', arn: CALLER_ARN },
    action: 'ec2:CreateNetworkInterface',
    resource: `arn:aws:ec2:eu-west-1:${ACCOUNT}:network-interface/*`,
  },
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
  subnetNotFound: (subnet: string): Answer => ({
    kind: 'error',
    status: 400,
    code: 'InvalidSubnetID.NotFound',
    message: `The subnet ID '${subnet}' does not exist`,
  }),
  groupNotFound: (group: string): Answer => ({
    kind: 'error',
    status: 400,
    code: 'InvalidGroup.NotFound',
    message: `The security group '${group}' does not exist`,
  }),
  invalidParameterValue: (value: string, parameter: string): Answer => ({
    kind: 'error',
    status: 400,
    code: 'InvalidParameterValue',
    message: `Value (${value}) for parameter ${parameter} is invalid.`,
  }),
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
  /** The Name tag. */
  readonly name?: string;
  readonly description?: string;
  /** The instance it is attached to. */
  readonly instanceId?: string;
}

/**
 * An instance type DescribeInstanceTypes knows: its name (`c6i.large`) and the limits of its
 * NetworkInfo, in the shape the live checks' look-up returns; a limit left out is not in the answer
 * (`networkCards`: the NetworkCards list, absent when left out).
 */
export type FakeInstanceType = InstanceTypeLimits;

/** `count` network cards that each take `perCard` interfaces. */
function cards(count: number, perCard: number): InstanceTypeLimits['networkCards'] {
  return Array.from({ length: count }, (_, networkCardIndex) => ({ networkCardIndex, maximumNetworkInterfaces: perCard }));
}

/**
 * Instance types as DescribeInstanceTypes describes them (the NetworkInfo members the live checks
 * read; AWS's instance type specifications and the EFA guide): a single-card type without EFA
 * (m5.large, c6i.large), an older one without IPv6 (m1.small), and p5.48xlarge, 32 network cards of
 * 2 interfaces each (64 in all) with up to 32 EFA interfaces, one per card.
 */
export const INSTANCE_TYPES = {
  'm5.large': {
    instanceType: 'm5.large',
    maximumNetworkInterfaces: 3,
    maximumNetworkCards: 1,
    networkCards: cards(1, 3),
    ipv4AddressesPerInterface: 10,
    ipv6AddressesPerInterface: 10,
    ipv6Supported: true,
    efaSupported: false,
  },
  'c6i.large': {
    instanceType: 'c6i.large',
    maximumNetworkInterfaces: 3,
    maximumNetworkCards: 1,
    networkCards: cards(1, 3),
    ipv4AddressesPerInterface: 10,
    ipv6AddressesPerInterface: 10,
    ipv6Supported: true,
    efaSupported: false,
  },
  'm1.small': {
    instanceType: 'm1.small',
    maximumNetworkInterfaces: 2,
    maximumNetworkCards: 1,
    networkCards: cards(1, 2),
    ipv4AddressesPerInterface: 4,
    ipv6AddressesPerInterface: 0,
    ipv6Supported: false,
    efaSupported: false,
  },
  'p5.48xlarge': {
    instanceType: 'p5.48xlarge',
    maximumNetworkInterfaces: 64,
    maximumNetworkCards: 32,
    networkCards: cards(32, 2),
    ipv4AddressesPerInterface: 50,
    ipv6AddressesPerInterface: 50,
    ipv6Supported: true,
    efaSupported: true,
    maximumEfaInterfaces: 32,
  },
} as const satisfies Record<string, FakeInstanceType>;

/** A subnet DescribeSubnets knows. */
export interface FakeSubnet {
  readonly id: string;
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly availabilityZone?: string;
  readonly ipv6CidrBlocks?: string[];
  /** IPv6 CIDR blocks whose association state is `disassociated` (EC2 lists them for a while after). */
  readonly disassociatedIpv6CidrBlocks?: string[];
  /** IPv6-only (`ipv6Native`): the answer has no IPv4 CIDR block, whatever `cidrBlock` says. */
  readonly ipv6Native?: boolean;
  /** The Name tag. */
  readonly name?: string;
}

/** A security group DescribeSecurityGroups knows. */
export interface FakeSecurityGroup {
  readonly id: string;
  readonly groupName: string;
  readonly vpcId: string;
  readonly description?: string;
  /** The Name tag. */
  readonly name?: string;
}

/** An instance DescribeInstances knows. */
export interface FakeInstance {
  readonly id: string;
  readonly instanceType?: string;
  /** Default running. */
  readonly state?: 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';
  readonly subnetId?: string;
  readonly vpcId?: string;
  readonly privateIp?: string;
  /** The Name tag. */
  readonly name?: string;
}

/** A success body, or an error in the service's XML error format. */
type Reply = { readonly xml: string } | { readonly status: number; readonly code: string; readonly message: string };

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

export class Ec2Double {
  readonly requests: RecordedRequest[] = [];
  /** What DescribeNetworkInterfaces answers from. */
  interfaces: FakeInterface[] = [];
  /** What DescribeSubnets answers from. */
  subnets: FakeSubnet[] = [];
  /** What DescribeSecurityGroups answers from. */
  securityGroups: FakeSecurityGroup[] = [];
  /** What DescribeInstances answers from. */
  instances: FakeInstance[] = [];
  /** What DescribeInstanceTypes answers from. */
  instanceTypes: FakeInstanceType[] = [];
  private readonly scenarios = new Map<string, Answer>();
  private readonly conditionalScenarios: { action: string; matches: (request: RecordedRequest) => boolean; answer: Answer }[] = [];
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

  /**
   * How to answer the requests of `action` that `matches` picks (e.g. by a filter), until reset();
   * before any `answer` scenario. The other requests of the action are answered as usual.
   */
  answerIf(action: string, matches: (request: RecordedRequest) => boolean, answer: Answer): void {
    this.conditionalScenarios.push({ action, matches, answer });
  }

  /** Forgets scenarios, recorded requests and the resources the Describe actions answer from. */
  reset(): void {
    this.scenarios.clear();
    this.conditionalScenarios.length = 0;
    this.requests.length = 0;
    this.interfaces = [];
    this.subnets = [];
    this.securityGroups = [];
    this.instances = [];
    this.instanceTypes = [];
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
      const recorded: RecordedRequest = {
        service,
        method: req.method ?? '',
        path: req.url ?? '',
        action: params.Action ?? '',
        params,
        body,
        headers: req.headers,
        sigv4,
      };
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
    const conditional = this.conditionalScenarios.find((c) => c.action === request.action && c.matches(request));
    const scenario = conditional?.answer ?? this.scenarios.get(request.action) ?? this.scenarios.get('*');
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
    if (params.DryRun === 'true' && !ignoreDryRun)
      return { status: 412, code: 'DryRunOperation', message: 'Request would have succeeded, but DryRun flag is set.' };
    const response = (inner: string) =>
      `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${requestId}</requestId>${inner}</${action}Response>`;
    switch (action) {
      case 'DescribeNetworkInterfaces': {
        const selected = select(params, this.interfaces, 'NetworkInterfaceId', FILTERS, (id) => ({
          code: 'InvalidNetworkInterfaceID.NotFound',
          message: `The networkInterface ID '${id}' does not exist`,
        }));
        if ('status' in selected) return selected;
        return { xml: response(`<networkInterfaceSet>${selected.items.map(interfaceXml).join('')}</networkInterfaceSet>${nextTokenXml(selected.nextToken)}`) };
      }
      case 'DescribeSubnets': {
        const selected = select(params, this.subnets, 'SubnetId', SUBNET_FILTERS, (id) => ({
          code: 'InvalidSubnetID.NotFound',
          message: `The subnet ID '${id}' does not exist`,
        }));
        if ('status' in selected) return selected;
        return { xml: response(`<subnetSet>${selected.items.map(subnetXml).join('')}</subnetSet>${nextTokenXml(selected.nextToken)}`) };
      }
      case 'DescribeSecurityGroups': {
        const selected = select(params, this.securityGroups, 'GroupId', GROUP_FILTERS, (id) => ({
          code: 'InvalidGroup.NotFound',
          message: `The security group '${id}' does not exist`,
        }));
        if ('status' in selected) return selected;
        return { xml: response(`<securityGroupInfo>${selected.items.map(groupXml).join('')}</securityGroupInfo>${nextTokenXml(selected.nextToken)}`) };
      }
      case 'DescribeInstances': {
        const selected = select(params, this.instances, 'InstanceId', INSTANCE_FILTERS, (id) => ({
          code: 'InvalidInstanceID.NotFound',
          message: `The instance ID '${id}' does not exist`,
        }));
        if ('status' in selected) return selected;
        // One reservation per instance: enough for the SDK and for the tests.
        const reservations = selected.items.map(
          (instance, i) =>
            `<item><reservationId>r-0test${String(i).padStart(12, '0')}</reservationId><ownerId>${ACCOUNT}</ownerId><instancesSet>${instanceXml(instance)}</instancesSet></item>`,
        );
        return { xml: response(`<reservationSet>${reservations.join('')}</reservationSet>${nextTokenXml(selected.nextToken)}`) };
      }
      case 'DescribeInstanceTypes': {
        const types = this.instanceTypes.map((type) => ({ ...type, id: type.instanceType }));
        const selected = select(params, types, 'InstanceType', INSTANCE_TYPE_FILTERS, (id) => ({
          code: 'InvalidInstanceType',
          message: `The following supplied instance types do not exist: [${id}]`,
        }));
        if ('status' in selected) return selected;
        return { xml: response(`<instanceTypeSet>${selected.items.map(instanceTypeXml).join('')}</instanceTypeSet>${nextTokenXml(selected.nextToken)}`) };
      }
      case 'CreateNetworkInterface':
        return {
          xml: response(
            `<networkInterface><networkInterfaceId>eni-0d0b1e0000000new</networkInterfaceId><subnetId>${params.SubnetId}</subnetId><status>pending</status></networkInterface>`,
          ),
        };
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

type Filters<T> = Record<string, (item: T) => string[]>;

/** The DescribeNetworkInterfaces filters the double implements (those the preflight and the live checks use). */
const FILTERS: Filters<FakeInterface> = {
  'network-interface-id': (eni) => [eni.id],
  'subnet-id': (eni) => [eni.subnetId],
  'addresses.private-ip-address': (eni) => eni.privateIps.map((ip) => ip.address),
  'ipv6-addresses.ipv6-address': (eni) => eni.ipv6 ?? [],
};
const SUBNET_FILTERS: Filters<FakeSubnet> = { 'subnet-id': (s) => [s.id], 'vpc-id': (s) => [s.vpcId] };
const GROUP_FILTERS: Filters<FakeSecurityGroup> = { 'group-id': (g) => [g.id], 'vpc-id': (g) => [g.vpcId], 'group-name': (g) => [g.groupName] };
const INSTANCE_TYPE_FILTERS: Filters<FakeInstanceType> = { 'instance-type': (t) => [t.instanceType] };
const INSTANCE_FILTERS: Filters<FakeInstance> = {
  'instance-id': (i) => [i.id],
  'instance-state-name': (i) => [i.state ?? 'running'],
  'subnet-id': (i) => (i.subnetId ? [i.subnetId] : []),
};

/**
 * What a Describe action answers: the `<idParam>.N` IDs (the first unknown one is an error, as in
 * EC2), then the filters (all must match, any value of each), then a page of MaxResults from
 * NextToken (an offset).
 */
function select<T extends { id: string }>(
  params: Record<string, string>,
  items: readonly T[],
  idParam: string,
  filters: Filters<T>,
  notFound: (id: string) => { code: string; message: string },
): { items: T[]; nextToken?: string } | { status: number; code: string; message: string } {
  const ids = listParam(params, idParam);
  const missing = ids.find((id) => !items.some((item) => item.id === id));
  if (missing) return { status: 400, ...notFound(missing) };
  const given = filterParams(params);
  const unknown = given.find(([name]) => !Object.hasOwn(filters, name));
  if (unknown) return { status: 400, code: 'InvalidParameterValue', message: `TEST DOUBLE: filter ${unknown[0]} is not implemented.` };
  const matches = items.filter(
    (item) => (!ids.length || ids.includes(item.id)) && given.every(([name, values]) => values.some((v) => filters[name](item).includes(v))),
  );
  if (params.MaxResults === undefined) return { items: matches };
  const max = Number(params.MaxResults);
  if (ids.length || !Number.isInteger(max) || max < 5 || max > 1000) {
    return { status: 400, code: 'InvalidParameterValue', message: `TEST DOUBLE: MaxResults ${params.MaxResults} (5 to 1000, and not with IDs).` };
  }
  const start = params.NextToken ? Number(params.NextToken.replace(/^offset-/, '')) : 0;
  const end = start + max;
  return { items: matches.slice(start, end), nextToken: end < matches.length ? `offset-${end}` : undefined };
}

function nextTokenXml(token: string | undefined): string {
  return token ? `<nextToken>${token}</nextToken>` : '';
}

function tagSetXml(name: string | undefined): string {
  return name === undefined ? '' : `<tagSet><item><key>Name</key><value>${escape(name)}</value></item></tagSet>`;
}

function subnetXml(subnet: FakeSubnet): string {
  const ipv6 = (subnet.ipv6CidrBlocks ?? [])
    .map(
      (block, i) =>
        `<item><ipv6CidrBlock>${block}</ipv6CidrBlock><associationId>subnet-cidr-assoc-0test${i}</associationId><ipv6CidrBlockState><state>associated</state></ipv6CidrBlockState></item>`,
    )
    .join('');
  const gone = (subnet.disassociatedIpv6CidrBlocks ?? [])
    .map(
      (block, i) =>
        `<item><ipv6CidrBlock>${block}</ipv6CidrBlock><associationId>subnet-cidr-assoc-0gone${i}</associationId><ipv6CidrBlockState><state>disassociated</state></ipv6CidrBlockState></item>`,
    )
    .join('');
  const ipv4 = subnet.ipv6Native ? '<ipv6Native>true</ipv6Native>' : `<cidrBlock>${subnet.cidrBlock}</cidrBlock>`;
  return (
    `<item><subnetId>${subnet.id}</subnetId><subnetArn>arn:aws:ec2:eu-west-1:${ACCOUNT}:subnet/${subnet.id}</subnetArn><state>available</state><ownerId>${ACCOUNT}</ownerId>` +
    `<vpcId>${subnet.vpcId}</vpcId>${ipv4}<ipv6CidrBlockAssociationSet>${ipv6}${gone}</ipv6CidrBlockAssociationSet>` +
    `<availableIpAddressCount>250</availableIpAddressCount><availabilityZone>${subnet.availabilityZone ?? 'eu-west-1a'}</availabilityZone>` +
    `<defaultForAz>false</defaultForAz><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch>${tagSetXml(subnet.name)}</item>`
  );
}

function groupXml(group: FakeSecurityGroup): string {
  return (
    `<item><ownerId>${ACCOUNT}</ownerId><groupId>${group.id}</groupId><groupName>${escape(group.groupName)}</groupName>` +
    `<groupDescription>${escape(group.description ?? group.groupName)}</groupDescription><vpcId>${group.vpcId}</vpcId>` +
    `<ipPermissions/><ipPermissionsEgress/>${tagSetXml(group.name)}</item>`
  );
}

const STATE_CODES: Record<NonNullable<FakeInstance['state']>, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

function instanceXml(instance: FakeInstance): string {
  const state = instance.state ?? 'running';
  return (
    `<item><instanceId>${instance.id}</instanceId><imageId>ami-0123456789abcdef0</imageId><instanceState><code>${STATE_CODES[state]}</code><name>${state}</name></instanceState>` +
    `<instanceType>${instance.instanceType ?? 't3.micro'}</instanceType><placement><availabilityZone>eu-west-1a</availabilityZone></placement>` +
    (instance.subnetId ? `<subnetId>${instance.subnetId}</subnetId>` : '') +
    (instance.vpcId ? `<vpcId>${instance.vpcId}</vpcId>` : '') +
    (instance.privateIp ? `<privateIpAddress>${instance.privateIp}</privateIpAddress>` : '') +
    `${tagSetXml(instance.name)}</item>`
  );
}

function instanceTypeXml(type: FakeInstanceType): string {
  const member = (name: string, value: number | boolean | undefined) => (value === undefined ? '' : `<${name}>${value}</${name}>`);
  const cards = type.networkCards?.map(
    (card) =>
      `<item>${member('networkCardIndex', card.networkCardIndex)}<networkPerformance>100 Gigabit</networkPerformance>${member('maximumNetworkInterfaces', card.maximumNetworkInterfaces)}</item>`,
  );
  return (
    `<item><instanceType>${type.instanceType}</instanceType><currentGeneration>true</currentGeneration><networkInfo><networkPerformance>Up to 12.5 Gigabit</networkPerformance>` +
    member('maximumNetworkInterfaces', type.maximumNetworkInterfaces) +
    member('maximumNetworkCards', type.maximumNetworkCards) +
    `<defaultNetworkCardIndex>0</defaultNetworkCardIndex>` +
    (cards ? `<networkCards>${cards.join('')}</networkCards>` : '') +
    member('ipv4AddressesPerInterface', type.ipv4AddressesPerInterface) +
    member('ipv6AddressesPerInterface', type.ipv6AddressesPerInterface) +
    member('ipv6Supported', type.ipv6Supported) +
    `<enaSupport>required</enaSupport>` +
    member('efaSupported', type.efaSupported) +
    (type.maximumEfaInterfaces === undefined ? '' : `<efaInfo>${member('maximumEfaInterfaces', type.maximumEfaInterfaces)}</efaInfo>`) +
    `</networkInfo></item>`
  );
}

function interfaceXml(eni: FakeInterface): string {
  const set = (name: string, items: string[]) => `<${name}>${items.map((item) => `<item>${item}</item>`).join('')}</${name}>`;
  return (
    `<item><networkInterfaceId>${eni.id}</networkInterfaceId><subnetId>${eni.subnetId}</subnetId><vpcId>${eni.vpcId}</vpcId><status>in-use</status>` +
    (eni.description !== undefined ? `<description>${escape(eni.description)}</description>` : '') +
    (eni.instanceId
      ? `<attachment><attachmentId>eni-attach-0test0000000000001</attachmentId><instanceId>${eni.instanceId}</instanceId><deviceIndex>1</deviceIndex><status>attached</status></attachment>`
      : '') +
    set(
      'privateIpAddressesSet',
      eni.privateIps.map((ip) => `<privateIpAddress>${ip.address}</privateIpAddress><primary>${ip.primary === true}</primary>`),
    ) +
    set(
      'ipv6AddressesSet',
      (eni.ipv6 ?? []).map((a) => `<ipv6Address>${a}</ipv6Address>`),
    ) +
    set(
      'ipv4PrefixSet',
      (eni.ipv4Prefixes ?? []).map((p) => `<ipv4Prefix>${p}</ipv4Prefix>`),
    ) +
    set(
      'ipv6PrefixSet',
      (eni.ipv6Prefixes ?? []).map((p) => `<ipv6Prefix>${p}</ipv6Prefix>`),
    ) +
    tagSetXml(eni.name) +
    `</item>`
  );
}
