/** Every cross-field rule group, in the order their diagnostics are listed. */
import type { RuleGroup } from '../problem';
import { assignAddressRules } from './assign-addresses';
import { attachmentRules } from './attachment';
import { associateAddressRules } from './associate-address';
import { attributeRules } from './attribute';
import { awsCliRepairRules } from './aws-cli-repairs';
import { commonRules } from './common';
import { createNetworkInterfaceRules } from './create-network-interface';
import { describeRules } from './filters';
import { interfaceEntryRules } from './interface-entries';

export const RULE_GROUPS: readonly RuleGroup[] = [
  commonRules,
  createNetworkInterfaceRules,
  interfaceEntryRules,
  awsCliRepairRules,
  assignAddressRules,
  attachmentRules,
  attributeRules,
  associateAddressRules,
  describeRules,
];
