/**
 * Describe/Modify/ResetNetworkInterfaceAttribute and ModifyInstanceAttribute: one attribute per
 * request, what an attachment change needs, and ENA Express's UDP switch. Value shapes, empty `Groups` and group names are the schema walk's
 * (overlay codes `attribute-value-shape`, `groups-not-empty`, `security-group-ids`).
 */
import { getProperty } from '../../document/navigate';
import { placeholderFor } from '../../../model/placeholders';
import { givenBySchema } from '../schema-walk';
import { objectAnchor, type RuleContext, type RuleGroup } from '../problem';
import { checkEnaSrdUdp } from './ena-express';
import { givenMembers, mentionsAny, orList, reportExtras } from './members';
import { closestMatch } from '../../text/suggest';

/**
 * Members of the Modify requests that are not attributes: what the request is about, and DryRun.
 * ModifyInstanceAttribute's `Value` goes with its generic `Attribute` (the two are one attribute).
 */
const NOT_ATTRIBUTES = new Set(['NetworkInterfaceId', 'InstanceId', 'DryRun', 'Value']);

export const attributeRules: RuleGroup = {
  name: 'attribute',
  operations: ['DescribeNetworkInterfaceAttribute', 'ModifyNetworkInterfaceAttribute', 'ResetNetworkInterfaceAttribute', 'ModifyInstanceAttribute'],
  check(context) {
    switch (context.operation['x-operation'].name) {
      case 'ModifyNetworkInterfaceAttribute':
        oneAttribute(context, 'one-attribute');
        attachmentChange(context);
        checkEnaSrdUdp(context.root, [], context.report);
        break;
      case 'ModifyInstanceAttribute':
        oneAttribute(context, 'modify-instance-attribute');
        break;
      case 'DescribeNetworkInterfaceAttribute':
        describeNeedsAttribute(context);
        break;
      default:
        break;
    }
  },
};

function oneAttribute(context: RuleContext, code: 'one-attribute' | 'modify-instance-attribute'): void {
  const { root, operation } = context;
  const name = operation['x-operation'].name;
  // From the schema, so attributes the SDK adds are covered without a list to maintain.
  const attributes = Object.keys(operation.properties ?? {}).filter((key) => !NOT_ATTRIBUTES.has(key));
  const given = givenMembers(root, operation, attributes);
  if (given.length === 0 && !mentionsAny(root, attributes)) {
    context.report({
      code,
      severity: 'error',
      ...objectAnchor(root),
      message: `${name} needs the attribute to change: give exactly one of ${orList(attributes)}.`,
    });
  }
  reportExtras(
    context,
    given,
    code,
    (extra, first) => `${name} changes one attribute per request: ${extra} cannot go with ${first}. Send a separate request for ${extra}.`,
  );
}

function attachmentChange(context: RuleContext): void {
  const attachment = givenBySchema(context.root, context.operation, 'Attachment');
  if (attachment?.value?.kind !== 'object' || getProperty(attachment.value, 'AttachmentId')) return;
  // A misspelt AttachmentID: the did-you-mean on it says it all.
  if (attachment.value.properties.some((p) => closestMatch(p.key.value, ['AttachmentId']))) return;
  const idSchema = context.operation.properties?.Attachment?.properties?.AttachmentId;
  context.report({
    code: 'attachment-change',
    severity: 'error',
    node: attachment.key,
    message:
      'Attachment needs AttachmentId: the ID of the attachment to change (eni-attach-…, shown by DescribeNetworkInterfaces under Attachment.AttachmentId).',
    fixes: [{ fix: 'insert-member', objectPath: ['Attachment'], key: 'AttachmentId', value: placeholderFor(idSchema) }],
  });
}

/** The model leaves `Attribute` optional; the API reference requires it, and EC2 rejects a request without it. */
function describeNeedsAttribute(context: RuleContext): void {
  const { root, operation } = context;
  if (getProperty(root, 'Attribute')) return;
  const attributeSchema = operation.properties?.Attribute;
  const allowed = attributeSchema?.enum ?? [];
  context.report({
    code: 'describe-attribute-enum',
    severity: 'error',
    ...objectAnchor(root),
    message: `${operation['x-operation'].name} needs Attribute, the one attribute to describe: ${orList(allowed)}.`,
    fixes: [{ fix: 'insert-member', objectPath: [], key: 'Attribute', value: placeholderFor(attributeSchema) }],
  });
}
