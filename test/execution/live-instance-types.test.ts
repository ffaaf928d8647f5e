/**
 * The instance-type checks of the live checks (service/live/instance-type-limits.ts) through the
 * service and LiveChecks.settle (what `check --live` uses), against the EC2 test double with real
 * DescribeInstanceTypes data (INSTANCE_TYPES: p5.48xlarge with 32 cards of 2 interfaces and 32 EFA,
 * single-card m5.large and c6i.large without EFA). Every launch specification is checked against
 * its own InstanceType: AWS's p5 EFA layouts and their legal neighbours get no live warning; past
 * a limit, the warning sits on the smallest node that shows it, in JSON and in YAML.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeResources } from '../../server/src/execution/describe-resources';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { requestLayout } from '../../server/src/service/layout';
import { instanceTypeSummary } from '../../server/src/service/layout-render';
import { LiveChecks } from '../../server/src/service/live/live-checks';
import { INSTANCE_TYPES } from '../ec2-double/ec2-double';
import { examples, isolateAws, type TestAws } from '../support/aws';

const VPC = 'vpc-0123456789abcdef0';
const SUBNET = 'subnet-0123456789abcdef0';
const GROUP = 'sg-0f1e2d3c4b5a69788';
const INSTANCE = 'i-0123456789abcdef0';
const IMAGE = 'ami-0123456789abcdef0';

let aws: TestAws;
before(async () => (aws = await isolateAws()));
after(() => aws.restore());
beforeEach(() => {
  aws.double.reset();
  aws.double.subnets = [{ id: SUBNET, vpcId: VPC, cidrBlock: '10.0.1.0/24' }];
  aws.double.securityGroups = [{ id: GROUP, groupName: 'training', vpcId: VPC }];
  aws.double.instances = [{ id: INSTANCE, instanceType: 'm5.large', subnetId: SUBNET, vpcId: VPC }];
  aws.double.instanceTypes = [INSTANCE_TYPES['p5.48xlarge'], INSTANCE_TYPES['m5.large'], INSTANCE_TYPES['c6i.large']];
});

type Syntax = 'json' | 'yaml';

/** A fresh service and live checks (an empty cache), looking up through the execution module: one attempt. */
function liveChecks() {
  const service = new RequestLanguageService();
  const live = new LiveChecks(service, { lookup: (query, options) => describeResources(query, { ...options, maxAttempts: 1 }) });
  live.configure({ enabled: true, timeoutSeconds: 5 });
  return { service, live };
}

function document(cliCommand: string, text: string, syntax: Syntax): TextDocument {
  return TextDocument.create(`file:///work/req.${cliCommand}.${syntax}`, syntax, 1, text);
}

interface Warning {
  readonly code: string;
  /** The text the warning covers. */
  readonly on: string;
  /** Its line, 0-based. */
  readonly line: number;
  readonly message: string;
}

/** The live warnings of a request, once the look-ups are done. */
async function liveWarnings(cliCommand: string, text: string, syntax: Syntax): Promise<Warning[]> {
  const { live } = liveChecks();
  const doc = document(cliCommand, text, syntax);
  await live.settle([doc]);
  assert.equal(live.failure, undefined, live.failure?.message);
  return live.diagnostics(doc).map((d) => ({ code: String(d.code), on: doc.getText(d.range), line: d.range.start.line, message: String(d.message) }));
}

/** The text in the given syntax: pretty JSON, or block-style YAML. */
function write(value: unknown, syntax: Syntax): string {
  return syntax === 'json' ? `${JSON.stringify(value, null, 2)}\n` : yaml(value, 0);
}

function yaml(value: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        const body = yaml(item, indent + 2).trimStart();
        return `${pad}- ${body}`;
      })
      .join('');
  }
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, member]) => (member && typeof member === 'object' ? `${pad}${key}:\n${yaml(member, indent + 2)}` : `${pad}${key}: ${scalar(member)}\n`))
      .join('');
  }
  return `${pad}${scalar(value)}\n`;
}

function scalar(value: unknown): string {
  return typeof value === 'string' && !/^[\w.-]+$/.test(value) ? JSON.stringify(value) : String(value);
}

/** A launch template for `type` with these entries (each with the subnet and group). */
function launchTemplate(type: string, entries: Record<string, unknown>[]) {
  return {
    LaunchTemplateName: 'test',
    LaunchTemplateData: {
      ImageId: IMAGE,
      InstanceType: type,
      NetworkInterfaces: entries.map((entry) => ({ ...entry, SubnetId: SUBNET, Groups: [GROUP] })),
    },
  };
}

/** The p5 layout of AWS's EFA guide: an ENA primary, efa-only at card 0 device 1, then efa-only at device 0 of cards 1-31. */
function p5Entries(): Record<string, unknown>[] {
  return [
    { NetworkCardIndex: 0, DeviceIndex: 0, InterfaceType: 'interface' },
    { NetworkCardIndex: 0, DeviceIndex: 1, InterfaceType: 'efa-only' },
    ...Array.from({ length: 31 }, (_, i) => ({ NetworkCardIndex: i + 1, DeviceIndex: 0, InterfaceType: 'efa-only' })),
  ];
}

const instanceTypeLookUps = () => aws.double.requests.filter((r) => r.action === 'DescribeInstanceTypes');
const lookedUpTypes = () => instanceTypeLookUps().flatMap((r) => Object.entries(r.params).flatMap(([k, v]) => (/^Filter\.1\.Value\./.test(k) ? [v] : [])));

describe('live instance-type checks: legal layouts', () => {
  for (const file of [
    'p5-efa.create-launch-template.json',
    'p5-efa.create-launch-template.yaml',
    'p5-efa-older.create-launch-template.json',
    'p5-efa-older.create-launch-template.yaml',
  ]) {
    it(`${file}: no live warning; p5.48xlarge is looked up once`, async () => {
      const text = fs.readFileSync(path.join(examples, file), 'utf8');
      assert.deepEqual(await liveWarnings('create-launch-template', text, file.endsWith('.yaml') ? 'yaml' : 'json'), []);
      assert.deepEqual(lookedUpTypes(), ['p5.48xlarge']);
    });
  }

  for (const syntax of ['json', 'yaml'] as const) {
    it(`${syntax}: legal neighbours on p5.48xlarge and m5.large get no live warning`, async () => {
      const legal: [string, unknown][] = [
        // Device 0 of card 3, beside the primary: a card need not be used in order.
        [
          'run-instances',
          {
            ImageId: IMAGE,
            InstanceType: 'p5.48xlarge',
            MinCount: 1,
            MaxCount: 1,
            NetworkInterfaces: [
              { NetworkCardIndex: 0, DeviceIndex: 0, SubnetId: SUBNET },
              { NetworkCardIndex: 3, DeviceIndex: 0, InterfaceType: 'efa-only', SubnetId: SUBNET },
            ],
          },
        ],
        // Two interfaces on every card (ENA at device 1 beside each efa-only): 64, the most p5 takes.
        [
          'create-launch-template',
          launchTemplate('p5.48xlarge', [
            ...p5Entries(),
            ...Array.from({ length: 31 }, (_, i) => ({ NetworkCardIndex: i + 1, DeviceIndex: 1, InterfaceType: 'interface' })),
          ]),
        ],
        // The highest card, and efa (EFA with ENA) on it.
        [
          'create-launch-template',
          launchTemplate('p5.48xlarge', [
            { NetworkCardIndex: 0, DeviceIndex: 0, InterfaceType: 'interface' },
            { NetworkCardIndex: 31, DeviceIndex: 1, InterfaceType: 'efa' },
          ]),
        ],
        // m5.large: three ENA interfaces, 10 addresses each, 10 IPv6.
        [
          'create-launch-template',
          launchTemplate('m5.large', [
            { DeviceIndex: 0, SecondaryPrivateIpAddressCount: 9, Ipv6AddressCount: 10 },
            { DeviceIndex: 1, InterfaceType: 'interface' },
            { DeviceIndex: 2, NetworkCardIndex: 0 },
          ]),
        ],
      ];
      for (const [command, request] of legal) {
        assert.deepEqual(await liveWarnings(command, write(request, syntax), syntax), [], `${command}: ${JSON.stringify(request).slice(0, 120)}`);
      }
    });
  }
});

describe('live instance-type checks: past a limit', () => {
  for (const syntax of ['json', 'yaml'] as const) {
    it(`${syntax}: network card 32 on p5.48xlarge: on the index`, async () => {
      const text = write(
        launchTemplate('p5.48xlarge', [
          { NetworkCardIndex: 0, DeviceIndex: 0, InterfaceType: 'interface' },
          { NetworkCardIndex: 32, DeviceIndex: 0, InterfaceType: 'efa-only' },
        ]),
        syntax,
      );
      const warnings = await liveWarnings('create-launch-template', text, syntax);
      assert.deepEqual(
        warnings.map(({ code, on, message }) => ({ code, on, message })),
        [{ code: 'live:instance-type-limit', on: '32', message: 'Network card index 32; p5.48xlarge has 32 network cards, so the highest index is 31.' }],
      );
      assert.match(text.split('\n')[warnings[0].line], /NetworkCardIndex.*32/);
    });

    it(`${syntax}: three interfaces on one p5.48xlarge card: on the third one's card index`, async () => {
      const text = write(
        launchTemplate('p5.48xlarge', [
          { NetworkCardIndex: 0, DeviceIndex: 0, InterfaceType: 'interface' },
          { NetworkCardIndex: 1, DeviceIndex: 0, InterfaceType: 'efa-only' },
          { NetworkCardIndex: 1, DeviceIndex: 1, InterfaceType: 'interface' },
          { NetworkCardIndex: 1, DeviceIndex: 2, InterfaceType: 'interface' },
        ]),
        syntax,
      );
      const warnings = await liveWarnings('create-launch-template', text, syntax);
      assert.deepEqual(
        warnings.map(({ on, message }) => ({ on, message })),
        [{ on: '1', message: '3 network interfaces on network card 1; p5.48xlarge allows at most 2 on that card.' }],
      );
      const lines = text.split('\n');
      assert.match(lines[warnings[0].line], /NetworkCardIndex/);
      assert.ok(
        lines.slice(warnings[0].line, warnings[0].line + 4).some((line) => /DeviceIndex.*2/.test(line)),
        'the third entry on card 1',
      );
    });

    it(`${syntax}: EFA on m5.large: on each InterfaceType; in RunInstances and in a launch template`, async () => {
      const run = write(
        {
          ImageId: IMAGE,
          InstanceType: 'm5.large',
          MinCount: 1,
          MaxCount: 1,
          NetworkInterfaces: [
            { DeviceIndex: 0, InterfaceType: 'efa', SubnetId: SUBNET },
            { DeviceIndex: 1, InterfaceType: 'efa-only', SubnetId: SUBNET },
          ],
        },
        syntax,
      );
      const message = '2 EFA interfaces (InterfaceType efa or efa-only); m5.large does not support EFA.';
      const quoted = (type: string) => (syntax === 'json' ? `"${type}"` : type);
      assert.deepEqual(
        (await liveWarnings('run-instances', run, syntax)).map(({ on, message }) => ({ on, message })),
        [
          { on: quoted('efa'), message },
          { on: quoted('efa-only'), message },
        ],
      );
      const template = write(launchTemplate('m5.large', [{ DeviceIndex: 0, InterfaceType: 'efa' }]), syntax);
      assert.deepEqual(
        (await liveWarnings('create-launch-template', template, syntax)).map(({ on, message }) => ({ on, message })),
        [{ on: quoted('efa'), message: '1 EFA interface (InterfaceType efa or efa-only); m5.large does not support EFA.' }],
      );
    });

    it(`${syntax}: 33 EFA entries on p5.48xlarge: on the 33rd InterfaceType`, async () => {
      const entries = p5Entries();
      entries[0] = { ...entries[0], InterfaceType: 'efa' };
      const text = write(launchTemplate('p5.48xlarge', entries), syntax);
      const warnings = await liveWarnings('create-launch-template', text, syntax);
      assert.deepEqual(
        warnings.map(({ on, message }) => ({ on, message })),
        [{ on: syntax === 'json' ? '"efa-only"' : 'efa-only', message: '33 EFA interfaces (InterfaceType efa or efa-only); p5.48xlarge allows at most 32.' }],
      );
      const lines = text.split('\n');
      const last = lines.map((line, i) => (/NetworkCardIndex.*\b31\b/.test(line) ? i : -1)).reduce((a, b) => Math.max(a, b));
      assert.ok(warnings[0].line >= last && warnings[0].line < last + 4, 'the last entry (card 31)');
    });
  }

  it('65 interfaces on p5.48xlarge: the 65th entry; addresses per interface in a launch template', async () => {
    const entries = [
      ...p5Entries(),
      ...Array.from({ length: 31 }, (_, i) => ({ NetworkCardIndex: i + 1, DeviceIndex: 1, InterfaceType: 'interface' })),
      { NetworkCardIndex: 0, DeviceIndex: 2, SecondaryPrivateIpAddressCount: 50 },
    ];
    const text = write(launchTemplate('p5.48xlarge', entries), 'json');
    const warnings = await liveWarnings('create-launch-template', text, 'json');
    // The 65th entry: its "{", NetworkCardIndex, DeviceIndex, SecondaryPrivateIpAddressCount.
    const lastLine = text.slice(0, text.indexOf('"SecondaryPrivateIpAddressCount": 50')).split('\n').length - 1 - 3;
    assert.deepEqual(
      warnings.map(({ on, line, message }) => [on.startsWith('{') ? 'the 65th entry' : on, line - lastLine, message]),
      [
        ['the 65th entry', 0, '65 network interfaces; p5.48xlarge allows at most 64.'],
        ['0', 1, '3 network interfaces on network card 0; p5.48xlarge allows at most 2 on that card.'],
        ['50', 3, '51 private IPv4 addresses on one interface (1 primary + 50 secondary); p5.48xlarge allows at most 50 per interface.'],
      ],
    );
  });

  it('a single-card type: more interfaces than it takes is one warning (in all), not a second per card', async () => {
    const text = write(
      launchTemplate(
        'c6i.large',
        [0, 1, 2, 3].map((DeviceIndex) => ({ DeviceIndex })),
      ),
      'yaml',
    );
    const warnings = await liveWarnings('create-launch-template', text, 'yaml');
    assert.deepEqual(
      warnings.map((w) => w.message),
      ['4 network interfaces; c6i.large allows at most 3.'],
    );
    assert.match(warnings[0].on, /^DeviceIndex: 3/);
  });

  it('Spot Fleet: each launch specification against its own type, both types in one look-up', async () => {
    const request = {
      SpotFleetRequestConfig: {
        IamFleetRole: 'arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role',
        TargetCapacity: 2,
        LaunchSpecifications: [
          { ImageId: IMAGE, InstanceType: 'c6i.large', NetworkInterfaces: [0, 1, 2].map((DeviceIndex) => ({ DeviceIndex, SubnetId: SUBNET })) },
          { ImageId: IMAGE, InstanceType: 'm5.large', NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, Ipv6AddressCount: 11 }] },
          { ImageId: IMAGE, InstanceType: 'c6a.large', NetworkInterfaces: [0, 1, 2, 3, 4].map((DeviceIndex) => ({ DeviceIndex, SubnetId: SUBNET })) },
        ],
      },
    };
    const warnings = await liveWarnings('request-spot-fleet', write(request, 'json'), 'json');
    assert.deepEqual(
      warnings.map(({ on, message }) => ({ on, message })),
      [{ on: '11', message: '11 IPv6 addresses on one interface; m5.large allows at most 10 per interface.' }],
      'c6i.large takes 3 interfaces; c6a.large is not in the region (the double): nothing to compare with',
    );
    assert.equal(instanceTypeLookUps().length, 1);
    assert.deepEqual(lookedUpTypes().sort(), ['c6a.large', 'c6i.large', 'm5.large']);
  });

  it('AttachNetworkInterface: the instance first, then its type, in rounds; a limit EC2 leaves out is not checked', async () => {
    const attach = JSON.stringify({ NetworkInterfaceId: 'eni-0a1b2c3d4e5f60718', InstanceId: INSTANCE, DeviceIndex: 1, NetworkCardIndex: 1 });
    const warnings = await liveWarnings('attach-network-interface', attach, 'json');
    assert.deepEqual(
      warnings.filter((w) => w.code === 'live:instance-type-limit').map(({ on, message }) => ({ on, message })),
      [{ on: '1', message: `Network card index 1; ${INSTANCE} (m5.large) has 1 network card, so the highest index is 0.` }],
    );
    assert.deepEqual(
      aws.double.requests.map((r) => r.action).filter((a) => a === 'DescribeInstances' || a === 'DescribeInstanceTypes'),
      ['DescribeInstances', 'DescribeInstanceTypes'],
    );

    aws.double.instanceTypes = [{ instanceType: 'x1.legacy', maximumNetworkInterfaces: 2 }];
    const legacy = write(
      launchTemplate(
        'x1.legacy',
        [0, 1].map((DeviceIndex) => ({ DeviceIndex, NetworkCardIndex: 5, InterfaceType: 'efa' })),
      ),
      'json',
    );
    assert.deepEqual(await liveWarnings('create-launch-template', legacy, 'json'), [], 'no card count, no EFA facts stated: not checked');
  });
});

describe('the layout with live data', () => {
  it('has the facts of each specification instance type the cache knows, and the text shows them', async () => {
    const { service, live } = liveChecks();
    const text = fs.readFileSync(path.join(examples, 'p5-efa.create-launch-template.yaml'), 'utf8');
    const doc = document('create-launch-template', text, 'yaml');
    const before = requestLayout(service.analyze(doc), service.validate(doc), { instanceType: (name) => live.instanceType(name) });
    assert.ok(before.kind === 'layout' && before.layout.launches[0].instanceType === undefined, 'nothing known yet');
    await live.settle([doc]);
    const answer = requestLayout(service.analyze(doc), service.validate(doc), { instanceType: (name) => live.instanceType(name) });
    assert.equal(answer.kind, 'layout');
    const [launch] = answer.kind === 'layout' ? answer.layout.launches : [];
    assert.deepEqual(launch.instanceType, {
      name: 'p5.48xlarge',
      maximumNetworkCards: 32,
      maximumNetworkInterfaces: 64,
      networkCards: Array.from({ length: 32 }, (_, index) => ({ index, maximumNetworkInterfaces: 2 })),
      efaSupported: true,
      maximumEfaInterfaces: 32,
    });
    assert.equal(
      instanceTypeSummary(launch.instanceType!),
      'instance type p5.48xlarge (DescribeInstanceTypes): 32 network cards, 2 interfaces per card, 64 interfaces in all; EFA: at most 32 interfaces',
    );
  });
});
