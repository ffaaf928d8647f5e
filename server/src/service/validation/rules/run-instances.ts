import type { RuleGroup } from '../problem';

// Placeholder: the rules of this group are being written.
export const runInstancesRules: RuleGroup = { name: 'run-instances', check() {} };
