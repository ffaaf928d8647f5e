/**
 * The whole check of one request document: syntax problems, the schema, then every rule group.
 * A rule that throws does not take the others down: its failure becomes one internal-error
 * problem (and is logged once by the caller), the rest of the diagnostics still arrive.
 */
import type { ObjectNode, ParsedDocument } from '../document/tree';
import type { OperationSchema } from '../model/schema-types';
import type { Problem, RuleGroup } from './problem';
import { RULE_GROUPS } from './rules';
import { validateAgainstSchema } from './schema-validator';

export interface RuleFailure {
  group: string;
  error: unknown;
}

export function validateRequest(
  parsed: ParsedDocument,
  operation: OperationSchema,
  onRuleFailure: (failure: RuleFailure) => void = () => {},
  groups: readonly RuleGroup[] = RULE_GROUPS,
): Problem[] {
  const problems: Problem[] = [];
  const report = (problem: Problem) => problems.push(problem);
  const root = parsed.root;
  if (!root) return problems;
  const name = operation['x-operation'].name;
  validateAgainstSchema(root, operation, name, report);
  if (root.kind !== 'object') return problems;
  for (const group of groups) {
    if (group.operations && !group.operations.includes(name)) continue;
    try {
      group.check({ operation, root: root as ObjectNode, report });
    } catch (error) {
      onRuleFailure({ group: group.name, error });
      problems.push({
        code: 'internal-error',
        severity: 'information',
        node: root,
        span: { offset: root.offset, length: 0 },
        message: `The ${group.name} checks failed on this document and were skipped (an eni-requests bug; see the log).`,
      });
    }
  }
  return problems;
}
