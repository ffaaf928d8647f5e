/**
 * ENA Express (`EnaSrdSpecification`): its UDP setting only works with ENA Express itself on. Shared
 * by interface entries, AttachNetworkInterface and ModifyNetworkInterfaceAttribute, whose members
 * carry the same structure.
 */
import { getProperty } from '../../document/navigate';
import type { ObjectNode } from '../../document/tree';
import { displayPath, type MemberPath, type Problem } from '../problem';

export function checkEnaSrdUdp(holder: ObjectNode, path: MemberPath, report: (problem: Problem) => void): void {
  const srd = getProperty(holder, 'EnaSrdSpecification')?.value;
  if (srd?.kind !== 'object') return;
  const udp = getProperty(srd, 'EnaSrdUdpSpecification')?.value;
  const udpEnabled = udp?.kind === 'object' ? getProperty(udp, 'EnaSrdUdpEnabled') : undefined;
  if (udpEnabled?.value?.kind !== 'boolean' || !udpEnabled.value.value) return;
  const enabled = getProperty(srd, 'EnaSrdEnabled');
  if (enabled?.value?.kind === 'boolean' && enabled.value.value) return;
  const where = [...path, 'EnaSrdSpecification'];
  report({
    code: 'ena-srd-udp',
    severity: 'error',
    node: udpEnabled.key,
    message: `${displayPath([...where, 'EnaSrdUdpSpecification', 'EnaSrdUdpEnabled'])}: true needs ENA Express itself: set ${displayPath([...where, 'EnaSrdEnabled'])} to true, or turn UDP off.`,
    related: enabled ? [{ node: enabled.key, message: 'ENA Express is off' }] : [],
    fixes: enabled
      ? [{ fix: 'replace-value', path: [...where, 'EnaSrdEnabled'], value: true, title: 'Turn ENA Express on (EnaSrdEnabled: true)' }]
      : [{ fix: 'insert-member', objectPath: where, key: 'EnaSrdEnabled', value: true }],
  });
}
