/**
 * Messages that fit the member they are about. The schema layer words its findings for any member
 * of a type (an attachment ID, an unknown key, a structure given a string); where an operation gives
 * a member a meaning of its own, the finding is reworded here, keeping its code, node and fixes.
 *
 * ModifyNetworkInterfaceAttribute's `Attachment` changes the attributes of an existing attachment
 * (whether the interface is deleted with the instance, its ENA queues): its messages speak of that,
 * not of attaching or detaching, which the same IDs and members mean in other operations.
 */
import { pathOf } from '../document/navigate';
import type { OperationSchema } from '../../model/schema-types';
import { clip, type FixData, type Problem } from './problem';
import { orList } from './rules/members';

/** Members of attach and detach requests that users put into the attachment change. */
const ATTACH_MEMBERS = new Set(['InstanceId', 'DeviceIndex', 'NetworkCardIndex', 'EnaSrdSpecification']);
const DETACH_MEMBERS = new Set(['Force']);

/** The problem, reworded where its operation gives the member a meaning of its own. */
export function fitWording(problem: Problem, operation: OperationSchema): Problem {
  if (operation['x-operation'].name !== 'ModifyNetworkInterfaceAttribute') return problem;
  const path = pathOf(problem.node);
  if (path[0] !== 'Attachment') return problem;
  return attachmentChange(problem, path, operation) ?? problem;
}

function attachmentChange(problem: Problem, path: (string | number)[], operation: OperationSchema): Problem | undefined {
  const members = orList(
    Object.keys(operation.properties?.Attachment?.properties ?? {})
      .filter((key) => key !== 'AttachmentId')
      .sort(),
  );
  const node = problem.node;
  if (problem.code === 'attachment-id-kind' && path.length === 2 && path[1] === 'AttachmentId' && node.kind === 'string') {
    return {
      ...problem,
      message: `Attachment.AttachmentId takes the attachment ID (eni-attach-…), not a network interface ID: "${clip(node.value)}" names the interface. To change the attachment's attributes (${members}), name the attachment: DescribeNetworkInterfaces shows the ID under Attachment.AttachmentId.`,
    };
  }
  if (problem.code === 'unknown-parameter' && path.length === 2 && node.kind === 'string' && node.parent?.kind === 'property' && node.parent.key === node) {
    const key = String(path[1]);
    const rename = problem.fixes?.find((fix): fix is Extract<FixData, { fix: 'rename-key' }> => fix.fix === 'rename-key');
    const elsewhere = ATTACH_MEMBERS.has(key)
      ? ` (${key} belongs to AttachNetworkInterface, which makes a new attachment.)`
      : DETACH_MEMBERS.has(key)
        ? ` (${key} belongs to DetachNetworkInterface.)`
        : '';
    return {
      ...problem,
      message:
        `${clip(key)} is not a member of Attachment here.` +
        (rename ? ` Did you mean ${rename.newKey}?` : '') +
        ` ModifyNetworkInterfaceAttribute's Attachment names an existing attachment (AttachmentId) and changes its attributes: ${members}.` +
        elsewhere,
    };
  }
  if (problem.code === 'wrong-type' && path.length === 1 && node.kind !== 'object' && node.kind !== 'null') {
    const fixes = [...(problem.fixes ?? [])];
    // The attachment's ID alone: it becomes the AttachmentId of the structure.
    if (node.kind === 'string' && node.value.startsWith('eni-attach-')) fixes.push({ fix: 'wrap-value', path: ['Attachment'], key: 'AttachmentId' });
    const written = node.kind === 'string' ? `the string "${clip(node.value)}"` : node.kind === 'array' ? 'a list' : `the ${node.kind} ${String(node.value)}`;
    return {
      ...problem,
      message: `Attachment is a structure: the attachment to change (AttachmentId) and its new attributes (${members}), such as { "AttachmentId": "eni-attach-…", "DeleteOnTermination": false }, not ${written}.`,
      fixes,
    };
  }
  return undefined;
}
