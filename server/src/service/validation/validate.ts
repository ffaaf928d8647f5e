/**
 * The whole check of one request document: syntax problems, the schema, then every rule group,
 * each finding worded for the member it is about (wording.ts).
 * A rule that throws does not take the others down: its failure becomes one internal-error
 * problem (and is logged once by the caller), the rest of the diagnostics still arrive.
 */
import type { ObjectNode, ParsedDocument, PropertyNode } from '../document/tree';
import { CLI_DEFAULTS, DEFAULT_CONSUMER, type Consumer } from '../../model/aws-cli';
import type { OperationSchema } from '../../model/schema-types';
import type { Problem, RuleGroup } from './problem';
import { RULE_GROUPS } from './rules';
import { replacedByCliMove } from './rules/aws-cli-repairs';
import { validateAgainstSchema } from './schema-validator';
import { fitWording } from './wording';

export interface RuleFailure {
  group: string;
  error: unknown;
}

export function validateRequest(
  parsed: ParsedDocument,
  operation: OperationSchema,
  onRuleFailure: (failure: RuleFailure) => void = () => {},
  groups: readonly RuleGroup[] = RULE_GROUPS,
  consumer: Consumer = DEFAULT_CONSUMER,
): Problem[] {
  const problems: Problem[] = [];
  const report = (problem: Problem) => problems.push(fitWording(problem, operation));
  const root = parsed.root;
  if (!root) return problems;
  const name = operation['x-operation'].name;
  const failed = (group: string, error: unknown): void => {
    onRuleFailure({ group, error });
    problems.push({
      code: 'internal-error',
      severity: 'information',
      node: root,
      span: { offset: root.offset, length: 0 },
      message: `The ${group} checks failed on this document and were skipped (an eni-requests bug; see the log).`,
    });
  };
  // The schema walk is guarded like a rule group: the syntax problems and the rules still arrive.
  try {
    // Members the consumer fills in when absent (the AWS CLI's MinCount/MaxCount) are not missing.
    const supplied = new Set(consumer === 'aws-cli' ? Object.keys(CLI_DEFAULTS[name] ?? {}) : []);
    // What the CLI's move replaces is never sent (rules/aws-cli-repairs.ts warns of it instead).
    const replaced = consumer === 'aws-cli' && name === 'RunInstances' && root.kind === 'object' ? replacedByCliMove(root) : new Set<PropertyNode>();
    validateAgainstSchema(root, operation, name, parsed.syntax, report, { supplied, replaced });
  } catch (error) {
    failed('schema', error);
  }
  if (root.kind !== 'object') return problems;
  for (const group of groups) {
    if (group.operations && !group.operations.includes(name)) continue;
    try {
      group.check({ operation, root: root as ObjectNode, report, consumer });
    } catch (error) {
      failed(group.name, error);
    }
  }
  return problems;
}
