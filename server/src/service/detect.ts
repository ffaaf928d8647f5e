/**
 * Which operation a file is a request for (PRODUCT.md): a modeline comment, then the file name
 * `<anything>.<cli-command>.json|jsonc|yaml|yml`, then the user's glob → operation setting.
 * Anything else is not a request file and gets no diagnostics.
 */
import type { OperationRegistry } from '../model/registry';
import type { OperationSchema } from '../model/schema-types';

export type Detection =
  | { kind: 'operation'; operation: OperationSchema; source: 'modeline' | 'file name' | 'setting' }
  /** A modeline that names no supported operation: reported on the modeline itself. */
  | { kind: 'unknown-modeline'; command: string; offset: number; length: number }
  | { kind: 'none' };

// Leading comment lines of a YAML (`#`) or JSONC (`//`) file; the modeline must be among them.
const MODELINE = /^[ \t]*(?:#|\/\/)[ \t]*ec2:[ \t]*([A-Za-z0-9-]+)[ \t]*$/;
const COMMENT_OR_BLANK = /^[ \t]*(?:(?:#|\/\/).*)?$/;
const REQUEST_FILE_NAME = /^(?:.+\.)?([a-z0-9]+(?:-[a-z0-9]+)+)\.(?:json|jsonc|yaml|yml)$/;

export function detectOperation(
  text: string,
  filePath: string,
  registry: OperationRegistry,
  fileAssociations: Readonly<Record<string, string>> = {},
): Detection {
  const fromModeline = modeline(text);
  if (fromModeline) {
    const operation = registry.get(fromModeline.command);
    return operation ? { kind: 'operation', operation, source: 'modeline' } : { kind: 'unknown-modeline', ...fromModeline };
  }
  const baseName = filePath.split(/[\\/]/).pop() ?? '';
  const nameMatch = REQUEST_FILE_NAME.exec(baseName);
  const byName = nameMatch ? registry.get(nameMatch[1]) : undefined;
  if (byName) return { kind: 'operation', operation: byName, source: 'file name' };
  for (const [glob, name] of Object.entries(fileAssociations)) {
    const operation = registry.get(name);
    if (operation && globMatches(glob, filePath)) return { kind: 'operation', operation, source: 'setting' };
  }
  return { kind: 'none' };
}

function modeline(text: string): { command: string; offset: number; length: number } | undefined {
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Only the first lines are read: a modeline belongs at the top, and big files must stay cheap.
  for (let line = 0; line < 20 && offset <= text.length; line++) {
    const end = text.indexOf('\n', offset);
    const lineText = text.slice(offset, end < 0 ? text.length : end).replace(/\r$/, '');
    const match = MODELINE.exec(lineText);
    if (match) {
      const start = offset + lineText.indexOf(match[1]);
      return { command: match[1], offset: start, length: match[1].length };
    }
    if (!COMMENT_OR_BLANK.test(lineText) || end < 0) return undefined;
    offset = end + 1;
  }
  return undefined;
}

/** `*` within a path segment, `**` across segments, `?` one character, `{a,b}` alternatives. A relative glob matches at any depth. */
export function globMatches(glob: string, filePath: string): boolean {
  const normalized = filePath.replace(/\\/g, '/');
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      pattern += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') pattern += '[^/]*';
    else if (c === '?') pattern += '[^/]';
    else if (c === '{') pattern += '(?:';
    else if (c === '}') pattern += ')';
    else if (c === ',') pattern += '|';
    else pattern += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  const anchored = glob.startsWith('/') ? `^${pattern}$` : `(?:^|/)${pattern}$`;
  return new RegExp(anchored).test(normalized);
}
