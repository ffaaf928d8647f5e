import type { RuleGroup } from '../problem';

// Placeholder: the rules of this group are being written.
export const attributeRules: RuleGroup = { name: 'attribute', check() {} };
