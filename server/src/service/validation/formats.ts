/**
 * Checks of what a string holds, driven by the schema's `x-idKind` and `x-format`: resource IDs,
 * IP addresses / prefixes and timestamps. The predicates (`holdsFormat`) run inside the compiled
 * validation code (schema-keywords.ts); the `check…` functions say what is wrong, in the user's
 * terms, once that code has found it.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { ID_KIND_NAMES, idKindOf, isWellFormedId } from '../../model/resource-ids';
import type { AddressFormat, IdKind } from '../../model/schema-types';
import { clip, type RuleCode } from './problem';

export interface FormatFinding {
  code: RuleCode;
  message: string;
}

export function checkResourceId(written: string, expected: IdKind, memberName: string): FormatFinding | undefined {
  if (isWellFormedId(written, expected)) return undefined;
  const actual = idKindOf(written);
  const value = clip(written);
  if (actual === undefined) {
    if (expected === 'sg') {
      return {
        code: 'security-group-ids',
        message: `${memberName} takes security group IDs (sg-…), not names: "${value}" looks like a group name. Use the group's ID.`,
      };
    }
    return { code: 'malformed-id', message: `${memberName} expects ${withArticle(ID_KIND_NAMES[expected])}; "${value}" is not one.` };
  }
  if (actual !== expected) {
    const code: RuleCode = expected === 'eni-attach' && actual === 'eni' ? 'attachment-id-kind' : 'malformed-id';
    const hint =
      code === 'attachment-id-kind'
        ? ' Detaching takes the attachment ID (eni-attach-…), which DescribeNetworkInterfaces shows under Attachment.AttachmentId.'
        : '';
    return { code, message: `${memberName} expects ${withArticle(ID_KIND_NAMES[expected])}, but "${value}" is ${withArticle(ID_KIND_NAMES[actual])}.${hint}` };
  }
  return {
    code: 'malformed-id',
    message: `"${value}" is not a well-formed ${ID_KIND_NAMES[expected]}: after "${expected}-" come 8 or 17 lowercase hexadecimal digits.`,
  };
}

function withArticle(noun: string): string {
  return `${/^[aeio]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** What `x-format` names: an address syntax, or (on the string branch of a timestamp) `date-time`. */
export type ValueFormat = AddressFormat | 'date-time';

/**
 * Whether `value` holds what `x-format` names: called by the compiled validation code
 * (build/validators), so it must stay a pure predicate.
 */
export function holdsFormat(value: string, format: ValueFormat): boolean {
  return format === 'date-time' ? isTimestampText(value) : addressProblem(value, format) === undefined;
}

/** ISO 8601 as botocore's parser reads it: a date, optionally a time (seconds and fraction optional) and a zone. */
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** A string botocore takes for a timestamp: seconds since 1970, or an ISO 8601 date and time whose parts are in range. */
export function isTimestampText(text: string): boolean {
  const value = text.trim();
  if (/^-?\d+(?:\.\d+)?$/.test(value)) return true;
  const match = ISO_TIMESTAMP.exec(value);
  if (!match) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60;
}

export function checkAddress(value: string, format: AddressFormat, memberName: string): FormatFinding | undefined {
  const problem = addressProblem(value, format);
  return problem ? { code: 'malformed-address', message: `${memberName}: ${problem}` } : undefined;
}

function addressProblem(value: string, format: AddressFormat): string | undefined {
  switch (format) {
    case 'ipv4':
      return isIPv4(value) ? undefined : `"${clip(value)}" is not an IPv4 address (four numbers 0-255 separated by dots, e.g. 10.0.1.25).`;
    case 'ipv6':
      return isIPv6(value) ? undefined : `"${clip(value)}" is not an IPv6 address (e.g. 2001:db8::10).`;
    case 'ipv4-prefix':
      return prefixProblem(value, 4, 28);
    case 'ipv6-prefix':
      return prefixProblem(value, 6, 80);
  }
}

function prefixProblem(value: string, version: 4 | 6, length: number): string | undefined {
  const example = version === 4 ? '10.0.1.16/28' : '2001:db8:1:2:3::/80';
  const [address, bits, extra] = value.split('/');
  const validAddress = version === 4 ? isIPv4(address) : isIPv6(address);
  if (extra !== undefined || bits === undefined || !validAddress || !/^\d+$/.test(bits)) {
    return `"${clip(value)}" is not an IPv${version} prefix in CIDR notation (e.g. ${example}).`;
  }
  if (Number(bits) !== length) {
    return `"${clip(value)}" is a /${clip(bits)}; delegated IPv${version} prefixes are always /${length} (e.g. ${example}).`;
  }
  if (!hostBitsZero(address, version, length)) {
    return `"${clip(value)}" has bits set after the first ${length}: a /${length} prefix starts on a /${length} boundary.`;
  }
  return undefined;
}

function hostBitsZero(address: string, version: 4 | 6, length: number): boolean {
  const bits = version === 4 ? ipv4Bits(address) : ipv6Bits(address);
  return !bits.slice(length).includes('1');
}

function ipv4Bits(address: string): string {
  return address
    .split('.')
    .map((octet) => Number(octet).toString(2).padStart(8, '0'))
    .join('');
}

function ipv6Bits(address: string): string {
  // Expand `::` and an embedded IPv4 tail to eight 16-bit groups.
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1].split('.').map(Number);
    text = text.slice(0, v4.index) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16);
  }
  const [head, tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...new Array<string>(tail !== undefined ? missing : 0).fill('0'), ...tailGroups];
  return groups.map((g) => parseInt(g, 16).toString(2).padStart(16, '0')).join('');
}
