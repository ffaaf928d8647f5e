import type { RuleGroup } from '../problem';

// Placeholder: the rules of this group are being written.
export const describeRules: RuleGroup = { name: 'describe', check() {} };
