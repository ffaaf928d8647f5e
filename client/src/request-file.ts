/**
 * A cheap, client-side guess of "is this document a request file" (and for which operation, and
 * whether it has interface entries), for the code lenses, the status bar and the network layout's
 * title button. The language server decides for real (server/src/service/detect.ts: modeline, file
 * name, then the `eniRequests.fileAssociations` globs, each checked against the operation registry).
 *
 * Why not import `detectOperation`: it needs the operation registry, i.e. the generated schemas
 * (megabytes, built into dist/server.js); the client bundle stays small and starts fast. So this
 * repeats the two patterns with one difference: the CLI command must start with one of the verbs the
 * supported operations use, so `package-lock.json` or `docker-compose.yaml` get no lenses. A false
 * positive only shows a lens whose dry run answers "not a request file"; keep the verbs in step with
 * schemas/generator/operations.ts when operations are added.
 */
import * as vscode from 'vscode';
import { LAYOUT_COMMANDS, SETTINGS_SECTION } from '../../contract/protocol';

const VERBS = 'create|delete|describe|attach|detach|modify|reset|assign|unassign|associate|disassociate|run|request';
/** `<anything>.<cli-command>.json|jsonc|yaml|yml` (as in detect.ts), the command starting with a known verb. */
export const REQUEST_FILE_NAME = new RegExp(`^(?:.+\\.)?((?:${VERBS})(?:-[a-z0-9]+)+)\\.(?:json|jsonc|yaml|yml)$`);
/** A `# ec2: <cli-command>` or `// ec2: <cli-command>` modeline (as in detect.ts). */
export const MODELINE = /^[ \t]*(?:#|\/\/)[ \t]*ec2:[ \t]*([A-Za-z0-9-]+)[ \t]*$/;
const COMMENT_OR_BLANK = /^[ \t]*(?:(?:#|\/\/).*)?$/;
/** Only the leading comment lines are read, like the server does. */
const MODELINE_LINES = 20;

export const REQUEST_LANGUAGES = ['json', 'jsonc', 'yaml'] as const;

/** The CLI command a document names by modeline or file name, if any. */
export function requestCommandOf(fileName: string, firstLines: readonly string[]): string | undefined {
  for (const line of firstLines.slice(0, MODELINE_LINES)) {
    const match = MODELINE.exec(line.replace(/\r$/, ''));
    if (match) return match[1];
    if (!COMMENT_OR_BLANK.test(line)) break;
  }
  const baseName = fileName.split(/[\\/]/).pop() ?? '';
  return REQUEST_FILE_NAME.exec(baseName)?.[1];
}

/** True when the server will most likely treat the document as a request file. */
export function isRequestDocument(document: vscode.TextDocument): boolean {
  return requestCommandOfDocument(document) !== undefined;
}

/**
 * The CLI command the document is most likely a request for (modeline, file name, then the
 * `eniRequests.fileAssociations` globs), in CLI form (`RunInstances` → `run-instances`); undefined
 * for other documents. `.eni-requests.json` associations are the server's alone.
 */
export function requestCommandOfDocument(document: vscode.TextDocument): string | undefined {
  if (!(REQUEST_LANGUAGES as readonly string[]).includes(document.languageId)) return undefined;
  const lines: string[] = [];
  for (let i = 0; i < Math.min(document.lineCount, MODELINE_LINES); i++) lines.push(document.lineAt(i).text.replace(/^\uFEFF/, ''));
  const named = requestCommandOf(document.uri.path, lines);
  if (named) return cliCommand(named);
  // The user's globs: VS Code's own glob matching. A relative glob matches at any depth, as on the server.
  const associations = vscode.workspace.getConfiguration(SETTINGS_SECTION, document.uri).get<Record<string, string>>('fileAssociations') ?? {};
  const glob = Object.keys(associations).find((g) => vscode.languages.match({ pattern: g.startsWith('/') ? g : `**/${g}` }, document) > 0);
  return glob === undefined ? undefined : cliCommand(String(associations[glob]));
}

/** The server's registry takes an operation name or a CLI command in any case: `RunInstances` → `run-instances`. */
function cliCommand(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** A `NetworkInterfaces` key (JSON, YAML block or flow style) on a line that is not a comment. */
const NETWORK_INTERFACES_KEY = /(?:^|[\s{,])["']?NetworkInterfaces["']?\s*:/;
const COMMENT_LINE = /^\s*(?:#|\/\/)/;

/**
 * The line of the first `NetworkInterfaces` key of a request whose operation takes interface
 * entries: where the network layout has something to show. A cheap guess, no parse: a key inside a
 * string is a false positive, whose layout then says "no entries". Asked on every keystroke in a
 * visible request (the title button's context key), so only the lines holding the word are read.
 */
export function interfaceEntriesLine(document: vscode.TextDocument): number | undefined {
  const command = requestCommandOfDocument(document);
  if (command === undefined || !LAYOUT_COMMANDS.includes(command)) return undefined;
  const text = document.getText();
  for (let at = text.indexOf('NetworkInterfaces'); at >= 0; at = text.indexOf('NetworkInterfaces', at + 1)) {
    const { line } = document.positionAt(at);
    const lineText = document.lineAt(line).text;
    if (NETWORK_INTERFACES_KEY.test(lineText) && !COMMENT_LINE.test(lineText)) return line;
  }
  return undefined;
}
