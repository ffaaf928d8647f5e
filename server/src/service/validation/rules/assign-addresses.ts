import type { RuleGroup } from '../problem';

// Placeholder: the rules of this group are being written.
export const assignAddressRules: RuleGroup = { name: 'assign-addresses', check() {} };
