/** The network layout of a request (service/layout.ts) and its terminal table (service/layout-render.ts); the Markdown: layout-markdown.test.ts. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RequestLanguageService } from '../../server/src/service/language-service';
import type { InstanceTypeLimits } from '../../server/src/execution/lookups';
import { LAYOUT_COMMANDS } from '../../contract/protocol';
import { OperationRegistry } from '../../server/src/model/registry';
import { entriesAt, LAYOUT_OPERATIONS, layoutInstanceTypes, requestLayout, type LayoutAnswer, type RequestLayout } from '../../server/src/service/layout';
import { layoutMarkdown } from '../../server/src/service/layout-markdown';
import { instanceTypeSummary, layoutSummary, layoutText, typeLabel } from '../../server/src/service/layout-render';
import { json, requestDocument } from '../support/service';

function layoutOf(cliCommand: string, text: string, syntax: 'json' | 'yaml' = 'json'): LayoutAnswer {
  const service = new RequestLanguageService();
  const document = requestDocument(cliCommand, text, syntax);
  return requestLayout(service.analyze(document), service.validate(document));
}

function layout(answer: LayoutAnswer): RequestLayout {
  assert.equal(answer.kind, 'layout', answer.kind === 'layout' ? '' : answer.message);
  return (answer as { layout: RequestLayout }).layout;
}

const P5 = fs.readFileSync(path.join(process.cwd(), 'examples', 'valid', 'p5-efa.create-launch-template.yaml'), 'utf8');

describe('network layout', () => {
  it('the client offers the layout on the operations the server lays out (contract LAYOUT_COMMANDS)', () => {
    const registry = new OperationRegistry();
    const commands = LAYOUT_OPERATIONS.map((name) => registry.get(name)?.['x-operation'].cliCommand);
    assert.deepEqual([...commands].sort(), [...LAYOUT_COMMANDS].sort());
  });

  it('lays out the p5 template: 32 cards, 33 entries, the primary, no problems', () => {
    const { operation, launches } = layout(layoutOf('create-launch-template', P5, 'yaml'));
    assert.equal(operation, 'CreateLaunchTemplate');
    assert.equal(launches.length, 1);
    const [launch] = launches;
    assert.equal(launch.kind, 'launch-template');
    assert.equal(launch.path, 'LaunchTemplateData.NetworkInterfaces');
    assert.equal(launch.cells.length, 33);
    assert.deepEqual(
      launch.cards,
      Array.from({ length: 32 }, (_, i) => i),
    );
    assert.deepEqual(launch.deviceIndexes, [0, 1]);
    assert.deepEqual(launch.unplaced, []);
    assert.deepEqual(launch.codes, []);
    assert.ok(launch.cells.every((c) => c.codes.length === 0));
    assert.equal(launch.primary?.index, 0);
    assert.equal(launch.primary?.interfaceType, 'interface');
    assert.deepEqual(launch.primary?.groups, ['sg-0f1e2d3c4b5a69788']);
    assert.equal(launch.primary?.subnetId, 'subnet-0123456789abcdef0');
    assert.equal(entriesAt(launch, 0, 1)[0].interfaceType, 'efa-only');
    assert.equal(entriesAt(launch, 31, 0)[0].interfaceType, 'efa-only');
    assert.deepEqual(entriesAt(launch, 31, 1), []);
    assert.equal(layoutSummary(launch), '33 interfaces on 32 network cards: 1 ENA, 32 EFA-only (1 per card); primary: card 0 device 0 (interface)');
  });

  it('renders the p5 layout as a terminal table', () => {
    const result = layout(layoutOf('create-launch-template', P5, 'yaml'));
    const lines = layoutText(result).split('\n');
    assert.equal(lines[0], 'LaunchTemplateData.NetworkInterfaces (CreateLaunchTemplate)');
    assert.match(lines[3], /^card {2}dev {3}# {2}type {8}subnet {20}groups$/);
    assert.match(lines[4], /^ {3}0 {4}0 {3}0 {2}interface\* {2}subnet-0123456789abcdef0 {2}sg-0f1e2d3c4b5a69788$/);
    // The card is written once per card: device 1 of card 0 leaves it blank.
    assert.match(lines[5], /^ {8}1 {3}1 {2}efa-only /);
    assert.equal(lines.filter((l) => /efa-only/.test(l)).length, 32);
  });

  it('gives the severity of each code in the request', () => {
    const text = json({ ImageId: 'ami-0123456789abcdef0', NetworkInterfaces: [{ DeviceIndex: 1, SubnetId: 'subnet-0123456789abcdef0' }] });
    const { severities } = layout(layoutOf('run-instances', text));
    assert.equal(severities['nic-primary'], 'error');
  });

  it('puts efa-per-card on the cell of the second EFA of a card', () => {
    const text = json({
      LaunchTemplateName: 'two-efa',
      LaunchTemplateData: {
        NetworkInterfaces: [
          { NetworkCardIndex: 0, DeviceIndex: 0, InterfaceType: 'efa', SubnetId: 'subnet-0123456789abcdef0' },
          { NetworkCardIndex: 0, DeviceIndex: 1, InterfaceType: 'efa-only', SubnetId: 'subnet-0123456789abcdef0' },
        ],
      },
    });
    const [launch] = layout(layoutOf('create-launch-template', text)).launches;
    assert.deepEqual(entriesAt(launch, 0, 0)[0].codes, []);
    assert.deepEqual(entriesAt(launch, 0, 1)[0].codes, ['efa-per-card']);
    assert.equal(layoutSummary(launch), '2 interfaces on 1 network card: 1 EFA, 1 EFA-only; primary: card 0 device 0 (efa)');
    assert.match(layoutText(layout(layoutOf('create-launch-template', text))), /efa-only +subnet-0123456789abcdef0 +efa-per-card/);
  });

  it('keeps an entry without DeviceIndex out of the grid, with its problem', () => {
    const text = json({
      ImageId: 'ami-0123456789abcdef0',
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: 'subnet-0123456789abcdef0' },
        { SubnetId: 'subnet-0123456789abcdef0', NetworkCardIndex: 1 },
      ],
    });
    const [launch] = layout(layoutOf('run-instances', text)).launches;
    assert.equal(launch.cells.length, 1);
    assert.equal(launch.unplaced.length, 1);
    assert.equal(launch.unplaced[0].index, 1);
    assert.equal(launch.unplaced[0].reason, 'no DeviceIndex');
    assert.ok(launch.unplaced[0].codes.length > 0, 'the missing DeviceIndex is reported on the entry');
    assert.match(layoutSummary(launch), /; 1 entry without a place$/);
    assert.match(layoutText(layout(layoutOf('run-instances', text))), /\n {3}1 {4}\? +1 .*no DeviceIndex nic-device-index/);
  });

  it('an entry that is not an object has no type (?), not the default interface', () => {
    const text = json({
      ImageId: 'ami-0123456789abcdef0',
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-0123456789abcdef0' }, null, [1, 2]],
    });
    const [launch] = layout(layoutOf('run-instances', text)).launches;
    assert.deepEqual(
      launch.unplaced.map((e) => [e.index, e.reason, typeLabel(e)]),
      [
        [1, 'not an object', '?'],
        [2, 'not an object', '?'],
      ],
    );
    assert.match(layoutSummary(launch), /^3 interfaces on 1 network card: 1 ENA, 2 \?; primary: card 0 device 0 \(interface\); 2 entries without a place$/);
  });

  it('summarizes the addresses of a RunInstances entry and shows the existing interface', () => {
    const text = json({
      ImageId: 'ami-0123456789abcdef0',
      NetworkInterfaces: [
        {
          DeviceIndex: 0,
          SubnetId: 'subnet-0123456789abcdef0',
          Groups: ['sg-0f1e2d3c4b5a69788', 'sg-0123456789abcdef0'],
          PrivateIpAddress: '10.0.1.40',
          SecondaryPrivateIpAddressCount: 2,
          Ipv6AddressCount: 1,
          Ipv4PrefixCount: 1,
        },
        { DeviceIndex: 1, NetworkInterfaceId: 'eni-0a1b2c3d4e5f60718' },
      ],
    });
    const { operation, launches } = layout(layoutOf('run-instances', text));
    assert.equal(operation, 'RunInstances');
    const [launch] = launches;
    assert.equal(launch.kind, 'run-instances');
    assert.equal(launch.path, 'NetworkInterfaces');
    const [primary, existing] = launch.cells;
    assert.equal(primary.primary, true);
    assert.deepEqual(primary.groups, ['sg-0f1e2d3c4b5a69788', 'sg-0123456789abcdef0']);
    assert.equal(primary.addresses, '10.0.1.40, 2 secondary, 1 IPv6, 1 IPv4 /28');
    assert.equal(existing.networkInterfaceId, 'eni-0a1b2c3d4e5f60718');
    assert.equal(existing.primary, false);
    assert.equal(layoutSummary(launch), '2 interfaces on 1 network card: 1 ENA, 1 existing; primary: card 0 device 0 (interface)');
  });

  it('gives each launch specification of a Spot Fleet its own grid', () => {
    const text = json({
      SpotFleetRequestConfig: {
        IamFleetRole: 'arn:aws:iam::123456789012:role/fleet',
        TargetCapacity: 2,
        LaunchSpecifications: [
          { ImageId: 'ami-0123456789abcdef0', NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-0123456789abcdef0' }] },
          {
            ImageId: 'ami-0123456789abcdef0',
            NetworkInterfaces: [
              { DeviceIndex: 0, SubnetId: 'subnet-0fedcba9876543210' },
              { DeviceIndex: 1, SubnetId: 'subnet-0fedcba9876543210' },
            ],
          },
        ],
      },
    });
    const { launches } = layout(layoutOf('request-spot-fleet', text));
    assert.deepEqual(
      launches.map((l) => [l.kind, l.path, l.cells.length, l.primary?.subnetId]),
      [
        ['spot-fleet', 'SpotFleetRequestConfig.LaunchSpecifications[0].NetworkInterfaces', 1, 'subnet-0123456789abcdef0'],
        ['spot-fleet', 'SpotFleetRequestConfig.LaunchSpecifications[1].NetworkInterfaces', 2, 'subnet-0fedcba9876543210'],
      ],
    );
  });

  it('reports the missing primary on NetworkInterfaces itself', () => {
    const text = json({ ImageId: 'ami-0123456789abcdef0', NetworkInterfaces: [{ DeviceIndex: 1, SubnetId: 'subnet-0123456789abcdef0' }] });
    const [launch] = layout(layoutOf('run-instances', text)).launches;
    assert.equal(launch.primary, undefined);
    assert.deepEqual(launch.codes, ['nic-primary']);
    assert.match(layoutSummary(launch), /primary: none \(no entry at card 0 device 0\)$/);
  });

  it('has no layout for a request without interface entries, or a file that is not a request', () => {
    const none = layoutOf('create-network-interface', json({ SubnetId: 'subnet-0123456789abcdef0' }));
    assert.equal(none.kind, 'no-entries');
    assert.match(
      (none as { message: string }).message,
      /RunInstances, CreateLaunchTemplate, CreateLaunchTemplateVersion, RequestSpotInstances, RequestSpotFleet/,
    );
    assert.equal(layoutOf('run-instances', json({ ImageId: 'ami-0123456789abcdef0', SubnetId: 'subnet-0123456789abcdef0' })).kind, 'no-entries');
    const service = new RequestLanguageService();
    const notes = TextDocument.create('file:///work/notes.json', 'json', 1, '{ "a": 1 }');
    assert.equal(requestLayout(service.analyze(notes), service.validate(notes)).kind, 'not-a-request');
  });
});

describe('network layout with live data (the instance type)', () => {
  const FLEET = json({
    SpotFleetRequestConfig: {
      IamFleetRole: 'arn:aws:iam::123456789012:role/fleet',
      TargetCapacity: 2,
      LaunchSpecifications: [
        { ImageId: 'ami-0123456789abcdef0', InstanceType: 'c6i.large', NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-0123456789abcdef0' }] },
        { ImageId: 'ami-0123456789abcdef0', InstanceType: 'x9.huge', NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-0123456789abcdef0' }] },
        { ImageId: 'ami-0123456789abcdef0', InstanceType: 'c6i.large', NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-0123456789abcdef0' }] },
      ],
    },
  });
  const known: Record<string, InstanceTypeLimits> = {
    'c6i.large': {
      instanceType: 'c6i.large',
      maximumNetworkCards: 1,
      maximumNetworkInterfaces: 3,
      networkCards: [{ networkCardIndex: 0, maximumNetworkInterfaces: 3 }],
      ipv4AddressesPerInterface: 10,
      efaSupported: false,
    },
  };

  function withTypes(cliCommand: string, text: string, lookup: (name: string) => InstanceTypeLimits | undefined): RequestLayout {
    const service = new RequestLanguageService();
    const document = requestDocument(cliCommand, text);
    return layout(requestLayout(service.analyze(document), service.validate(document), { instanceType: lookup }));
  }

  it('each launch specification gets the facts of its own type, when known; the types to look up, each once', () => {
    const asked: string[] = [];
    const { launches } = withTypes('request-spot-fleet', FLEET, (name) => (asked.push(name), known[name]));
    assert.deepEqual(asked, ['c6i.large', 'x9.huge', 'c6i.large']);
    assert.deepEqual(
      launches.map((l) => l.instanceType),
      [
        {
          name: 'c6i.large',
          maximumNetworkCards: 1,
          maximumNetworkInterfaces: 3,
          networkCards: [{ index: 0, maximumNetworkInterfaces: 3 }],
          efaSupported: false,
        },
        undefined,
        {
          name: 'c6i.large',
          maximumNetworkCards: 1,
          maximumNetworkInterfaces: 3,
          networkCards: [{ index: 0, maximumNetworkInterfaces: 3 }],
          efaSupported: false,
        },
      ],
    );
    const service = new RequestLanguageService();
    assert.deepEqual(layoutInstanceTypes(service.analyze(requestDocument('request-spot-fleet', FLEET))), ['c6i.large', 'x9.huge']);
    assert.ok(!('instanceType' in layout(layoutOf('request-spot-fleet', FLEET)).launches[0]), 'without live data: no member at all');
  });

  it('the text and Markdown show one line under the summary; a type EC2 does not know shows none', () => {
    const fleet = withTypes('request-spot-fleet', FLEET, (name) => known[name]);
    const text = layoutText(fleet);
    const blocks = text.split('\n\n');
    assert.equal(blocks[0].split('\n')[2], 'instance type c6i.large (DescribeInstanceTypes): 1 network card, 3 interfaces; no EFA');
    assert.doesNotMatch(blocks[2], /instance type/, 'x9.huge: unknown');
    const markdown = layoutMarkdown(fleet).split('\n### ');
    assert.match(markdown[1], /\*\*\n\n_instance type c6i\.large \(DescribeInstanceTypes\): 1 network card, 3 interfaces; no EFA_\n\n/);
    assert.doesNotMatch(markdown[2], /instance type/, 'x9.huge: unknown');
  });

  it('summarizes what EC2 stated: cards that differ, EFA without a limit, limits left out', () => {
    assert.equal(
      instanceTypeSummary({
        name: 'p5.48xlarge',
        maximumNetworkCards: 32,
        maximumNetworkInterfaces: 64,
        networkCards: Array.from({ length: 32 }, (_, index) => ({ index, maximumNetworkInterfaces: 2 })),
        efaSupported: true,
        maximumEfaInterfaces: 32,
      }),
      'instance type p5.48xlarge (DescribeInstanceTypes): 32 network cards, 2 interfaces per card, 64 interfaces in all; EFA: at most 32 interfaces',
    );
    assert.equal(
      instanceTypeSummary({
        name: 'x9.mixed',
        maximumNetworkCards: 4,
        networkCards: [
          { index: 0, maximumNetworkInterfaces: 4 },
          { index: 1, maximumNetworkInterfaces: 2 },
          { index: 2, maximumNetworkInterfaces: 2 },
          { index: 3, maximumNetworkInterfaces: 2 },
        ],
        efaSupported: true,
      }),
      'instance type x9.mixed (DescribeInstanceTypes): 4 network cards, 4 interfaces on card 0, 2 on cards 1-3; EFA supported',
    );
    assert.equal(instanceTypeSummary({ name: 'x1.legacy' }), 'instance type x1.legacy (DescribeInstanceTypes): no network limits stated');
  });
});
