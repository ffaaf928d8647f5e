/**
 * Tree-with-schema helpers for rule groups: a walk that visits every value together with the
 * schema of its member path, and "is this member given" checks that tolerate odd trees. The
 * schema validator reports wrong types; rules only look at members of the expected type.
 */
import { getProperty } from '../document/navigate';
import type { ArrayNode, ObjectNode, PropertyNode, ValueNode } from '../document/tree';
import type { MemberSchema } from '../../model/schema-types';
import type { MemberPath } from './problem';

export type SchemaVisitor = (node: ValueNode, schema: MemberSchema, path: MemberPath) => void;

/**
 * Visits `root` and every value below it that has a schema, parents before children. Like the AWS
 * CLI, only the last of duplicate keys is followed. Values whose kind differs from the schema's
 * type are visited but not entered. With `enter`, values whose schema it rejects are skipped with
 * everything below them.
 */
export function walkWithSchema(root: ValueNode, schema: MemberSchema, visit: SchemaVisitor, enter: (schema: MemberSchema) => boolean = () => true): void {
  const onPath = new Set<ValueNode>(); // YAML aliases share nodes: never enter a node twice on one path
  const walk = (node: ValueNode, nodeSchema: MemberSchema, path: MemberPath): void => {
    if (onPath.has(node) || !enter(nodeSchema)) return;
    visit(node, nodeSchema, path);
    // Only collections are entered, so only they go on the path (scalars are most of the nodes).
    if (node.kind === 'object' && (nodeSchema.type === undefined || nodeSchema.type === 'object')) {
      onPath.add(node);
      for (const property of lastProperties(node)) {
        const memberSchema = propertySchema(nodeSchema, property.key.value);
        if (memberSchema && property.value) walk(property.value, memberSchema, [...path, property.key.value]);
      }
      onPath.delete(node);
    } else if (node.kind === 'array' && (nodeSchema.type === undefined || nodeSchema.type === 'array') && nodeSchema.items) {
      onPath.add(node);
      const itemSchema = nodeSchema.items;
      for (let index = 0; index < node.items.length; index++) walk(node.items[index], itemSchema, [...path, index]);
      onPath.delete(node);
    }
  };
  walk(root, schema, []);
}

/** The schema of member `key` of an object schema (declared, or via `additionalProperties`). */
export function propertySchema(schema: MemberSchema, key: string): MemberSchema | undefined {
  if (schema.properties && Object.hasOwn(schema.properties, key)) return schema.properties[key];
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

/** The schema at a member path from `schema` (keys and array indexes), or undefined. */
export function schemaAtPath(schema: MemberSchema, path: readonly (string | number)[]): MemberSchema | undefined {
  let current: MemberSchema | undefined = schema;
  for (const step of path) {
    if (!current) return undefined;
    current = typeof step === 'number' ? current.items : propertySchema(current, step);
  }
  return current;
}

/** The properties of `obj` that count: the last of each key, in source order. */
function lastProperties(obj: ObjectNode): PropertyNode[] {
  const last = lastOfDuplicates(obj.properties);
  return last ? obj.properties.filter((p) => last.get(p.key.value) === p) : obj.properties;
}

/** The last property of each key when some key is given more than once; undefined otherwise (nearly always). */
export function lastOfDuplicates(properties: readonly PropertyNode[]): Map<string, PropertyNode> | undefined {
  // Small objects (nearly all of them): compare the keys pairwise rather than build a map.
  if (properties.length <= 8) {
    let duplicate = false;
    for (let i = 1; i < properties.length && !duplicate; i++) {
      for (let j = 0; j < i; j++) {
        if (properties[i].key.value === properties[j].key.value) {
          duplicate = true;
          break;
        }
      }
    }
    if (!duplicate) return undefined;
  }
  const last = new Map<string, PropertyNode>();
  for (const property of properties) last.set(property.key.value, property);
  return last.size === properties.length ? undefined : last;
}

type KindOf<K extends ValueNode['kind']> = Extract<ValueNode, { kind: K }>;

/**
 * The property `key` of `obj` when it is given with a value of `kind`: the last duplicate, not
 * null, and for lists not empty (an empty list asks for nothing). Undefined otherwise.
 */
export function givenMember<K extends ValueNode['kind']>(obj: ObjectNode, key: string, kind: K): { property: PropertyNode; value: KindOf<K> } | undefined {
  const property = getProperty(obj, key);
  const value = property?.value;
  if (!property || !value || value.kind !== kind) return undefined;
  if (value.kind === 'array' && (value as ArrayNode).items.length === 0) return undefined;
  return { property, value: value as KindOf<K> };
}

/**
 * Whether member `key` of `obj` is given with the type its schema declares (integer members as
 * numbers, lists non-empty). A key the schema does not declare is never "given": the schema walk
 * reports it as unknown, and rules must not build on it.
 */
export function givenBySchema(obj: ObjectNode, schema: MemberSchema | undefined, key: string): PropertyNode | undefined {
  const memberSchema = schema?.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
  if (!memberSchema?.type) return undefined;
  const kind = memberSchema.type === 'integer' ? 'number' : memberSchema.type;
  return givenMember(obj, key, kind)?.property;
}
