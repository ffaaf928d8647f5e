/**
 * Small helpers shared by the rule groups that reason about which top-level members a request
 * gives: "which of these are given", "is any of these written at all", where to report a request
 * that lacks something, and the "exactly one of" conflict report.
 */
import { getProperty, pathOf } from '../../document/navigate';
import type { ObjectNode, PropertyNode, TreeNode } from '../../document/tree';
import type { MemberSchema } from '../../../model/schema-types';
import { displayPath, type FixData, type RuleCode, type RuleContext } from '../problem';
import { givenBySchema } from '../schema-walk';

/** The members among `keys` given with their schema's type (lists non-empty), in source order. */
export function givenMembers(object: ObjectNode, schema: MemberSchema | undefined, keys: readonly string[]): PropertyNode[] {
  return keys
    .map((key) => givenBySchema(object, schema, key))
    .filter((property): property is PropertyNode => property !== undefined)
    .sort((a, b) => a.offset - b.offset);
}

/**
 * Whether any of `keys` is written in `object`, whatever its value. A "nothing given" rule stays
 * quiet then: a null, mistyped or empty value is the schema walk's finding (or the user is typing).
 */
export function mentionsAny(object: ObjectNode, keys: readonly string[]): boolean {
  return keys.some((key) => getProperty(object, key) !== undefined);
}

/** `key` as written, or its member path when it is not a top-level member. */
export function memberName(node: TreeNode): string {
  return displayPath(pathOf(node));
}

/**
 * "At most one of": every given member after the first (in source order) is reported on its key,
 * with the first as related information and a fix that removes it.
 */
export function reportExtras(context: RuleContext, given: readonly PropertyNode[], code: RuleCode, message: (extra: string, first: string) => string): void {
  const [first, ...extras] = given;
  if (!first) return;
  const firstName = memberName(first);
  for (const extra of extras) {
    const extraName = memberName(extra);
    const fixes: FixData[] = [{ fix: 'remove-member', path: pathOf(extra), title: `Remove ${extraName}` }];
    context.report({
      code,
      severity: 'error',
      node: extra.key,
      message: message(extraName, firstName),
      related: [{ node: first.key, message: `${firstName} is given here` }],
      fixes,
    });
  }
}

/** "A, B, C or D" */
export function orList(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
