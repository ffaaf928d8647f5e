/**
 * The adversarial corpus: hostile and odd request documents, generated here (the large ones are
 * never stored), each with what its diagnostics must show. Shared by the service-level test
 * (corpus.test.ts) and the protocol-level one (protocol-corpus.test.ts).
 *
 * Text is given as a JavaScript string, as the editor hands it to the server: invalid UTF-8 has
 * already become U+FFFD, lone surrogates stay lone surrogates.
 */
import assert from 'node:assert/strict';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { prng } from '../support/prng';

export interface HostileCase {
  readonly name: string;
  readonly cliCommand: string;
  readonly syntax: 'json' | 'yaml';
  /** Generated on demand: some are tens of megabytes. */
  readonly text: () => string;
  /** Asserts what the diagnostics of the document must show. */
  readonly expect: (diagnostics: Diagnostic[], document: TextDocument) => void;
  /** Memory-hungry: the protocol test sends it once, alone. */
  readonly large?: boolean;
}

const SUBNET = 'subnet-0123456789abcdef0';
const SG = 'sg-0f1e2d3c4b5a69788';

const summary = (diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character} ${String(d.message).slice(0, 160)}`).join('\n');

/** Expectations, composable. */
const has =
  (code: string, message?: RegExp, covered?: string) =>
  (diagnostics: Diagnostic[], document: TextDocument): void => {
    const found = diagnostics.filter(
      (d) => d.code === code && (!message || message.test(String(d.message))) && (covered === undefined || document.getText(d.range) === covered),
    );
    assert.ok(
      found.length > 0,
      `expected ${code}${message ? ` ${message}` : ''}${covered !== undefined ? ` over ${JSON.stringify(covered)}` : ''}; got:\n${summary(diagnostics)}`,
    );
  };
const hasNo =
  (code: string, message?: RegExp) =>
  (diagnostics: Diagnostic[]): void => {
    const found = diagnostics.filter((d) => d.code === code && (!message || message.test(String(d.message))));
    assert.deepEqual(
      found.map((d) => String(d.message)),
      [],
      `expected no ${code}${message ? ` ${message}` : ''}`,
    );
  };
const exactly =
  (...codes: string[]) =>
  (diagnostics: Diagnostic[]): void =>
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), [...codes].sort(), summary(diagnostics));
const all =
  (...checks: ((diagnostics: Diagnostic[], document: TextDocument) => void)[]) =>
  (diagnostics: Diagnostic[], document: TextDocument): void => {
    for (const check of checks) check(diagnostics, document);
  };

const NESTING = /nested more than 128 levels deep; it is not read further/;
const DEEP = 100_000;

/** The classic "billion laughs": nine levels of nine aliases each, 9^9 strings if expanded. */
function billionLaughs(): string {
  const lines = ['Description: &a "lol"'];
  let previous = 'a';
  for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
    lines.push(`X${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    previous = name;
  }
  lines.push(`Groups: *${previous}`);
  return lines.join('\n') + '\n';
}

/** Merge keys that reuse a large mapping many times over, nested. */
function mergeBomb(): string {
  const members = Array.from({ length: 200 }, (_, i) => `M${i}: ${i}`).join(', ');
  const lines = [`X0: &m0 {${members}}`];
  for (let i = 1; i <= 12; i++)
    lines.push(
      `X${i}: &m${i} {<<: [${Array(8)
        .fill(`*m${i - 1}`)
        .join(', ')}], N${i}: 1}`,
    );
  lines.push('<<: *m12', `SubnetId: ${SUBNET}`);
  return lines.join('\n') + '\n';
}

/** Characters 0-255 in a fixed pseudo-random order: what a binary file read as Latin-1 looks like. */
function binary(length: number, seed: number): string {
  const random = prng(seed);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(Math.floor(random() * 256));
  return text;
}

const deepJson = (depth: number, inner = '') => '['.repeat(depth) + inner + ']'.repeat(depth);
const yamlBlockMappings = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}K${i}:`).join('\n') + ' 1\n';

export const CORPUS: readonly HostileCase[] = [
  // Alias bombs.
  {
    name: 'YAML billion laughs',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: billionLaughs,
    expect: has('syntax-error', /^Too many alias expansions; the document is not expanded further$/),
  },
  {
    name: 'YAML merge-key bomb',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: mergeBomb,
    expect: all(has('syntax-error', /^Too many alias expansions/), has('unknown-parameter', /^X0 is not a parameter/)),
  },
  {
    name: 'YAML alias to its own ancestor',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => `TagSpecifications: &t\n  - Tags: *t\nSubnetId: ${SUBNET}\n`,
    expect: has('syntax-error', /^Alias \*t refers to a node that contains it$/, '*t'),
  },
  // Nesting.
  { name: 'JSON: 100,000 nested arrays', cliCommand: 'create-network-interface', syntax: 'json', text: () => deepJson(DEEP), expect: exactly('syntax-error') },
  {
    name: 'JSON: 100,000 nested objects',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => '{"Description":'.repeat(DEEP) + '1' + '}'.repeat(DEEP),
    expect: all(exactly('syntax-error'), has('syntax-error', NESTING, '{')),
  },
  {
    name: 'JSON: 100,000 unclosed brackets',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => '['.repeat(DEEP),
    expect: all(exactly('syntax-error'), has('syntax-error', NESTING, '[')),
  },
  {
    name: 'JSON: 129 levels, one past the limit',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => `{"SubnetId": "${SUBNET}", "Groups": ${deepJson(128)}}`,
    expect: all(exactly('syntax-error'), has('syntax-error', NESTING, '[')),
  },
  {
    name: 'JSON: 128 levels, at the limit, is checked',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => `{"SubnetId": "${SUBNET}", "Groups": ${deepJson(127)}}`,
    expect: all(hasNo('syntax-error'), has('wrong-type', /^Groups\[0\] must be a string, not a list\.$/)),
  },
  {
    name: 'YAML: 100,000 nested flow sequences',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => deepJson(DEEP),
    expect: all(exactly('syntax-error'), has('syntax-error', NESTING)),
  },
  {
    name: 'YAML: 100,000 nested block sequences',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => '- '.repeat(DEEP) + 'x\n',
    expect: all(exactly('syntax-error'), has('syntax-error', NESTING)),
  },
  {
    name: 'YAML: 1,000 nested block mappings',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => yamlBlockMappings(1000),
    expect: all(exactly('syntax-error'), has('syntax-error', NESTING)),
  },
  {
    name: 'YAML: 128 levels, at the limit, is checked',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => `SubnetId: ${SUBNET}\nGroups: ${deepJson(127)}\n`,
    expect: all(hasNo('syntax-error'), has('wrong-type', /^Groups\[0\] must be a string, not a list\.$/)),
  },
  // Size.
  {
    name: '50 MB file',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    large: true,
    text: () => `{"SubnetId": "${SUBNET}", "Description": "${'x'.repeat(50_000_000)}"}`,
    expect: (diagnostics) => {
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity, d.range]),
        [['too-large', 3, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]],
      );
      assert.match(String(diagnostics[0].message), /^This file is larger than 16,000,000 characters and is not checked/);
    },
  },
  {
    name: 'a 5 MB single-line string',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    large: true,
    text: () => `{"SubnetId": "${SUBNET}", "Description": "${'x'.repeat(5_000_000)}"}`,
    expect: exactly(),
  },
  {
    name: 'a 5 MB plain YAML scalar',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    large: true,
    text: () => `SubnetId: ${SUBNET}\nDescription: ${'x'.repeat(5_000_000)}\n`,
    expect: exactly(),
  },
  {
    name: 'a 5 MB key',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    large: true,
    text: () => `{"SubnetId": "${SUBNET}", "${'k'.repeat(5_000_000)}": 1}`,
    expect: all(exactly('unknown-parameter'), has('unknown-parameter', /^k{100}… \(5,000,000 characters\) is not a parameter of CreateNetworkInterface\./)),
  },
  {
    name: 'a 5 MB enum value',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    large: true,
    text: () => `SubnetId: ${SUBNET}\nInterfaceType: ${'e'.repeat(5_000_000)}\n`,
    expect: all(exactly('interface-type'), has('interface-type', /^"e{100}… \(5,000,000 characters\)" is not a valid InterfaceType\. Allowed: /)),
  },
  {
    name: 'a 5 MB resource ID',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    large: true,
    text: () => `{"SubnetId": "subnet-${'0'.repeat(5_000_000)}"}`,
    expect: has('malformed-id', /^"subnet-0{93}… \(5,000,007 characters\)" is not a well-formed subnet ID/),
  },
  {
    name: 'a 2.4 MB line of 100,000 repeated security groups',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    large: true,
    text: () => `{"SubnetId": "${SUBNET}", "Groups": [${Array(100_000).fill(`"${SG}"`).join(', ')}]}`,
    expect: (diagnostics) => {
      assert.equal(diagnostics.length, 1001, 'at most 1,000 problems, then one notice');
      assert.ok(diagnostics.slice(0, 1000).every((d) => d.code === 'duplicate-value'));
      assert.deepEqual([diagnostics[1000].code, diagnostics[1000].severity], ['too-many-problems', 3]);
      assert.match(String(diagnostics[1000].message), /^98,999 more problems in this file are not shown: only the first 1,000 are\.$/);
    },
  },
  {
    name: 'JSON: 50,000 unknown keys on 50,000 lines',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    large: true,
    text: () => `{"SubnetId": "${SUBNET}",\n` + Array.from({ length: 50_000 }, (_, i) => `"K${i}": ${i},\n`).join('') + '"Z": 0}\n',
    expect: all(has('unknown-parameter', /^K0 is not a parameter/), has('too-many-problems', /^49,001 more problems/)),
  },
  {
    name: 'YAML: 20,000 unknown keys on 20,000 lines',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => `SubnetId: ${SUBNET}\n` + Array.from({ length: 20_000 }, (_, i) => `K${i}: ${i}\n`).join(''),
    expect: all(has('unknown-parameter', /^K0 is not a parameter/), has('too-many-problems', /^19,000 more problems/)),
  },
  // Bytes that are not text.
  {
    name: 'JSON with NUL bytes',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => `{"SubnetId": "${SUBNET}", "Description": "a\u0000b", \u0000 "Groups": []}`,
    expect: all(
      has('syntax-error', /^Control characters such as tabs and line breaks must be escaped in strings$/),
      has('syntax-error', /^Property keys must be double-quoted$/, '\u0000'),
    ),
  },
  {
    name: 'YAML with NUL bytes',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => `SubnetId: ${SUBNET}\nDescription: a\u0000b\n\u0000\u0001: 1\n`,
    expect: all(
      has('syntax-error', /^Character U\+0000 is not allowed in YAML; the AWS CLI cannot read this file$/, '\u0000'),
      has('syntax-error', /^Character U\+0000 is not allowed in YAML/, '\u0000\u0001'),
    ),
  },
  {
    name: 'JSON: 100 KB of binary garbage',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => binary(100_000, 1),
    expect: has('syntax-error'),
  },
  {
    name: 'YAML: 100 KB of binary garbage',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => binary(100_000, 2),
    expect: all(
      has('syntax-error', /^Character U\+[0-9A-F]{4} is not allowed in YAML/),
      has('syntax-error', /^More characters that YAML does not allow follow; this looks like a binary file$/),
    ),
  },
  {
    name: 'invalid UTF-8, decoded to U+FFFD',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => `{"SubnetId": "subnet-\uFFFD\uFFFD", "Description": "caf\uFFFD", "\uFFFD": 1}`,
    expect: all(has('malformed-id', /"subnet-\uFFFD\uFFFD"/, '"subnet-\uFFFD\uFFFD"'), has('unknown-parameter', /^\uFFFD is not a parameter/, '"\uFFFD"')),
  },
  {
    name: 'JSON: lone surrogates in keys and values',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => `{"SubnetId": "${SUBNET}", "Description": "\uD800", "\uDC00": 1, "InterfaceType": "efa\uD83D"}`,
    expect: all(
      has('unknown-parameter', /^\uDC00 is not a parameter/, '"\uDC00"'),
      has('interface-type', /^"efa\uD83D" is not a valid InterfaceType\. Did you mean "efa"\?/),
      has('cli-refuses', /^Description holds half of a UTF-16 surrogate pair/),
    ),
  },
  {
    name: 'YAML: lone surrogates, and a clipped value ending in half a pair',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => `SubnetId: ${SUBNET}\nDescription: \uDFFF\n\uD800: 1\nInterfaceType: ${'e'.repeat(99)}\uD83D\uDE00${'e'.repeat(200)}\n`,
    expect: all(
      has('unknown-parameter', /^\uD800 is not a parameter/, '\uD800'),
      // Clipping never leaves half a surrogate pair behind.
      has('interface-type', new RegExp(`^"e{99}… \\(301 characters\\)" is not a valid InterfaceType`)),
    ),
  },
  // Byte order mark, line endings, whitespace.
  {
    name: 'JSON with a byte order mark',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => `\uFEFF{"SubnetID": "${SUBNET}"}`,
    // The AWS CLI refuses the BOM; everything else is still checked, at unshifted offsets.
    expect: all(exactly('cli-json-syntax', 'unknown-parameter'), has('unknown-parameter', /Did you mean SubnetId/, '"SubnetID"')),
  },
  {
    name: 'YAML with a byte order mark',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => `\uFEFFSubnetID: ${SUBNET}\n`,
    expect: all(exactly('unknown-parameter'), has('unknown-parameter', /Did you mean SubnetId/, 'SubnetID')),
  },
  {
    name: 'JSON with CRLF line endings',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => `{\r\n  "SubnetId": "${SUBNET}",\r\n  "Description": 5\r\n}\r\n`,
    expect: all(exactly('wrong-type'), (d) => assert.deepEqual(d[0].range, { start: { line: 2, character: 17 }, end: { line: 2, character: 18 } })),
  },
  {
    name: 'YAML with mixed line endings (CRLF, LF, CR)',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => `SubnetId: ${SUBNET}\r\nDescription: 5\nGroups:\r  - 7\r\n`,
    // A lone CR ends a line, as in the editor and the AWS CLI.
    expect: all(
      exactly('wrong-type', 'wrong-type'),
      has('wrong-type', /^Description must be a string/, '5'),
      has('wrong-type', /^Groups\[0\] must be a string, not the number 7\./, '7'),
    ),
  },
  {
    name: 'YAML indented with tabs',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => `SubnetId: ${SUBNET}\nConnectionTrackingSpecification:\n\tTcpEstablishedTimeout: 60\n`,
    expect: has('syntax-error', /^Tabs are not allowed as indentation$/),
  },
  // YAML features.
  {
    name: 'multi-document YAML',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => `SubnetId: ${SUBNET}\n---\nSubnetId: nope\n---\n: : :\n`,
    expect: has('cli-yaml-syntax', /^A second YAML document: the AWS CLI reads one document and refuses the file/),
  },
  {
    name: 'YAML custom tags',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => `SubnetId: !Ref MySubnet\nDescription: !!binary aGk=\nGroups: !Split [",", "a,b"]\n`,
    expect: all(
      has('cli-yaml-syntax', /^The AWS CLI's YAML reader cannot read the tag !Ref/, '!Ref'),
      has('cli-yaml-type', /^The AWS CLI reads aGk= as bytes/),
      has('cli-yaml-syntax', /cannot read the tag !Split/),
    ),
  },
  {
    name: 'YAML anchors and merge keys, used well',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () =>
      `TagSpecifications:\n  - ResourceType: network-interface\n    Tags:\n      - &tag {Key: team, Value: web}\n      - {<<: *tag, Key: env}\n<<: {SubnetId: ${SUBNET}}\nDescription: &d web tier\nClientToken: *d\n`,
    expect: exactly(),
  },
  // Keys.
  {
    name: 'duplicate keys',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => `{"SubnetId": "subnet-1", "SubnetId": "${SUBNET}", "Groups": ["${SG}"], "Groups": []}`,
    expect: all(
      has('duplicate-key', /^SubnetId is given more than once/, '"SubnetId"'),
      has('duplicate-key', /^Groups is given more than once/),
      hasNo('malformed-id'),
    ),
  },
  {
    name: '__proto__, constructor and prototype keys (JSON)',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () =>
      `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "prototype": {"polluted": true}, "toString": 1, "SubnetId": "${SUBNET}",` +
      ` "TagSpecifications": [{"ResourceType": "network-interface", "__proto__": {"polluted": true}, "Tags": [{"Key": "__proto__", "Value": "constructor"}]}]}`,
    expect: all(
      has('unknown-parameter', /^__proto__ is not a parameter of CreateNetworkInterface\./, '"__proto__"'),
      has('unknown-parameter', /^constructor is not a parameter/, '"constructor"'),
      has('unknown-parameter', /^prototype is not a parameter/, '"prototype"'),
      has('unknown-parameter', /^toString is not a parameter/, '"toString"'),
      has('unknown-parameter', /^__proto__ is not a parameter of TagSpecifications\[0\] \(TagSpecification\)/),
    ),
  },
  {
    name: '__proto__, constructor and prototype keys (YAML)',
    cliCommand: 'modify-network-interface-attribute',
    syntax: 'yaml',
    text: () =>
      `__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\nNetworkInterfaceId: eni-0123456789abcdef0\nDescription:\n  __proto__: {polluted: true}\n  Value: x\nhasOwnProperty: 1\n`,
    expect: all(
      has('unknown-parameter', /^__proto__ is not a parameter of ModifyNetworkInterfaceAttribute\./, '__proto__'),
      has('unknown-parameter', /^constructor is not a parameter/, 'constructor'),
      has('unknown-parameter', /^hasOwnProperty is not a parameter/, 'hasOwnProperty'),
      has('unknown-parameter', /^__proto__ is not a parameter of Description/),
    ),
  },
  // Numbers.
  {
    name: 'numbers beyond 2^53 and beyond doubles',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () =>
      `{"SubnetId": "${SUBNET}", "SecondaryPrivateIpAddressCount": 9007199254740993, "Ipv6AddressCount": 1e400, "Ipv4PrefixCount": -99999999999999999999999, "Description": 123456789012345678901234567890, "Ipv6PrefixCount": "99999999999999999999"}`,
    expect: all(
      has('wrong-type', /^Ipv6AddressCount must be a whole number, not 1e400 \(the AWS CLI reads it as a fraction and refuses it\)\.$/, '1e400'),
      has('integer-range', /^SecondaryPrivateIpAddressCount is a 32-bit integer in EC2/, '9007199254740993'),
      has('integer-range', /^Ipv4PrefixCount is a 32-bit integer in EC2 \(from -2,147,483,648 to 2,147,483,647\): -99999999999999999999999 is sent as written/),
      has('wrong-type', /^Description must be a string, not the number 123456789012345678901234567890\. Put it in quotes\.$/),
      has('wrong-type', /^Ipv6PrefixCount must be a whole number, not the string "99999999999999999999"\. Remove the quotes\.$/),
    ),
  },
  // Nothing there.
  { name: 'empty JSON file', cliCommand: 'create-network-interface', syntax: 'json', text: () => '', expect: exactly('empty-request') },
  { name: 'empty YAML file', cliCommand: 'create-network-interface', syntax: 'yaml', text: () => '', expect: exactly('empty-request') },
  // The AWS CLI refuses comments in JSON, so this one is not merely empty.
  {
    name: 'JSON file that is only a comment',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => '// nothing yet\n/* still nothing */',
    expect: exactly('cli-json-syntax', 'cli-json-syntax'),
  },
  {
    name: 'YAML file that is only a comment',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => '# ec2: create-network-interface\n# nothing yet\n',
    expect: exactly('empty-request'),
  },
  {
    name: 'JSON file that is only white space',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => ' \t\r\n'.repeat(1000),
    expect: exactly('empty-request'),
  },
  // Not a structure at all.
  {
    name: 'a bare string as the request',
    cliCommand: 'create-network-interface',
    syntax: 'json',
    text: () => '"SubnetId"',
    expect: exactly('cli-json-syntax', 'wrong-type'),
  },
  {
    name: 'a YAML scalar document',
    cliCommand: 'create-network-interface',
    syntax: 'yaml',
    text: () => '--- |\n  SubnetId: x\n',
    expect: exactly('wrong-type'),
  },
];
