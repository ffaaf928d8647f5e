/**
 * How the schema describes a member, an enum or a filter in words: shared by hover (full text)
 * and completion (detail line and documentation), so both say the same thing.
 */
import { ID_KIND_NAMES } from '../../model/resource-ids';
import type { FilterInfo, MemberSchema, OperationSchema } from '../../model/schema-types';

const ADDRESS_FORMAT_NAMES: Record<NonNullable<MemberSchema['x-format']>, string> = {
  ipv4: 'IPv4 address (e.g. 10.0.1.25)',
  ipv6: 'IPv6 address (e.g. 2001:db8::10)',
  'ipv4-prefix': 'IPv4 prefix (e.g. 10.0.1.16/28)',
  'ipv6-prefix': 'IPv6 prefix (e.g. 2001:db8:1:2:3::/80)',
};

/** `string`, `integer`, `boolean`, `list of …`, `structure Shape`, `enum Shape`. */
export function typeLabel(schema: MemberSchema): string {
  // The SDK prefixes some shape names with `_` (`_InstanceType`) to avoid clashes in its own code.
  const shape = schema['x-shape']?.replace(/^_/, '');
  if (schema.enum) return shape ? `enum ${shape}` : 'enum';
  switch (schema.type) {
    case 'array':
      return schema.items ? `list of ${typeLabel(schema.items)}` : 'list';
    case 'object':
      return shape ? `structure ${shape}` : 'structure';
    case 'string':
      return schema.format === 'date-time' ? 'timestamp' : 'string';
    default:
      return schema.type ?? 'any';
  }
}

/** The one-line summary completion shows next to a member name. */
export function memberDetail(schema: MemberSchema, required: boolean): string {
  return `${typeLabel(schema)} · ${required ? 'required' : 'optional'}${schema.deprecated ? ' · deprecated' : ''}`;
}

/** What a string member holds beyond its type: a resource ID kind or an address syntax (also for list items). */
function contentKind(schema: MemberSchema): string | undefined {
  const scalar = schema.type === 'array' && schema.items ? schema.items : schema;
  if (scalar['x-idKind']) return ID_KIND_NAMES[scalar['x-idKind']];
  if (scalar['x-format']) return ADDRESS_FORMAT_NAMES[scalar['x-format']];
  return undefined;
}

/** Ranges, lengths and item counts, in words. */
function constraints(schema: MemberSchema): string[] {
  const lines: string[] = [];
  const range = (min: number | undefined, max: number | undefined, unit: string): string | undefined => {
    if (min !== undefined && max !== undefined) return `${unit}: ${min}–${max}`;
    if (min !== undefined) return `${unit}: at least ${min}`;
    if (max !== undefined) return `${unit}: at most ${max}`;
    return undefined;
  };
  for (const line of [
    range(schema.minimum, schema.maximum, 'Range'),
    range(schema.minLength, schema.maxLength, 'Length'),
    range(schema.minItems, schema.maxItems, 'Items'),
  ]) {
    if (line) lines.push(line);
  }
  return lines;
}

/**
 * The documentation of a member without its heading: what it holds, its constraints and the SDK
 * docs. Completion shows this next to the item; hover puts a heading and the API link around it.
 */
export function memberDocumentation(schema: MemberSchema): string {
  const parts: string[] = [];
  const facts: string[] = [];
  const kind = contentKind(schema);
  if (kind) facts.push(schema.type === 'array' ? `Each item: ${kind}` : `Holds: ${kind}`);
  facts.push(...constraints(schema));
  if (schema.enum) facts.push(`Allowed: ${schema.enum.map((v) => `\`${v}\``).join(' | ')}`);
  if (schema.deprecated) facts.push('**Deprecated.**');
  if (facts.length) parts.push(facts.join('  \n'));
  const docs = schema.markdownDescription ?? schema.description;
  if (docs) parts.push(docs);
  return parts.join('\n\n');
}

/** The operation's API reference link, as a markdown line. */
export function apiReferenceLink(operation: OperationSchema): string {
  const info = operation['x-operation'];
  return `[${info.name} API reference](${info.docUrl})`;
}

/** The full hover text of a member; `location` is its path when nested (`NetworkInterfaces[0].Groups`). */
export function memberHover(name: string, schema: MemberSchema, required: boolean, operation: OperationSchema, location?: string): string {
  const heading = `**${name}** · \`${typeLabel(schema)}\` · ${required ? 'required' : 'optional'}` + (location ? `  \nat \`${location}\`` : '');
  return [heading, memberDocumentation(schema), apiReferenceLink(operation)].filter(Boolean).join('\n\n');
}

/** An enum value with the value set it belongs to, the hovered one marked; `owner` is markdown (`**InterfaceType**`). */
export function enumValueHover(value: string, owner: string, allowed: readonly string[], valueDocs?: string): string {
  const known = allowed.includes(value);
  const heading = known ? `\`${value}\` · value of ${owner}` : `\`${value}\` is not a valid value of ${owner}`;
  const list = allowed.map((v) => (v === value ? `- **\`${v}\`** ← this value` : `- \`${v}\``)).join('\n');
  return [heading, valueDocs, `Allowed values:\n\n${list}`].filter(Boolean).join('\n\n');
}

/** The documentation of one filter: its description and, when fixed, its values. */
export function filterDocumentation(filter: FilterInfo): string {
  const values = filter.values ? `Values: ${filter.values.map((v) => `\`${v}\``).join(' | ')}` : undefined;
  return [filter.markdownDescription, values].filter(Boolean).join('\n\n');
}

/** `tag:<key>` explained, in the operation's own words when its docs have them. */
export function tagFilterDocumentation(filtersSchema: MemberSchema, key?: string): string {
  const own = /^- `tag:?[^`]*`:? - (.+)$/m.exec(filtersSchema.markdownDescription ?? '')?.[1];
  const general = own ?? 'The key/value combination of a tag assigned to the resource: the tag key goes in the filter name, the tag value in Values.';
  const example = key
    ? `Matches resources whose tag \`${key}\` has one of the values in Values.`
    : 'For example, `tag:Owner` with Values `["TeamA"]` finds the resources tagged Owner=TeamA.';
  return `${general}\n\n${example}`;
}
