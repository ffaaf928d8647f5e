/**
 * `eni-requests trim-skeleton <file>`: removes the members an AWS CLI skeleton still holds
 * placeholders in (service/skeleton.ts), the editor's "Remove unfilled skeleton members".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { RequestLanguageService } from '../service/language-service';
import { trimSkeleton } from '../service/skeleton';
import { displayPath } from '../service/validation/problem';
import { parseOptions, UsageError, type Command } from './command';
import { describeError, readRequestDocument } from './files';
import { command } from './report';

export const trimSkeletonCommand: Command = {
  summary: 'remove the members an AWS CLI skeleton still holds placeholders in',
  usage: `Usage: eni-requests trim-skeleton [options] <file>

Removes the unfilled members of a request file started with
aws ec2 <command> --generate-cli-skeleton input|yaml-input, and writes the file
in place. Unfilled: the generator's placeholders, "" for strings, 0 for numbers,
true for booleans, an enum value (in v2 YAML, the first one listed in its
"Valid values are" comment; any value elsewhere, since v1 picks one at random),
lists and structures of those. A structure or list with no value filled in goes
as a whole. A true, 0 or enum value you meant has to be put back: the removed
members are listed.

Only a file that still looks like a skeleton is changed: it holds at least half
of the operation's members and at least 3 unfilled ones. A request that merely
has "Description": "" is left as it is.

Options:
      --stdout   print the trimmed file instead of writing it
  -h, --help     show this help

Exit status:
  0  trimmed, or nothing to trim
  1  the file cannot be read or written, is not a request file, or has syntax errors
  2  usage error
`,
  run(args, io) {
    const { values, positionals } = parseOptions(args, { stdout: { type: 'boolean', default: false } });
    if (positionals.length !== 1) throw new UsageError(positionals.length ? 'one file at a time' : 'no file to trim');
    const [file] = positionals;
    const absolutePath = path.resolve(io.cwd, file);
    const fail = (message: string) => {
      io.stderr(`${file}: error: ${message}\n`);
      return 1;
    };
    let document: TextDocument;
    try {
      document = readRequestDocument(absolutePath);
    } catch (error) {
      return fail(describeError(error));
    }
    const service = new RequestLanguageService({ log: (message) => io.stderr(`${message}\n`) });
    const { parsed, operation } = service.analyze(document);
    if (!operation) return fail('not a request file: name it <name>.<cli-command>.<ext> or add a modeline such as "# ec2: <cli-command>"');
    if (!parsed) return fail('too large to check');
    if (parsed.problems.some((p) => p.severity === 'error')) return fail(`it has syntax errors: see ${command('check', file)}`);

    const trim = trimSkeleton(parsed, operation, document.getText());
    if (!trim) {
      if (values.stdout) io.stdout(document.getText());
      io.stderr(`${file}: not changed: it does not look like an AWS CLI skeleton (at least half of the operation's members, 3 of them unfilled)\n`);
      return 0;
    }
    const text = TextDocument.applyEdits(
      document,
      trim.edits.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.text })),
    );
    const trimmed = TextDocument.create(document.uri, document.languageId, 2, text);
    // As the editor refuses an edit that breaks the syntax: such a result would be a bug, and is never written.
    if (service.analyze(trimmed).parsed?.problems.some((p) => p.severity === 'error') !== false)
      return fail('trimming would break the file, so it was not changed (please report this)');
    if (values.stdout) {
      io.stdout(text);
    } else {
      try {
        fs.writeFileSync(absolutePath, text);
      } catch (error) {
        return fail(describeError(error));
      }
    }
    const members = trim.removed.length === 1 ? 'member' : 'members';
    io.stderr(`${file}: removed ${trim.removed.length} unfilled ${members}: ${trim.removed.map(displayPath).join(', ')}\n`);
    const errors = service.validate(trimmed).filter((d) => d.severity === DiagnosticSeverity.Error).length;
    if (errors && !values.stdout)
      io.stderr(`${file}: ${errors} ${errors === 1 ? 'error' : 'errors'} left (members still to fill): ${command('check', file)}\n`);
    return 0;
  },
};
