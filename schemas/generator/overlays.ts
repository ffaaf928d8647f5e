/**
 * Hand-written overlays add what the SDK model lacks (ID kinds, address syntax, ranges, the
 * documented `interface` value). A patch names its target as `<Operation>.<Member>.<Member>[]...`
 * (`[]` steps into list items) or `*.<Member>...` for every member of that name, at any depth, in
 * every operation. A target that matches nothing is an error: the overlays must follow the SDK.
 * On a `Filters` member, `x-filterValues` gives filters the value set their docs only describe in
 * prose: a list, or `enum:<SdkEnumName>` to take the SDK enum's values. A keyword patched to `null`
 * is removed (a later overlay taking back what a `*.` patch gave a member).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MemberSchema, OperationSchema } from '../../server/src/model/schema-types';
import type { SdkModel } from './sdk-model';

export type OverlayPatch = MemberSchema & { 'x-filterValues'?: Record<string, string[] | string> };

export interface Overlay {
  file: string;
  patches: Record<string, OverlayPatch>;
}

export function loadOverlays(dir: string): Overlay[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { patches?: Record<string, OverlayPatch> };
      if (!parsed.patches || typeof parsed.patches !== 'object') throw new Error(`${f}: an overlay needs a "patches" object`);
      return { file: f, patches: parsed.patches };
    });
}

/** Applies every patch; returns the problems (targets that match nothing), empty when all apply. */
export function applyOverlays(schemas: Map<string, OperationSchema>, overlays: Overlay[], model: SdkModel): string[] {
  const problems: string[] = [];
  for (const overlay of overlays) {
    for (const [target, { 'x-filterValues': filterValues, ...patch }] of Object.entries(overlay.patches)) {
      const report = (problem: string) => problems.push(`${overlay.file}: "${target}": ${problem}`);
      const targets = resolveTarget(schemas, target);
      if (typeof targets === 'string') {
        report(targets);
        continue;
      }
      for (const schema of targets) {
        for (const [keyword, value] of Object.entries(patch)) {
          if (value === null) delete (schema as Record<string, unknown>)[keyword];
          else (schema as Record<string, unknown>)[keyword] = value;
        }
        if (filterValues) setFilterValues(schema, filterValues, model, report);
      }
    }
  }
  return problems;
}

function setFilterValues(schema: MemberSchema, values: Record<string, string[] | string>, model: SdkModel, report: (p: string) => void): void {
  for (const [name, spec] of Object.entries(values)) {
    const filter = schema['x-filters']?.find((f) => f.name === name);
    if (!filter) {
      report(`the SDK documents no filter ${name} here`);
      continue;
    }
    const resolved = typeof spec === 'string' ? model.enumValues(spec.replace(/^enum:/, '')) : spec;
    if (!resolved) report(`the SDK has no enum ${spec}`);
    else filter.values = resolved;
  }
}

function resolveTarget(schemas: Map<string, OperationSchema>, target: string): MemberSchema[] | string {
  const [operation, ...steps] = target.split('.');
  if (steps.length === 0) return 'a target is <Operation|*>.<Member>...';
  if (operation === '*') {
    const [first, ...rest] = steps;
    const { name, intoItems } = parseStep(first);
    const found: MemberSchema[] = [];
    for (const schema of schemas.values()) {
      for (const holder of membersNamed(schema, name)) {
        const resolved = walk(intoItems ? holder.items : holder, rest);
        if (resolved) found.push(resolved);
      }
    }
    return found.length ? found : `no operation has a member ${first} with that path`;
  }
  const root = schemas.get(operation);
  if (!root) return `${operation} is not a supported operation`;
  const resolved = walk(root, steps);
  return resolved ? [resolved] : `${operation} has no member at that path in the installed SDK`;
}

function parseStep(step: string): { name: string; intoItems: boolean } {
  return step.endsWith('[]') ? { name: step.slice(0, -2), intoItems: true } : { name: step, intoItems: false };
}

function walk(start: MemberSchema | undefined, steps: string[]): MemberSchema | undefined {
  let current = start;
  for (const step of steps) {
    const { name, intoItems } = parseStep(step);
    current = current?.properties?.[name];
    if (intoItems) current = current?.items;
  }
  return current;
}

function* membersNamed(schema: MemberSchema, name: string): Generator<MemberSchema> {
  for (const [key, member] of Object.entries(schema.properties ?? {})) {
    if (key === name) yield member;
    yield* membersNamed(member, name);
  }
  if (schema.items) yield* membersNamed(schema.items, name);
}
