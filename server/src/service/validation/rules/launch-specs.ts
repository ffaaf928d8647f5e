/**
 * The launch specifications of a request, wherever EC2 takes interface entries
 * (docs/rules.md, "Network interfaces in launch templates, Spot requests and Spot Fleet"): the
 * RunInstances request itself, a launch template's `LaunchTemplateData`, a Spot request's
 * `LaunchSpecification`, each of a Spot Fleet's `LaunchSpecifications[]`. The interface rules
 * (interface-entries.ts) run over these, one walker for every shape.
 */
import { getProperty } from '../../document/navigate';
import type { ObjectNode } from '../../document/tree';
import type { MemberSchema, OperationSchema } from '../../../model/schema-types';
import { schemaAtPath } from '../../../model/registry';
import type { MemberPath } from '../problem';

export type LaunchKind = 'run-instances' | 'launch-template' | 'spot-instances' | 'spot-fleet';

export interface LaunchSpec {
  readonly kind: LaunchKind;
  /** The object holding `NetworkInterfaces` and the instance-level members beside it. */
  readonly node: ObjectNode;
  readonly schema: MemberSchema | undefined;
  /** Its member path from the request root ([] for RunInstances). */
  readonly path: MemberPath;
}

/** Where each operation keeps its launch specification(s). */
const LOCATIONS: Readonly<Record<string, { kind: LaunchKind; path: MemberPath; list?: true }>> = {
  RunInstances: { kind: 'run-instances', path: [] },
  CreateLaunchTemplate: { kind: 'launch-template', path: ['LaunchTemplateData'] },
  CreateLaunchTemplateVersion: { kind: 'launch-template', path: ['LaunchTemplateData'] },
  RequestSpotInstances: { kind: 'spot-instances', path: ['LaunchSpecification'] },
  RequestSpotFleet: { kind: 'spot-fleet', path: ['SpotFleetRequestConfig', 'LaunchSpecifications'], list: true },
};

export const LAUNCH_OPERATIONS = Object.keys(LOCATIONS);

export function launchSpecs(operation: OperationSchema, root: ObjectNode): LaunchSpec[] {
  const location = LOCATIONS[operation['x-operation'].name];
  if (!location) return [];
  let node: ObjectNode | undefined = root;
  for (const key of location.list ? location.path.slice(0, -1) : location.path) {
    const value: ReturnType<typeof getProperty> = node && getProperty(node, String(key));
    node = value?.value?.kind === 'object' ? value.value : undefined;
  }
  if (!node) return [];
  if (!location.list) return [{ kind: location.kind, node, schema: schemaAtPath(operation, location.path), path: location.path }];
  const listKey = String(location.path[location.path.length - 1]);
  const list = getProperty(node, listKey)?.value;
  if (list?.kind !== 'array') return [];
  const schema = schemaAtPath(operation, [...location.path, 0]);
  return list.items.flatMap((item, index) => (item.kind === 'object' ? [{ kind: location.kind, node: item, schema, path: [...location.path, index] }] : []));
}
