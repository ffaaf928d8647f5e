/**
 * What the AWS CLI repairs in a RunInstances file before sending it (model/aws-cli.ts): absent
 * MinCount/MaxCount become 1, and instance-level interface members move into NetworkInterfaces[0]
 * when that entry has a trigger member. A repaired file is not broken: the repairs are told as
 * information, and as a warning where the move replaces what the entry had. Only for files read
 * by the AWS CLI; for an SDK the schema and run-instances.ts report the same members as errors.
 */
import { getProperty } from '../../document/navigate';
import type { ObjectNode, PropertyNode } from '../../document/tree';
import { CLI_DEFAULTS, CLI_MOVE_TRIGGERS, CLI_MOVES } from '../../../model/aws-cli';
import { objectAnchor, type FixData, type RuleGroup } from '../problem';

export const awsCliRepairRules: RuleGroup = {
  name: 'aws-cli-repairs',
  operations: Object.keys(CLI_DEFAULTS),
  check({ root, report, consumer }) {
    if (consumer !== 'aws-cli') return;
    const defaults = Object.entries(CLI_DEFAULTS.RunInstances).filter(([key]) => !getProperty(root, key));
    if (defaults.length) {
      const names = defaults.map(([key, value]) => `${key} ${value}`).join(' and ');
      report({
        code: 'cli-default-count',
        severity: 'information',
        ...objectAnchor(root),
        message: `The AWS CLI sends ${names} for this file, where absent (its --count default). An SDK would need ${defaults.map(([key]) => key).join(' and ')} written here.`,
        fixes: defaults.map(([key, value]): FixData => ({ fix: 'insert-member', objectPath: [], key, value })),
      });
    }
    const interfaces = getProperty(root, 'NetworkInterfaces');
    if (interfaces?.value?.kind === 'array' && interfaces.value.items.length === 0) {
      report({
        code: 'cli-refuses',
        severity: 'error',
        node: interfaces.key,
        message:
          'The AWS CLI fails on an empty NetworkInterfaces list ("list index out of range": its RunInstances customization reads the first entry). Remove NetworkInterfaces, or give the interfaces.',
        fixes: [{ fix: 'remove-member', path: ['NetworkInterfaces'], title: 'Remove the empty NetworkInterfaces' }],
      });
    }
    const move = cliMove(root);
    if (!move) return;
    for (const { member, to } of move.moved) {
      const key = member.key.value;
      const as = to === key ? '' : key === 'PrivateIpAddress' ? ' as the primary entry of PrivateIpAddresses' : ` as ${to}`;
      const replaced = getProperty(move.entry, to);
      const trigger = { node: move.trigger.key, message: `${move.trigger.key.value}: why the AWS CLI moves it` };
      if (replaced) {
        report({
          code: 'cli-overwrites-member',
          severity: 'warning',
          node: member.key,
          message: `The AWS CLI moves ${key} into NetworkInterfaces[0]${as}, replacing the ${to} written there: only one of them is sent. Remove one.`,
          related: [{ node: replaced.key, message: `the ${to} that is replaced` }, trigger],
          fixes: [{ fix: 'remove-member', path: [key], title: `Remove the instance-level ${key}` }],
        });
      } else {
        report({
          code: 'cli-moves-member',
          severity: 'information',
          node: member.key,
          message: `The AWS CLI moves ${key} into NetworkInterfaces[0]${as} before sending (NetworkInterfaces[0] has ${move.trigger.key.value}). An SDK would send it as written, and EC2 rejects it beside NetworkInterfaces.`,
          related: [trigger],
        });
      }
    }
  },
};

export interface CliMove {
  /** NetworkInterfaces[0], where the members go. */
  readonly entry: ObjectNode;
  /** The member of the entry that makes the CLI move them (the first one present). */
  readonly trigger: PropertyNode;
  readonly moved: readonly { readonly member: PropertyNode; readonly to: string }[];
}

/** The members of NetworkInterfaces[0] that the CLI's move replaces: never sent, so not checked either. */
export function replacedByCliMove(root: ObjectNode): Set<PropertyNode> {
  const move = cliMove(root);
  const replaced = new Set<PropertyNode>();
  for (const { to } of move?.moved ?? []) {
    const target = getProperty(move!.entry, to);
    if (target) replaced.add(target);
  }
  return replaced;
}

/** The CLI's move in this RunInstances request, if it makes one (runinstances.py: keys present, whatever their values). */
export function cliMove(root: ObjectNode): CliMove | undefined {
  const list = getProperty(root, 'NetworkInterfaces')?.value;
  const entry = list?.kind === 'array' ? list.items[0] : undefined;
  if (entry?.kind !== 'object') return undefined;
  const trigger = CLI_MOVE_TRIGGERS.map((key) => getProperty(entry, key)).find((p) => p !== undefined);
  if (!trigger) return undefined;
  const moved = CLI_MOVES.flatMap(({ from, to }) => {
    const member = getProperty(root, from);
    return member ? [{ member, to }] : [];
  });
  return moved.length ? { entry, trigger, moved } : undefined;
}
