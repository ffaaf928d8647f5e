/**
 * The five addresses AWS reserves in every subnet CIDR block (execution/reserved-addresses.ts):
 * which addresses are reserved, at which position, in /24, /28 and /20 IPv4 blocks and a /64 IPv6
 * block, and their legal neighbours (the fifth address, the second-to-last, a .0 or .255 inside a
 * larger block); what is never concluded (prefixes, text that is no address, another family, a
 * public block's first and last address, not confirmed for BYOIP blocks); the sentence both checks use.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reservedIn, reservedMessage } from '../../server/src/execution/reserved-addresses';

const position = (address: string, ...blocks: string[]) => reservedIn(address, blocks)?.position;

test('a /24: the first four and the last are reserved; the fifth and the second-to-last are not', () => {
  const block = '10.0.1.0/24';
  assert.deepEqual(
    ['10.0.1.0', '10.0.1.1', '10.0.1.2', '10.0.1.3', '10.0.1.255'].map((a) => position(a, block)),
    [0, 1, 2, 3, 'last'],
  );
  assert.deepEqual(reservedIn('10.0.1.2', [block]), { block, position: 2 });
  for (const legal of ['10.0.1.4', '10.0.1.5', '10.0.1.128', '10.0.1.254']) assert.equal(position(legal, block), undefined, legal);
});

test('a /28 (the smallest subnet): 11 usable addresses between the reserved ones; outside it nothing is concluded', () => {
  const block = '10.0.1.16/28';
  assert.deepEqual(
    ['10.0.1.16', '10.0.1.17', '10.0.1.18', '10.0.1.19', '10.0.1.31'].map((a) => position(a, block)),
    [0, 1, 2, 3, 'last'],
  );
  const usable = Array.from({ length: 16 }, (_, i) => `10.0.1.${16 + i}`).filter((a) => position(a, block) === undefined);
  assert.deepEqual(usable, [
    '10.0.1.20',
    '10.0.1.21',
    '10.0.1.22',
    '10.0.1.23',
    '10.0.1.24',
    '10.0.1.25',
    '10.0.1.26',
    '10.0.1.27',
    '10.0.1.28',
    '10.0.1.29',
    '10.0.1.30',
  ]);
  assert.equal(position('10.0.1.15', block), undefined, 'the last of the block before');
  assert.equal(position('10.0.1.32', block), undefined, 'the first of the block after');
});

test('a /20: only the last address of the whole block, not the last of each /24 inside it', () => {
  const block = '10.0.16.0/20';
  assert.equal(position('10.0.31.255', block), 'last');
  assert.equal(position('10.0.16.3', block), 3);
  for (const legal of ['10.0.31.254', '10.0.16.4', '10.0.17.0', '10.0.17.1', '10.0.16.255', '10.0.20.255'])
    assert.equal(position(legal, block), undefined, legal);
  assert.equal(position('10.0.32.0', block), undefined);
});

test('a block written with host bits is taken as its network', () => {
  assert.equal(position('10.0.1.0', '10.0.1.77/24'), 0);
  assert.equal(position('10.0.1.255', '10.0.1.77/24'), 'last');
});

test('IPv6 /64: the first four and the last, in any spelling; the fifth and the second-to-last are not', () => {
  const block = '2001:db8:1234:1a00::/64';
  assert.deepEqual(
    ['2001:db8:1234:1a00::', '2001:DB8:1234:1A00:0:0:0:1', '2001:db8:1234:1a00::2', '2001:db8:1234:1a00::3', '2001:db8:1234:1a00:ffff:ffff:ffff:ffff'].map(
      (a) => position(a, block),
    ),
    [0, 1, 2, 3, 'last'],
  );
  for (const legal of ['2001:db8:1234:1a00::4', '2001:db8:1234:1a00:ffff:ffff:ffff:fffe', '2001:db8:1234:1a00:1::']) {
    assert.equal(position(legal, block), undefined, legal);
  }
});

test('several blocks: the one that holds the address decides', () => {
  const blocks = ['2001:db8:1:1::/64', '2001:db8:1:2::/64'];
  assert.deepEqual(reservedIn('2001:db8:1:2::1', blocks), { block: '2001:db8:1:2::/64', position: 1 });
  assert.equal(reservedIn('2001:db8:1:2::10', blocks), undefined);
  assert.equal(reservedIn('2001:db8:1:3::1', blocks), undefined);
  assert.equal(reservedIn('10.0.1.1', []), undefined, 'no block: nothing to say');
});

test('never concluded: prefixes (EC2 refusing them is not documented), text that is no address, another family', () => {
  assert.equal(position('10.0.1.0/28', '10.0.1.0/24'), undefined);
  assert.equal(position('10.0.1.240/28', '10.0.1.0/24'), undefined);
  assert.equal(position('2001:db8:1:2::/80', '2001:db8:1:2::/64'), undefined);
  assert.equal(position('10.0.1.300', '10.0.1.0/24'), undefined);
  assert.equal(position('not an address', '10.0.1.0/24'), undefined);
  assert.equal(position('10.0.1.1', '2001:db8:1:2::/64'), undefined);
  assert.equal(position('2001:db8:1:2::1', '10.0.1.0/24'), undefined);
  assert.equal(position('10.0.1.1', 'not a block'), undefined);
});

test('a public IPv4 block (BYOIP: its first and last address not confirmed as reserved): only the three AWS service addresses', () => {
  const block = '203.0.113.0/24';
  assert.equal(position('203.0.113.0', block), undefined);
  assert.equal(position('203.0.113.255', block), undefined);
  assert.deepEqual(
    ['203.0.113.1', '203.0.113.2', '203.0.113.3'].map((a) => position(a, block)),
    [1, 2, 3],
  );
  // The private ranges, 100.64.0.0/10 included: all five there.
  for (const [address, cidr] of [
    ['172.31.255.255', '172.31.240.0/20'],
    ['192.168.0.0', '192.168.0.0/24'],
    ['100.64.0.0', '100.64.0.0/16'],
    ['100.127.255.255', '100.127.255.0/24'],
  ]) {
    assert.notEqual(position(address, cidr), undefined, `${address} in ${cidr}`);
  }
  assert.equal(position('100.128.0.0', '100.128.0.0/24'), undefined, 'just past 100.64.0.0/10');
});

test('the sentence names the address, the subnet, its block and what the address is for', () => {
  const subnet = 'subnet-0123456789abcdef0';
  const message = (address: string, block: string) => reservedMessage(address, subnet, reservedIn(address, [block])!);
  assert.equal(
    message('10.0.1.3', '10.0.1.0/24'),
    `10.0.1.3 is reserved by AWS in ${subnet} (10.0.1.0/24) for future use: the first four addresses and the last are never assigned.`,
  );
  assert.match(message('10.0.1.0', '10.0.1.0/24'), /\(10\.0\.1\.0\/24\) as its network address: /);
  assert.match(message('10.0.1.1', '10.0.1.0/24'), /\) for the VPC router: /);
  assert.match(message('10.0.1.2', '10.0.1.0/24'), /\) for DNS: /);
  assert.match(message('10.0.31.255', '10.0.16.0/20'), /\(10\.0\.16\.0\/20\) as its broadcast address: /);
  assert.match(message('2001:db8:1:2::1', '2001:db8:1:2::/64'), /\(2001:db8:1:2::\/64\) for the VPC router: /);
  assert.match(message('2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'), /\) as its last address: /);
});
