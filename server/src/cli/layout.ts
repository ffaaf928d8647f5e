/**
 * `eni-requests layout <file>`: the network layout of a request (service/layout.ts) as a table:
 * network cards, device indexes, what each interface entry asks for, the problems on it; with
 * `--live`, what EC2 says of each specification's instance type, and the live checks' problems.
 */
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RequestLanguageService } from '../service/language-service';
import { layoutInstanceTypes, requestLayout } from '../service/layout';
import { layoutMarkdown } from '../service/layout-markdown';
import { layoutSummary, layoutText } from '../service/layout-render';
import { parseOptions, UsageError, type Command } from './command';
import { describeError, readRequestDocument } from './files';
import { cliLiveChecks, LIVE_ENVIRONMENT, LIVE_OPTIONS, liveUsage, withLiveDefault } from './live';

const LAYOUT_FORMATS = ['text', 'markdown', 'json'] as const;
type LayoutFormat = (typeof LAYOUT_FORMATS)[number];

export const layout: Command = {
  summary: 'show the network layout of a request: cards, device indexes, interface types',
  usage: `Usage: eni-requests layout [options] <file>

Shows the NetworkInterfaces entries of a request file as a table, one row per
entry sorted by network card then device index: the entry's index, its
InterfaceType, subnet, security groups, addresses, the existing interface it
attaches, and the codes of the problems on it (eni-requests check for the
messages). A summary line counts the interfaces and cards and names the
primary interface (network card 0, device index 0). Each launch specification
gets its own table: RunInstances, CreateLaunchTemplate(Version)
LaunchTemplateData, RequestSpotInstances LaunchSpecification, each of
RequestSpotFleet's LaunchSpecifications.

With --live, each specification's InstanceType is looked up (DescribeInstanceTypes)
and a line under the summary gives what EC2 says of it: network cards, interfaces
per card and in all, EFA support and limit; the problems include the live checks'.

The Markdown (what the editor's "Show network layout" previews) is a grid:
one row per network card, one column per device index, each cell the entry
at that place; the subnet and groups every entry shares are said once above.

Options:
  -f, --format <text|markdown|json>  output format (default: text)
${liveUsage(37)}
  -h, --help                         show this help

Exit status:
  0  the layout was shown (even with problems in it)
  1  the file cannot be read, is not a request file, or has no interface entries
  2  usage error
  3  --live=required and a live look-up was denied
  5  --live=required and EC2 was not reached (no credentials or region, unreachable…)

${LIVE_ENVIRONMENT}
`,
  async run(args, io) {
    const { values, positionals } = parseOptions(withLiveDefault(args), { format: { type: 'string', short: 'f', default: 'text' }, ...LIVE_OPTIONS });
    const format = values.format as LayoutFormat;
    if (!LAYOUT_FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (expected ${LAYOUT_FORMATS.join(', ')})`);
    if (positionals.length !== 1) throw new UsageError(positionals.length ? 'one file at a time' : 'no file to show');
    const [file] = positionals;
    const fail = (message: string) => {
      io.stderr(`${file}: error: ${message}\n`);
      return 1;
    };
    let document: TextDocument;
    try {
      document = readRequestDocument(path.resolve(io.cwd, file));
    } catch (error) {
      return fail(describeError(error));
    }
    const service = new RequestLanguageService({ log: (message) => io.stderr(`${message}\n`) });
    const live = cliLiveChecks(values, service, io);
    const analysis = service.analyze(document);
    let liveFailed = 0;
    if (live && analysis.operation) {
      await live.settle([document], layoutInstanceTypes(analysis));
      liveFailed = live.reportFailure();
    }
    const diagnostics = [...service.validate(document), ...(live?.diagnostics(document) ?? [])];
    const answer = requestLayout(analysis, diagnostics, { instanceType: live && ((name) => live.instanceType(name)) });
    if (answer.kind !== 'layout') return fail(answer.message);
    const { layout } = answer;
    if (format === 'json') {
      const launches = layout.launches.map((launch) => ({ ...launch, summary: layoutSummary(launch) }));
      io.stdout(`${JSON.stringify({ file, operation: layout.operation, launches }, null, 2)}\n`);
    } else {
      io.stdout(format === 'markdown' ? layoutMarkdown(layout, { source: path.basename(file) }) : layoutText(layout));
    }
    return liveFailed;
  },
};
