/** The network layout as Markdown (service/layout-markdown.ts): the cards × device indexes grid of the editor's preview. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RequestLanguageService } from '../../server/src/service/language-service';
import { requestLayout, type RequestLayout } from '../../server/src/service/layout';
import { escapeMarkdown, layoutMarkdown } from '../../server/src/service/layout-markdown';
import { json, requestDocument } from '../support/service';

function layoutOf(cliCommand: string, text: string, syntax: 'json' | 'yaml' = 'json'): RequestLayout {
  const service = new RequestLanguageService();
  const document = requestDocument(cliCommand, text, syntax);
  const answer = requestLayout(service.analyze(document), service.validate(document));
  assert.equal(answer.kind, 'layout', answer.kind === 'layout' ? '' : answer.message);
  return (answer as { layout: RequestLayout }).layout;
}

const example = (name: string) => fs.readFileSync(path.join(process.cwd(), 'examples', 'valid', name), 'utf8');

/** The rows of the Markdown tables, each split into its cells at the unescaped pipes. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

describe('network layout as Markdown', () => {
  it('draws the p5 template (current layout) as 32 card rows × 2 device columns, the shared subnet and group once', () => {
    const markdown = layoutMarkdown(layoutOf('create-launch-template', example('p5-efa.create-launch-template.yaml'), 'yaml'), {
      source: 'p5-efa.create-launch-template.yaml',
    });
    const lines = markdown.split('\n');
    assert.equal(lines[0], '## Network layout of p5-efa.create-launch-template.yaml');
    assert.ok(lines.includes('### Launch template: `LaunchTemplateData.NetworkInterfaces` (CreateLaunchTemplate)'), markdown);
    assert.ok(lines.includes('**33 interfaces on 32 network cards: 1 ENA, 32 EFA-only (1 per card); primary: card 0 device 0 (interface)**'));
    assert.ok(lines.includes('Every entry: subnet subnet-0123456789abcdef0 · groups sg-0f1e2d3c4b5a69788'));
    const [header, alignment, ...rows] = tableRows(markdown);
    assert.deepEqual(header, ['card', 'device 0', 'device 1']);
    assert.deepEqual(alignment, ['---:', '---', '---']);
    assert.equal(rows.length, 32);
    assert.deepEqual(rows[0], ['**0**', '★ **ENA** #0', '**EFA-only** #1']);
    assert.deepEqual(rows[1], ['**1**', '**EFA-only** #2', '']);
    assert.deepEqual(rows[31], ['**31**', '**EFA-only** #32', '']);
    // One line per cell: nothing but the type and the index is left once the shared values are hoisted.
    assert.ok(!markdown.includes('<br>'), 'no multi-line cells');
    assert.ok(
      rows.flat().every((cell) => !/[✖⚠ℹ]/.test(cell)),
      'no problems',
    );
  });

  it('draws the older p5 layout: device 1 on every card but the first', () => {
    const markdown = layoutMarkdown(layoutOf('create-launch-template', example('p5-efa-older.create-launch-template.yaml'), 'yaml'));
    assert.match(markdown, /^## Network layout\n/);
    const rows = tableRows(markdown).slice(2);
    assert.equal(rows.length, 32);
    assert.deepEqual(rows[0], ['**0**', '★ **EFA** #0', '']);
    assert.ok(rows.slice(1).every((row, i) => row[1] === '' && row[2] === `**EFA** #${i + 1}`));
  });

  it('keeps per-entry values in the cells when the entries differ, and says nothing is shared for one entry', () => {
    const markdown = layoutMarkdown(layoutOf('run-instances', example('two-nics.run-instances.yaml'), 'yaml'));
    assert.doesNotMatch(markdown, /Every entry/);
    const [, , row] = tableRows(markdown);
    assert.deepEqual(row, [
      '**0**',
      '★ **ENA** #0<br>subnet-0123456789abcdef0<br>sg-0f1e2d3c4b5a69788<br>10.0.1.40',
      '**existing** #1<br>eni-0a1b2c3d4e5f60718',
    ]);
    const fleet = layoutMarkdown(layoutOf('request-spot-fleet', example('batch.request-spot-fleet.yaml'), 'yaml'));
    assert.match(fleet, /### Spot Fleet launch specification: `SpotFleetRequestConfig\.LaunchSpecifications\[1\]\.NetworkInterfaces` \(RequestSpotFleet\)/);
    assert.doesNotMatch(fleet, /Every entry/);
  });

  it('shows the problems: on a cell with the mark of their severity, on NetworkInterfaces itself, and the entries without a place', () => {
    const twoEfa = layoutMarkdown(
      layoutOf(
        'create-launch-template',
        json({
          LaunchTemplateName: 'two-efa',
          LaunchTemplateData: {
            NetworkInterfaces: [
              { NetworkCardIndex: 0, DeviceIndex: 0, InterfaceType: 'efa', SubnetId: 'subnet-0123456789abcdef0' },
              { NetworkCardIndex: 0, DeviceIndex: 1, InterfaceType: 'efa-only', SubnetId: 'subnet-0123456789abcdef0' },
            ],
          },
        }),
      ),
    );
    assert.deepEqual(tableRows(twoEfa)[2], ['**0**', '★ **EFA** #0', '**EFA-only** #1<br>✖ `efa-per-card`']);

    const noPrimary = layoutMarkdown(
      layoutOf('run-instances', json({ ImageId: 'ami-0123456789abcdef0', NetworkInterfaces: [{ DeviceIndex: 1, SubnetId: 'subnet-0123456789abcdef0' }] })),
    );
    assert.ok(noPrimary.split('\n').includes('On `NetworkInterfaces` itself: ✖ `nic-primary`'), noPrimary);

    const broken = layoutMarkdown(
      layoutOf(
        'run-instances',
        json({
          ImageId: 'ami-0123456789abcdef0',
          NetworkInterfaces: [
            { DeviceIndex: 0, SubnetId: 'subnet-0123456789abcdef0' },
            { SubnetId: 'subnet-0123456789abcdef0', NetworkCardIndex: 1 },
          ],
        }),
      ),
    );
    const lines = broken.split('\n');
    const unplaced = lines.indexOf('Not in the grid:');
    assert.ok(unplaced > 0, broken);
    assert.equal(lines[unplaced + 2], '- **ENA** #1: no DeviceIndex · ✖ `nic-device-index`');
    // Before the grid: a 32-row table would push it out of sight.
    assert.ok(unplaced < lines.findIndex((line) => line.startsWith('| card ')));
    assert.match(broken, /✖ error, ⚠ warning, ℹ information/);
  });

  it('escapes the values from the file: pipes keep the cells, Markdown and HTML stay text', () => {
    const markdown = layoutMarkdown(
      layoutOf(
        'run-instances',
        json({
          ImageId: 'ami-0123456789abcdef0',
          NetworkInterfaces: [
            { DeviceIndex: 0, SubnetId: 'subnet-a|b', Groups: ['sg-*x*', '[link](http://x)'], InterfaceType: '<b>efa</b>' },
            { DeviceIndex: 1, SubnetId: 'subnet_`c`\nd', Groups: ['sg-&amp;~~y~~'], NetworkInterfaceId: 'eni-\\|' },
          ],
        }),
      ),
      { source: 'we|ird*.run-instances.json' },
    );
    assert.match(markdown, /^## Network layout of we\\\|ird\\\*\.run-instances\.json\n/);
    const [header, , row] = tableRows(markdown);
    assert.equal(row.length, header.length, `the row keeps its ${header.length} cells: ${JSON.stringify(row)}`);
    const [, first, second] = row;
    assert.match(first, /^★ \*\*\\<b\\>efa\\<\/b\\>\*\* #0<br>subnet-a\\\|b<br>sg-\\\*x\\\*, \\\[link\\\]\(http:\/\/x\)<br>/);
    assert.match(second, /^\*\*existing\*\* #1<br>subnet\\_\\`c\\` d<br>sg-\\&amp;\\~\\~y\\~\\~<br>eni-\\\\\\\|<br>/);
  });

  it('escapes what Markdown would read', () => {
    assert.equal(escapeMarkdown('a|b*c_d`e[f]g<h>i&j~k\\l'), 'a\\|b\\*c\\_d\\`e\\[f\\]g\\<h\\>i\\&j\\~k\\\\l');
    assert.equal(escapeMarkdown('two\r\nlines\nhere'), 'two lines here');
    assert.equal(escapeMarkdown('subnet-0123456789abcdef0 (10.0.1.40)'), 'subnet-0123456789abcdef0 (10.0.1.40)');
  });
});
