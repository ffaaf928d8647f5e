/**
 * File names that almost follow the request-file convention `<name>.<cli-command>.<ext>`: a plural,
 * a PascalCase or snake_case command, upper case, a letter or two off. Detection (service/detect.ts)
 * takes none of them, so without this `check` would skip such a file and pass without checking it.
 */
import type { OperationRegistry } from '../model/registry';
import { suggestOperations } from '../service/suggest-operation';
import { editDistance } from '../service/text/suggest';

const FILE_NAME = /^(?:(.+)\.)?([^.]+)\.(jsonc?|ya?ml)$/i;

/** The name the file was probably meant to have, or undefined when it is not close to any request-file name. */
export function nearMissName(fileName: string, registry: OperationRegistry): string | undefined {
  const match = FILE_NAME.exec(fileName);
  if (!match) return undefined;
  const [, stem, written, extension] = match;
  const command = written
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
  const [closest] = suggestOperations(
    command,
    registry.all().map((operation) => operation['x-operation'].cliCommand),
    1,
  );
  // A plural is one edit away; short commands (create-tags) allow one edit, so that create-task.yaml is no near miss.
  if (!closest || editDistance(command, closest) > Math.min(2, Math.floor(closest.length / 8))) return undefined;
  const suggestion = `${stem === undefined ? '' : `${stem}.`}${closest}.${extension.toLowerCase()}`;
  return suggestion === fileName ? undefined : suggestion;
}
