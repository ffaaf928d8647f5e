/**
 * DescribeNetworkInterfaces and DescribeInstances (seed 003): filter names and values against the
 * operation's `x-filters` (parsed from the SDK docs, not from old documents), and MaxResults with
 * explicit IDs.
 */
import { getProperty, pathOf } from '../../document/navigate';
import type { ObjectNode, StringNode, ValueNode } from '../../document/tree';
import { ID_KIND_NAMES, idKindOf } from '../../../model/resource-ids';
import type { FilterInfo, IdKind } from '../../../model/schema-types';
import { closestMatch } from '../../text/suggest';
import { clip, objectAnchor, type FixData, type RuleContext, type RuleGroup } from '../problem';
import { givenBySchema, givenMember } from '../schema-walk';
import { memberName } from './members';

const TAG_PREFIX = 'tag:';

/**
 * Names EC2 still accepts although the current docs no longer list them: `tag-value` is widely used
 * and works (hazelcast/hazelcast-aws#223, ClusterLabs/cluster-glue#43). Flagging it would be a false error.
 */
const UNDOCUMENTED_FILTERS = new Set(['tag-value']);

/**
 * Filter names of a neighbouring operation, and what this one calls the same thing: DescribeInstances'
 * `instance-id` is DescribeNetworkInterfaces' `attachment.instance-id`, and so on.
 */
const NEIGHBOUR_FILTERS: Readonly<Record<string, string>> = {
  'instance-id': 'attachment.instance-id',
  'instance-state-name': 'attachment.status',
  'network-interface-id': 'network-interface.network-interface-id',
  'attachment.instance-id': 'instance-id',
  'group-id': 'network-interface.group-id',
};

/** The explicit-ID member of each operation; MaxResults cannot go with it. */
const ID_MEMBERS = ['NetworkInterfaceIds', 'InstanceIds'];

export const describeRules: RuleGroup = {
  name: 'describe',
  operations: ['DescribeNetworkInterfaces', 'DescribeInstances'],
  check(context) {
    checkFilters(context);
    maxResultsConflict(context);
  },
};

function checkFilters(context: RuleContext): void {
  const { root, operation } = context;
  const filters = givenMember(root, 'Filters', 'array');
  if (!filters) return;
  // Placeholder entries such as `tag:<key>` are not names; the `tag:` prefix is handled apart.
  const known = new Map<string, FilterInfo>();
  for (const info of operation.properties?.Filters?.['x-filters'] ?? []) if (!/[<:]/.test(info.name)) known.set(info.name, info);
  for (const item of filters.value.items) {
    if (item.kind !== 'object') continue;
    const nameNode = getProperty(item, 'Name')?.value;
    const info = nameNode?.kind === 'string' ? checkFilterName(context, nameNode, known) : undefined;
    checkFilterValues(context, item, nameNode?.kind === 'string' ? nameNode : undefined, info);
  }
}

/** Reports an unknown name; returns the filter's documentation when the name is a documented one. */
function checkFilterName(context: RuleContext, nameNode: StringNode, known: Map<string, FilterInfo>): FilterInfo | undefined {
  const name = nameNode.value;
  const info = known.get(name);
  if (info || UNDOCUMENTED_FILTERS.has(name)) return info;
  if (name.startsWith(TAG_PREFIX) && name.length > TAG_PREFIX.length) return undefined;
  const operationName = context.operation['x-operation'].name;
  let message: string;
  let suggestion: string | undefined;
  if (name === TAG_PREFIX) {
    message = `The filter name tag: needs a tag key after the colon, e.g. tag:Name (the tag's value goes in Values).`;
  } else {
    suggestion =
      name.toLowerCase().startsWith(TAG_PREFIX) && name.length > TAG_PREFIX.length
        ? TAG_PREFIX + name.slice(TAG_PREFIX.length)
        : known.has(NEIGHBOUR_FILTERS[name] ?? '')
          ? NEIGHBOUR_FILTERS[name]
          : closestMatch(name, known.keys());
    message =
      `"${clip(name)}" is not a filter of ${operationName}` +
      (suggestion
        ? `. Did you mean "${suggestion}"? Filter names are case-sensitive.`
        : `: use one of its filter names (completion lists them), or tag:<key> for a tag.`);
  }
  const fixes: FixData[] = suggestion ? [{ fix: 'replace-value', path: pathOf(nameNode), value: suggestion, title: `Change to "${suggestion}"` }] : [];
  context.report({ code: 'unknown-filter', severity: 'error', node: nameNode, message, fixes });
  return undefined;
}

function checkFilterValues(context: RuleContext, filter: ObjectNode, nameNode: StringNode | undefined, info: FilterInfo | undefined): void {
  const label = nameNode ? `The ${clip(nameNode.value)} filter` : `The filter ${memberName(filter)}`;
  const valuesProperty = getProperty(filter, 'Values');
  const values = valuesProperty?.value;
  if (!valuesProperty || !values || (values.kind === 'array' && values.items.length === 0)) {
    context.report({
      code: 'empty-filter-values',
      severity: 'error',
      ...(values ? { node: values } : valuesProperty ? { node: valuesProperty.key } : nameNode ? { node: nameNode } : objectAnchor(filter)),
      message: `${label} has no values: EC2 rejects a filter without Values. Give at least one value to match.`,
    });
    return;
  }
  if (values.kind !== 'array') return;
  const idKind = nameNode && filterIdKind(nameNode.value);
  if (idKind) checkIdValues(context, values.items, idKind, nameNode!.value);
  if (!info?.values) return;
  const allowed = info.values;
  for (const value of values.items) {
    // A non-string value is a wrong-type finding of the schema walk; wildcards match by pattern.
    if (value.kind !== 'string' || allowed.includes(value.value) || /[*?]/.test(value.value)) continue;
    const suggestion = closestMatch(value.value, allowed);
    context.report({
      code: 'filter-value',
      severity: 'warning',
      node: value,
      message:
        `"${clip(value.value)}" never matches the ${info.name} filter: its values are ${allowed.join(', ')}.` +
        (suggestion ? ` Did you mean "${suggestion}"?` : '') +
        ' Filter values are case-sensitive; * and ? are wildcards.',
      fixes: suggestion ? [{ fix: 'replace-value', path: pathOf(value), value: suggestion, title: `Change to "${suggestion}"` }] : [],
    });
  }
}

/**
 * Filters whose values are resource IDs, by the last part of their name (`subnet-id`,
 * `attachment.instance-id`, `association.allocation-id`…): an ID of another kind never matches.
 */
const ID_FILTER_SUFFIXES: readonly [RegExp, IdKind][] = [
  [/(?:^|\.)subnet-id$/, 'subnet'],
  [/(?:^|\.)vpc-id$/, 'vpc'],
  [/(?:^|\.)instance-id$/, 'i'],
  [/(?:^|\.)network-interface-id$/, 'eni'],
  [/(?:^|\.)group-id$/, 'sg'],
  [/(?:^|\.)attachment-id$/, 'eni-attach'],
  [/(?:^|\.)allocation-id$/, 'eipalloc'],
  [/(?:^|\.)association-id$/, 'eipassoc'],
];

function filterIdKind(name: string): IdKind | undefined {
  return ID_FILTER_SUFFIXES.find(([suffix]) => suffix.test(name))?.[1];
}

function checkIdValues(context: RuleContext, values: readonly ValueNode[], expected: IdKind, filter: string): void {
  for (const value of values) {
    if (value.kind !== 'string' || /[*?]/.test(value.value)) continue;
    const kind = idKindOf(value.value);
    if (!kind || kind === expected) continue;
    context.report({
      code: 'filter-id-kind',
      severity: 'warning',
      node: value,
      message: `"${clip(value.value)}" is a ${ID_KIND_NAMES[kind]}, and the ${filter} filter matches ${ID_KIND_NAMES[expected]}s: it never matches anything.`,
    });
  }
}

function maxResultsConflict(context: RuleContext): void {
  const { root, operation } = context;
  const maxResults = givenBySchema(root, operation, 'MaxResults');
  if (!maxResults) return;
  for (const key of ID_MEMBERS) {
    const ids = givenBySchema(root, operation, key);
    if (!ids) continue;
    context.report({
      code: 'max-results-conflict',
      severity: 'error',
      node: maxResults.key,
      message: `MaxResults cannot be combined with ${key}: ${operation['x-operation'].name} does not page through explicit IDs and rejects the pair. Remove MaxResults (or the IDs, to page through a filtered list).`,
      related: [{ node: ids.key, message: `${key} lists explicit IDs` }],
      fixes: [{ fix: 'remove-member', path: ['MaxResults'], title: 'Remove MaxResults' }],
    });
    return;
  }
}
