/**
 * The bench's documents, generated deterministically (seeded) into bench/generated/: valid requests
 * of four sizes in JSON and YAML (the medium size twice: a RunInstances request, and a p5.48xlarge
 * launch template with 33 interface entries), and 1,000 small request files for the CLI. Valid, so that what is
 * measured is the real work of validating, not of reporting errors (the bench asserts zero errors).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { prng } from '../../test/support/prng';

export type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
/** `n` hex digits, never all the same (so no two generated IDs collide by accident). */
const hex = (random: Random, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
const id = (random: Random, prefix: string) => `${prefix}-0${hex(random, 16)}`;

const WORDS = [
  'web',
  'tier',
  'primary',
  'backend',
  'frontend',
  'cache',
  'replica',
  'ingress',
  'egress',
  'storage',
  'batch',
  'metrics',
  'blue',
  'green',
  'canary',
  'east',
  'west',
  'edge',
];
const words = (random: Random, n: number) => Array.from({ length: n }, () => pick(random, WORDS)).join(' ');

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type SizeName = 'small' | 'medium' | 'large' | 'huge';
export type Syntax = 'json' | 'yaml';

export interface BenchDocument {
  name: string;
  size: SizeName;
  /** A second document of the same size (`p5`): its name and file name carry it. */
  variant?: string;
  syntax: Syntax;
  operation: string;
  cliCommand: string;
  /** Absolute path of the generated file; its name follows <name>.<cli-command>.<ext>. */
  file: string;
  text: string;
}

/** A typical CreateNetworkInterface request (~20 lines). */
export function smallRequest(random: Random): Json {
  return {
    SubnetId: id(random, 'subnet'),
    Description: `${words(random, 3)} interface`,
    Groups: [id(random, 'sg'), id(random, 'sg')],
    PrivateIpAddress: `10.0.${int(random, 1, 200)}.${int(random, 100, 249)}`,
    SecondaryPrivateIpAddressCount: 2,
    TagSpecifications: [
      {
        ResourceType: 'network-interface',
        Tags: [
          { Key: 'Name', Value: `web-eni-${int(random, 10, 99)}` },
          { Key: 'team', Value: 'network' },
        ],
      },
    ],
  };
}

/** RunInstances with 8 network interfaces and tags (~400 lines of JSON). */
export function mediumRequest(random: Random): Json {
  const tags = (what: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ Key: `${what}-key-${i + 10}`, Value: `${words(random, 2)} ${int(random, 10, 99)}` }));
  return {
    ImageId: 'ami-0123456789abcdef0',
    InstanceType: 'c6i.8xlarge',
    MinCount: 1,
    MaxCount: 1,
    KeyName: 'ops',
    NetworkInterfaces: Array.from({ length: 8 }, (_, i) => ({
      DeviceIndex: i,
      SubnetId: id(random, 'subnet'),
      Description: `${words(random, 3)} interface ${i}`,
      Groups: [id(random, 'sg'), id(random, 'sg')],
      // Addresses 10, 30, 50: toggling a last digit (0↔1) never makes two of them equal.
      PrivateIpAddresses: [10, 30, 50].map((host, k) => ({ Primary: k === 0, PrivateIpAddress: `10.${i + 10}.${int(random, 10, 99)}.${host + 100}` })),
      Ipv6Addresses: [1, 2].map(() => ({ Ipv6Address: `2001:db8:${hex(random, 4)}::${hex(random, 4)}` })),
      DeleteOnTermination: true,
    })),
    TagSpecifications: [
      { ResourceType: 'instance', Tags: tags('instance', 10) },
      { ResourceType: 'network-interface', Tags: tags('nic', 10) },
      { ResourceType: 'volume', Tags: tags('volume', 10) },
    ],
  };
}

/**
 * CreateLaunchTemplate for a p5.48xlarge in AWS's current EFA layout (examples/valid/p5-efa…): an
 * ENA primary at card 0 device 0, efa-only at card 0 device 1, then efa-only at device 0 of cards
 * 1-31. 33 entries (~330 lines of JSON), every interface rule at work on each keystroke.
 */
export function p5Template(random: Random): Json {
  const subnet = id(random, 'subnet');
  const group = id(random, 'sg');
  const entry = (card: number, device: number, type: string): Json => ({
    NetworkCardIndex: card,
    DeviceIndex: device,
    InterfaceType: type,
    Description: `${words(random, 2)} ${type === 'interface' ? 'primary' : 'efa'} ${card}`,
    SubnetId: subnet,
    Groups: [group],
    DeleteOnTermination: true,
  });
  return {
    LaunchTemplateName: 'p5-training-efa',
    VersionDescription: 'p5.48xlarge with 32 EFA-only interfaces',
    LaunchTemplateData: {
      ImageId: 'ami-0123456789abcdef0',
      InstanceType: 'p5.48xlarge',
      Placement: { GroupName: 'training-cluster' },
      NetworkInterfaces: [entry(0, 0, 'interface'), entry(0, 1, 'efa-only'), ...Array.from({ length: 31 }, (_, i) => entry(i + 1, 0, 'efa-only'))],
    },
  };
}

const FILTER_MAKERS: ((random: Random) => Json)[] = [
  (r) => ({ Name: 'subnet-id', Values: [id(r, 'subnet'), id(r, 'subnet')] }),
  (r) => ({ Name: 'vpc-id', Values: [id(r, 'vpc')] }),
  (r) => ({ Name: 'group-id', Values: [id(r, 'sg'), id(r, 'sg'), id(r, 'sg')] }),
  (r) => ({ Name: 'network-interface-id', Values: [id(r, 'eni')] }),
  () => ({ Name: 'status', Values: ['available', 'in-use'] }),
  (r) => ({ Name: 'description', Values: [`${words(r, 4)} interface`] }),
  (r) => ({ Name: `tag:team-${int(r, 10, 99)}`, Values: [words(r, 2), words(r, 1)] }),
  (r) => ({ Name: 'private-ip-address', Values: [`10.${int(r, 10, 99)}.${int(r, 10, 99)}.${int(r, 100, 250)}`] }),
  () => ({ Name: 'attachment.status', Values: ['attached'] }),
  () => ({ Name: 'interface-type', Values: ['interface', 'efa'] }),
  (r) => ({ Name: 'availability-zone', Values: [`us-east-1${pick(r, ['a', 'b', 'c', 'd'])}`] }),
  () => ({ Name: 'source-dest-check', Values: ['false'] }),
];

/** DescribeNetworkInterfaces with as many filters as fit in `targetBytes` when serialized. */
export function bigRequest(random: Random, targetBytes: number, serialize: (value: Json) => string): Json {
  const filters: Json[] = [];
  const request = { Filters: filters, MaxResults: 50 };
  // Measure a sample to size the list, then fill it; the result lands within a few % of the target.
  const sample = Array.from({ length: 200 }, (_, i) => FILTER_MAKERS[i % FILTER_MAKERS.length](prng(i)));
  const perFilter = (serialize({ Filters: sample, MaxResults: 50 }).length - serialize({ Filters: [], MaxResults: 50 }).length) / sample.length;
  const count = Math.round(targetBytes / perFilter);
  for (let i = 0; i < count; i++) filters.push(FILTER_MAKERS[i % FILTER_MAKERS.length](random));
  return request;
}

export const toJson = (value: Json): string => `${JSON.stringify(value, null, 2)}\n`;

/** Block-style YAML for the generated shapes; strings that would not stay plain strings are double-quoted. */
export function toYaml(value: Json): string {
  const lines: string[] = [];
  emitYaml(value, 0, lines, '');
  return `${lines.join('\n')}\n`;
}

const PLAIN = /^[A-Za-z_/][A-Za-z0-9 _./@:-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;
function scalar(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  const plain = PLAIN.test(value) && !RESERVED.test(value) && !value.includes(': ') && !value.endsWith(':') && !value.endsWith(' ');
  return plain ? value : JSON.stringify(value);
}

/** Emits `value` as the content after `prefix` (a key + ':' or '-'), at `indent`. */
function emitYaml(value: Json, indent: number, lines: string[], prefix: string): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return void lines.push(`${pad}${prefix}${prefix ? ' ' : ''}[]`);
    if (prefix) lines.push(`${pad}${prefix}`);
    const itemIndent = prefix ? indent + 2 : indent;
    for (const item of value) emitItem(item, itemIndent, lines);
  } else if (value !== null && typeof value === 'object') {
    if (prefix) lines.push(`${pad}${prefix}`);
    const childIndent = prefix ? indent + 2 : indent;
    for (const [key, child] of Object.entries(value)) emitMember(key, child, childIndent, lines);
  } else {
    lines.push(`${pad}${prefix}${prefix ? ' ' : ''}${scalar(value)}`);
  }
}

function emitMember(key: string, value: Json, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (value !== null && typeof value === 'object' && (Array.isArray(value) ? value.length : Object.keys(value).length)) {
    lines.push(`${pad}${scalar(key)}:`);
    if (Array.isArray(value)) for (const item of value) emitItem(item, indent + 2, lines);
    else for (const [k, v] of Object.entries(value)) emitMember(k, v, indent + 2, lines);
  } else {
    emitYaml(value, indent, lines, `${scalar(key)}:`);
  }
}

function emitItem(item: Json, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length) {
    // `- Key: value` then the other members aligned under the first.
    const entries = Object.entries(item);
    const sub: string[] = [];
    entries.forEach(([k, v]) => emitMember(k, v, indent + 2, sub));
    sub[0] = `${pad}- ${sub[0].slice(indent + 2)}`;
    lines.push(...sub);
  } else if (Array.isArray(item)) {
    throw new Error('nested lists are not generated');
  } else {
    lines.push(`${pad}- ${scalar(item as string | number | boolean | null)}`);
  }
}

const SIZES: {
  size: SizeName;
  variant?: string;
  seed: number;
  operation: string;
  cliCommand: string;
  make: (random: Random, serialize: (v: Json) => string) => Json;
}[] = [
  { size: 'small', seed: 1000, operation: 'CreateNetworkInterface', cliCommand: 'create-network-interface', make: (r) => smallRequest(r) },
  { size: 'medium', seed: 1001, operation: 'RunInstances', cliCommand: 'run-instances', make: (r) => mediumRequest(r) },
  { size: 'medium', variant: 'p5', seed: 1004, operation: 'CreateLaunchTemplate', cliCommand: 'create-launch-template', make: (r) => p5Template(r) },
  { size: 'large', seed: 1002, operation: 'DescribeNetworkInterfaces', cliCommand: 'describe-network-interfaces', make: (r, s) => bigRequest(r, 1_000_000, s) },
  { size: 'huge', seed: 1003, operation: 'DescribeNetworkInterfaces', cliCommand: 'describe-network-interfaces', make: (r, s) => bigRequest(r, 10_000_000, s) },
];

/** The ten bench documents, written to `dir`. */
export function generateDocuments(dir: string): BenchDocument[] {
  fs.mkdirSync(dir, { recursive: true });
  const documents: BenchDocument[] = [];
  for (const { size, variant, seed, operation, cliCommand, make } of SIZES) {
    for (const syntax of ['json', 'yaml'] as const) {
      const serialize = syntax === 'json' ? toJson : toYaml;
      const text = serialize(make(prng(seed), serialize));
      const stem = variant ? `${size}-${variant}` : size;
      const file = path.join(dir, `${stem}.${cliCommand}.${syntax}`);
      fs.writeFileSync(file, text);
      documents.push({ name: variant ? `${size} ${variant} ${syntax}` : `${size} ${syntax}`, size, variant, syntax, operation, cliCommand, file, text });
    }
  }
  return documents;
}

/**
 * 1,000 request files for the CLI: every example request (all operations, JSON and YAML) with fresh
 * resource IDs, plus generated CreateNetworkInterface and RunInstances requests.
 */
export function generateCliFiles(dir: string, examplesDir: string, count = 1000): number {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const examples = fs
    .readdirSync(examplesDir)
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .sort()
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(examplesDir, f), 'utf8') }));
  const random = prng(7);
  for (let i = 0; i < count; i++) {
    const slot = i % 10;
    const serial = String(i).padStart(4, '0');
    const subdir = path.join(dir, `batch-${Math.floor(i / 100)}`);
    fs.mkdirSync(subdir, { recursive: true });
    if (slot === 8 || slot === 9) {
      // One in ten a generated small request, one in ten a medium RunInstances; JSON and YAML alternate.
      const syntax = Math.floor(i / 10) % 2 === 0 ? 'json' : 'yaml';
      const value = slot === 8 ? smallRequest(random) : mediumRequest(random);
      const command = slot === 8 ? 'create-network-interface' : 'run-instances';
      fs.writeFileSync(path.join(subdir, `gen-${serial}.${command}.${syntax}`), (syntax === 'json' ? toJson : toYaml)(value));
    } else {
      const example = examples[(i * 7 + slot) % examples.length];
      // Fresh IDs, the same one for every occurrence of an ID in the file.
      const fresh = new Map<string, string>();
      const text = example.text.replace(
        /\b((?:eni-attach|eipalloc|eipassoc|subnet|eni|sg|vpc|i)-)([0-9a-f]{8}|[0-9a-f]{17})\b/g,
        (whole, prefix: string, digits: string) => {
          if (!fresh.has(whole)) fresh.set(whole, prefix + hex(random, digits.length));
          return fresh.get(whole)!;
        },
      );
      fs.writeFileSync(path.join(subdir, `f${serial}-${example.name}`), text);
    }
  }
  return count;
}
