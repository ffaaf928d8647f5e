/**
 * Crash recovery in the service: a rule group (or the schema walk) that throws costs only its own
 * checks. The other diagnostics still arrive, the failure shows as one internal-error notice, and
 * the log gets it once per throw site, not once per keystroke. The failing groups are given to
 * the service (`ruleGroups`) and to validateRequest next to the real ones.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument } from '../../server/src/service/document/parse';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { OperationRegistry } from '../../server/src/model/registry';
import type { RuleGroup } from '../../server/src/service/validation/problem';
import { RULE_GROUPS } from '../../server/src/service/validation/rules';
import { validateRequest, type RuleFailure } from '../../server/src/service/validation/validate';

const registry = new OperationRegistry();
const CNI = registry.get('create-network-interface')!;

/** A wrong type (schema walk), a conflict (create-network-interface rules) and a repeated group (common rules). */
const REQUEST = JSON.stringify(
  {
    SubnetId: 'subnet-0123456789abcdef0',
    Description: 5,
    SecondaryPrivateIpAddressCount: 2,
    PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.5', Primary: true }, { PrivateIpAddress: '10.0.0.6' }],
    Groups: ['sg-0f1e2d3c4b5a69788', 'sg-0f1e2d3c4b5a69788'],
  },
  null,
  2,
);
const EXPECTED_CODES = ['duplicate-value', 'ipv4-assignment-conflict', 'wrong-type'];

const throwing = (name: string, error: () => unknown): RuleGroup => ({
  name,
  check() {
    throw error();
  },
});

/** A service running `groups` before the real rule groups, logging into `log`. */
function serviceWith(groups: RuleGroup[], log?: string[]): RequestLanguageService {
  return new RequestLanguageService({ ruleGroups: [...groups, ...RULE_GROUPS], log: log && ((message) => log.push(message)) });
}

const codesOf = (diagnostics: { code?: unknown }[]) => diagnostics.map((d) => String(d.code)).sort();

describe('validateRequest with a throwing rule group', () => {
  it('reports the failure once, as an internal-error notice, and keeps every other problem', () => {
    const parsed = parseDocument(REQUEST, 'json');
    const failures: RuleFailure[] = [];
    const broken = throwing('broken', () => new TypeError("Cannot read properties of undefined (reading 'value')"));
    const problems = validateRequest(parsed, CNI, (f) => failures.push(f), [broken, ...RULE_GROUPS]);
    assert.deepEqual(problems.map((p) => p.code).sort(), [...EXPECTED_CODES, 'internal-error'].sort());
    const notice = problems.find((p) => p.code === 'internal-error')!;
    assert.equal(notice.severity, 'information');
    assert.match(notice.message, /^The broken checks failed on this document and were skipped/);
    assert.deepEqual(notice.span, { offset: 0, length: 0 });
    assert.deepEqual(
      failures.map((f) => f.group),
      ['broken'],
    );
    assert.ok(failures[0].error instanceof TypeError);
  });

  it('keeps going after groups that throw anything: strings, undefined, stack overflows, unprintable objects', () => {
    const parsed = parseDocument(REQUEST, 'json');
    const overflow = (): number => overflow() + 1;
    const groups = [
      throwing('string', () => 'just a string'),
      throwing('undefined', () => undefined),
      { name: 'overflow', check: () => void overflow() },
      throwing('unprintable', () => ({
        toString: () => {
          throw new Error('no');
        },
      })),
      ...RULE_GROUPS,
    ];
    const failures: RuleFailure[] = [];
    const problems = validateRequest(parsed, CNI, (f) => failures.push(f), groups);
    assert.deepEqual(
      failures.map((f) => f.group),
      ['string', 'undefined', 'overflow', 'unprintable'],
    );
    assert.equal(problems.filter((p) => p.code === 'internal-error').length, 4);
    assert.deepEqual(
      problems
        .filter((p) => p.code !== 'internal-error')
        .map((p) => p.code)
        .sort(),
      EXPECTED_CODES,
    );
  });

  it('only groups for the operation run', () => {
    const onlyRunInstances: RuleGroup = {
      name: 'elsewhere',
      operations: ['RunInstances'],
      check: () => {
        throw new Error('must not run');
      },
    };
    const failures: RuleFailure[] = [];
    validateRequest(parseDocument(REQUEST, 'json'), CNI, (f) => failures.push(f), [onlyRunInstances]);
    assert.deepEqual(failures, []);
  });
});

describe('RequestLanguageService with a throwing rule group', () => {
  it('still publishes every other diagnostic, and logs the failure once over a hundred keystrokes', () => {
    const log: string[] = [];
    const service = serviceWith([throwing('flaky', () => new RangeError('Invalid array length'))], log);
    for (let version = 1; version <= 100; version++) {
      // Each keystroke changes the description; the rule fails on every version.
      const text = REQUEST.replace('"Description": 5', `"Description": ${version}`);
      const diagnostics = service.validate(TextDocument.create('file:///w/typing.create-network-interface.json', 'json', version, text));
      assert.deepEqual(codesOf(diagnostics), [...EXPECTED_CODES, 'internal-error'].sort());
    }
    assert.equal(log.length, 1, log.join('\n---\n'));
    assert.match(log[0], /^Rule group "flaky" failed: RangeError: Invalid array length\n\s+at /);
  });

  it('logs a failure whose message quotes the document once per throw site, not per keystroke', () => {
    const log: string[] = [];
    let typed = 0;
    const service = serviceWith([throwing('quoting', () => new Error(`unexpected value ${typed}`))], log);
    for (typed = 1; typed <= 50; typed++) {
      service.validate(TextDocument.create('file:///w/quoting.create-network-interface.json', 'json', typed, REQUEST));
    }
    assert.equal(log.length, 1, log.join('\n---\n'));
    assert.match(log[0], /unexpected value 1/);
  });

  it('redacts a secret quoted by a failure before logging it', () => {
    const log: string[] = [];
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const service = serviceWith([throwing('quoting-secret', () => new Error(`cannot read "aws_secret_access_key": "${secret}" in the request`))], log);
    service.validate(TextDocument.create('file:///w/secret.create-network-interface.json', 'json', 1, REQUEST));
    assert.equal(log.length, 1);
    assert.ok(!log[0].includes(secret), log[0]);
    assert.match(log[0], /aws_secret_access_key": "<redacted>/);
  });

  it('logs distinct failures apart, and an unprintable one without failing itself', () => {
    const log: string[] = [];
    const groups = [
      throwing('first', () => new Error('one')),
      throwing('second', () => new Error('two')),
      throwing('odd', () => ({
        toString: () => {
          throw new Error('no');
        },
      })),
    ];
    const service = serviceWith(groups, log);
    for (const group of groups) {
      for (let version = 1; version <= 3; version++) {
        const diagnostics = service.validate(TextDocument.create(`file:///w/${group.name}.create-network-interface.json`, 'json', version, REQUEST));
        assert.ok(diagnostics.some((d) => d.code === 'internal-error'));
      }
    }
    assert.deepEqual(
      log.map((line) => line.split('\n')[0]),
      ['Rule group "first" failed: Error: one', 'Rule group "second" failed: Error: two', 'Rule group "odd" failed: an unprintable value'],
    );
  });

  it('stops logging after 100 different failures, saying so once', () => {
    const log: string[] = [];
    let i = 0;
    // A throw that is not an Error has no stack: its text is the key.
    const service = serviceWith([throwing('varied', () => `failure ${i}`)], log);
    for (i = 0; i < 150; i++) {
      service.validate(TextDocument.create('file:///w/varied.create-network-interface.json', 'json', i + 1, REQUEST));
    }
    assert.equal(log.length, 101);
    assert.equal(log[100], 'More than 100 different failures; further ones are not logged.');
  });

  it('answers completion, hover and quick fixes while the group fails, and recovers when it stops', () => {
    let failing = true;
    const service = serviceWith([
      {
        name: 'until-fixed',
        check: () => {
          if (failing) throw new Error('broken');
        },
      },
    ]);
    const document = TextDocument.create('file:///w/recover.create-network-interface.json', 'json', 1, REQUEST);
    const diagnostics = service.validate(document);
    assert.ok(diagnostics.some((d) => d.code === 'internal-error'));
    assert.ok(service.complete(document, { line: 1, character: 3 }).items.length > 0);
    assert.ok(service.hover(document, { line: 1, character: 5 }));
    const wrongType = diagnostics.find((d) => d.code === 'wrong-type')!;
    assert.ok(service.codeActions(document, wrongType.range, diagnostics).length > 0);
    failing = false;
    const next = TextDocument.create(document.uri, 'json', 2, REQUEST);
    assert.deepEqual(codesOf(service.validate(next)), EXPECTED_CODES);
  });

  it('quick fixes that fail answer empty and are logged once (the server logged them on every request)', () => {
    const log: string[] = [];
    const service = new RequestLanguageService({ log: (message) => log.push(message) });
    const document = TextDocument.create('file:///w/fixes.create-network-interface.json', 'json', 1, REQUEST);
    // Diagnostics as a broken client might send them back: fix data whose reading throws.
    const hostile = {
      range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
      source: 'eni-requests',
      message: 'x',
      data: {
        get fixes(): never {
          throw new Error('unreadable fix data');
        },
      },
    };
    for (let i = 0; i < 5; i++) assert.deepEqual(service.codeActions(document, hostile.range, [hostile]), []);
    assert.deepEqual(
      log.map((line) => line.split('\n')[0]),
      ['Code actions failed: Error: unreadable fix data'],
    );
  });

  it('completion and hover that fail answer empty, and are logged once each (they were swallowed silently)', () => {
    const log: string[] = [];
    const service = new RequestLanguageService({ log: (message) => log.push(message) });
    const real = TextDocument.create('file:///w/odd.create-network-interface.json', 'json', 1, REQUEST);
    // A document whose positions cannot be resolved: completion and hover fail inside.
    const odd = Object.assign(Object.create(real) as TextDocument, {
      offsetAt: () => {
        throw new Error('no offsets today');
      },
    });
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(service.complete(odd, { line: 1, character: 3 }), { isIncomplete: false, items: [] });
      assert.equal(service.hover(odd, { line: 1, character: 3 }), null);
    }
    assert.deepEqual(
      log.map((line) => line.split('\n')[0]),
      ['Completion failed: Error: no offsets today', 'Hover failed: Error: no offsets today'],
    );
  });

  it('a throwing schema walk costs only the schema checks: syntax problems and rules still arrive', () => {
    const parsed = parseDocument('{"SubnetId": "subnet-0123456789abcdef0", "Groups": ["sg-0f1e2d3c4b5a69788", "sg-0f1e2d3c4b5a69788"],}', 'json');
    // An operation schema whose walk throws: a `required` list that is not a list.
    const broken = { ...CNI, required: 5 } as unknown as typeof CNI;
    const failures: RuleFailure[] = [];
    const problems = validateRequest(parsed, broken, (f) => failures.push(f));
    assert.deepEqual(
      failures.map((f) => f.group),
      ['schema'],
    );
    assert.deepEqual(problems.map((p) => p.code).sort(), ['duplicate-value', 'internal-error']);
    assert.equal(parsed.problems.length, 1, 'the trailing comma is still reported by the parser');
  });
});
