/** Whether an address or prefix lies in a CIDR block (the preflight's subnet checks), IPv4 and IPv6, and what concludes nothing. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inCidr } from '../../server/src/execution/address-text';

test('IPv4: inside, at both ends, outside; prefixes wholly inside', () => {
  assert.equal(inCidr('10.0.1.40', '10.0.1.0/24'), true);
  assert.equal(inCidr('10.0.1.0', '10.0.1.0/24'), true);
  assert.equal(inCidr('10.0.1.255', '10.0.1.0/24'), true);
  assert.equal(inCidr('10.0.2.0', '10.0.1.0/24'), false);
  assert.equal(inCidr('10.0.0.255', '10.0.1.0/24'), false);
  assert.equal(inCidr('10.0.1.16/28', '10.0.1.0/24'), true);
  assert.equal(inCidr('10.0.0.0/16', '10.0.1.0/24'), false, 'a larger block is not inside a smaller one');
  assert.equal(inCidr('203.0.113.9', '0.0.0.0/0'), true);
  assert.equal(inCidr('10.0.1.7', '10.0.1.7/32'), true);
  assert.equal(inCidr('10.0.1.8', '10.0.1.7/32'), false);
});

test('IPv6: any spelling, compressed or not, upper or lower case', () => {
  assert.equal(inCidr('2001:DB8:1:2:0:0:0:10', '2001:db8:1:2::/64'), true);
  assert.equal(inCidr('2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'), true);
  assert.equal(inCidr('2001:db8:1:3::', '2001:db8:1:2::/64'), false);
  assert.equal(inCidr('2001:db8:1:2:3::/80', '2001:db8:1:2::/64'), true);
  assert.equal(inCidr('::1', '::/0'), true);
  assert.equal(inCidr('2600:1f18:ab:cd01::5', '2600:1f18:ab:cd00::/56'), true);
  assert.equal(inCidr('2600:1f18:ab:ce00::5', '2600:1f18:ab:cd00::/56'), false);
});

test('nothing is concluded from text that is not an address, or from another family', () => {
  assert.equal(inCidr('10.0.1.300', '10.0.1.0/24'), undefined);
  assert.equal(inCidr('not an address', '10.0.1.0/24'), undefined);
  assert.equal(inCidr('10.0.1.4', '10.0.1.0'), undefined, 'a block needs its length');
  assert.equal(inCidr('10.0.1.4', '10.0.1.0/33'), undefined);
  assert.equal(inCidr('10.0.1.4/24/1', '10.0.1.0/24'), undefined);
  assert.equal(inCidr('2001:db8::1', '10.0.0.0/8'), undefined);
  assert.equal(inCidr('fe80::1%eth0', 'fe80::/10'), undefined);
});
