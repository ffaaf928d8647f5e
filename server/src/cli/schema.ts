/**
 * `eni-requests schema <cli-command>` / `schema --all <dir>`: the operation schemas as standalone
 * JSON Schema files for other editors (model/json-schema-export.ts, docs/schemas.md).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONSUMERS, DEFAULT_CONSUMER, type Consumer } from '../model/aws-cli';
import { exportAllSchemas, exportOperationSchema, serializeExport } from '../model/json-schema-export';
import { OperationRegistry } from '../model/registry';
import { closestMatch } from '../service/text/suggest';
import { describeError } from './files';
import { parseOptions, UsageError, type Command } from './command';

export const schemaCommand: Command = {
  summary: 'print the JSON Schema of an operation, or write all of them (--all <dir>)',
  usage: `Usage: eni-requests schema [options] <cli-command>
       eni-requests schema [options] --all <dir>

Prints the JSON Schema (draft-07) of an operation's request file, e.g.
eni-requests schema create-network-interface > create-network-interface.schema.json,
for editors that validate JSON and YAML by schema: VS Code's json.schemas setting,
yaml-language-server's "# yaml-language-server: $schema=<path>" modeline or
yaml.schemas setting (docs/schemas.md). A schema checks types, enums, ranges,
required and unknown members; the rules between members, resource ID and address
syntax, and how the AWS CLI reads the file are checked by eni-requests check only.

With --all, writes <cli-command>.schema.json for every supported operation and an
index.json (operation, CLI command, file, title, $id, fileMatch globs) into <dir>,
creating it, and lists the files written. Other files in <dir> are left alone.

Options:
      --all <dir>            write every operation's schema and index.json into <dir>
      --for <aws-cli|sdk>    who reads the request files (default: aws-cli). For the
                             AWS CLI, RunInstances' MinCount and MaxCount are optional
                             (the CLI sends 1); for an SDK they are required
  -h, --help                 show this help

Exit status:
  0  printed or written
  1  a file could not be written
  2  usage error (an unknown operation: the message lists the supported ones)
`,
  run(args, io) {
    const { values, positionals } = parseOptions(args, { all: { type: 'string' }, for: { type: 'string', default: DEFAULT_CONSUMER } });
    const consumer = values.for as Consumer;
    if (!CONSUMERS.includes(consumer)) throw new UsageError(`--for takes ${CONSUMERS.join(' or ')}, not "${values.for}"`);
    const registry = new OperationRegistry();
    const commands = registry.all().map((schema) => schema['x-operation'].cliCommand);
    const supported = `Supported operations:\n${commands.map((command) => `  ${command}`).join('\n')}`;

    if (values.all !== undefined) {
      if (positionals.length) throw new UsageError(`--all writes every operation's schema: give a directory, not "${positionals[0]}" as well`);
      if (values.all === '') throw new UsageError('--all needs a directory');
      const { files, index } = exportAllSchemas(registry.all(), registry.sdkVersion, { consumer });
      const dir = path.resolve(io.cwd, values.all);
      const written: string[] = [];
      let target = values.all;
      try {
        fs.mkdirSync(dir, { recursive: true });
        for (const [file, schema] of [...files, ['index.json', index] as const]) {
          target = path.join(values.all, file);
          fs.writeFileSync(path.join(dir, file), serializeExport(schema));
          written.push(target);
        }
      } catch (error) {
        io.stdout(written.map((file) => `${file}\n`).join(''));
        io.stderr(`${target}: error: ${describeError(error)}\n`);
        return 1;
      }
      io.stdout(written.map((file) => `${file}\n`).join(''));
      io.stderr(`eni-requests schema: wrote ${files.size} schemas (JSON Schema draft-07, for ${consumer}) and index.json to ${values.all}\n`);
      return 0;
    }

    if (positionals.length !== 1) throw new UsageError(`${positionals.length ? 'one operation at a time' : 'which operation?'}\n${supported}`);
    const [name] = positionals;
    const schema = registry.get(name);
    if (!schema) {
      const suggestion = closestMatch(name, commands);
      throw new UsageError(`unknown operation "${name}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}\n${supported}`);
    }
    io.stdout(serializeExport(exportOperationSchema(schema, { consumer })));
    return 0;
  },
};
