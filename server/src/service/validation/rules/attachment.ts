/**
 * Attach/Detach/DeleteNetworkInterface (seeds 000, 004): device and network card indexes, and
 * forced detachment. The attachment ID's kind (`attachment-id-kind`) is checked by formats.ts.
 */
import { checkEnaSrdUdp } from './ena-express';
import { type RuleContext, type RuleGroup } from '../problem';
import { givenMember } from '../schema-walk';

export const attachmentRules: RuleGroup = {
  name: 'attachment',
  operations: ['AttachNetworkInterface', 'DetachNetworkInterface', 'DeleteNetworkInterface'],
  check(context) {
    switch (context.operation['x-operation'].name) {
      case 'AttachNetworkInterface':
        checkAttach(context);
        break;
      case 'DetachNetworkInterface':
        checkDetach(context);
        break;
      default:
        break;
    }
  },
};

/** Device 0 of network card 0 is the primary interface's slot; device 0 of another card is a normal slot (multi-card EFA layouts). */
function checkAttach(context: RuleContext): void {
  checkEnaSrdUdp(context.root, [], context.report);
  const device = givenMember(context.root, 'DeviceIndex', 'number');
  if (device?.value.value !== 0) return;
  const card = givenMember(context.root, 'NetworkCardIndex', 'number');
  if (card && card.value.value !== 0) return;
  context.report({
    code: 'attach-device-index-zero',
    severity: 'warning',
    node: device.value,
    message:
      'DeviceIndex 0 on network card 0 is the primary interface, and a running instance already has its primary interface there: this attachment will almost surely fail. Use a free index (1 or higher), or another network card.',
  });
}

function checkDetach(context: RuleContext): void {
  const force = givenMember(context.root, 'Force', 'boolean');
  if (!force?.value.value) return;
  context.report({
    code: 'force-detach',
    severity: 'warning',
    node: force.property.key,
    message:
      'Force: true is a last resort for a failed instance: the device index may not be reusable until the instance is stopped and started, and its instance metadata may keep showing the detached interface. Remove Force to detach normally.',
    fixes: [{ fix: 'remove-member', path: ['Force'], title: 'Remove Force (detach normally)' }],
  });
}
