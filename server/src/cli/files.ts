/**
 * Command-line operands → the files to check: files as named, directories walked, globs expanded.
 * Files found by walking or by a glob are candidates (skipped quietly when they are not request
 * files); a file named explicitly must be one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { globMatches } from '../service/detect';

export interface FileToCheck {
  /** As shown to the user: the operand itself, or operand-relative for found files. */
  displayPath: string;
  absolutePath: string;
  explicit: boolean;
}

export interface PathError {
  displayPath: string;
  message: string;
}

const REQUEST_EXTENSIONS = /\.(?:json|jsonc|ya?ml)$/i;
const GLOB_CHARACTERS = /[*?{]/;

export function collectFiles(operands: readonly string[], cwd: string): { files: FileToCheck[]; errors: PathError[] } {
  const files = new Map<string, FileToCheck>();
  const errors: PathError[] = [];
  const add = (displayPath: string, explicit: boolean) => {
    const absolutePath = path.resolve(cwd, displayPath);
    const known = files.get(absolutePath);
    // Named explicitly anywhere on the command line wins: it must then be a request file.
    if (!known || (explicit && !known.explicit)) files.set(absolutePath, { displayPath, absolutePath, explicit });
  };
  const walkError = (displayPath: string, error: unknown) => errors.push({ displayPath, message: describeError(error) });

  for (const operand of operands) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.resolve(cwd, operand));
    } catch (error) {
      // Not a path: maybe a glob (the shell did not expand it, or it was quoted).
      if (GLOB_CHARACTERS.test(operand) && isMissing(error)) {
        let matched = 0;
        expandGlob(
          operand,
          cwd,
          (file) => {
            matched++;
            add(file, false);
          },
          walkError,
        );
        if (!matched) errors.push({ displayPath: operand, message: 'no request files match this pattern' });
      } else {
        errors.push({ displayPath: operand, message: describeError(error) });
      }
      continue;
    }
    if (stat.isDirectory()) walk(operand, cwd, Infinity, (file) => REQUEST_EXTENSIONS.test(file) && add(file, false), walkError);
    else if (stat.isFile()) add(operand, true);
    else errors.push({ displayPath: operand, message: 'not a file or a directory' });
  }
  return { files: [...files.values()], errors };
}

/** Walks from the glob's literal prefix and keeps the request files the whole glob matches. */
function expandGlob(glob: string, cwd: string, onFile: (file: string) => void, onError: (displayPath: string, error: unknown) => void): void {
  const normalized = path.posix.normalize(glob.replace(/\\/g, '/'));
  const segments = normalized.split('/');
  const firstGlob = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment));
  const base = segments.slice(0, firstGlob).join('/') || (normalized.startsWith('/') ? '/' : '.');
  const rest = segments.slice(firstGlob);
  const maxDepth = rest.includes('**') ? Infinity : rest.length - 1;
  // A leading `/` makes globMatches anchor the whole path, as a shell would.
  const anchored = normalized.startsWith('/') ? normalized : `/${normalized}`;
  if (!fs.existsSync(path.resolve(cwd, base))) return; // reported as matching nothing
  walk(
    base,
    cwd,
    maxDepth,
    (file) => {
      const candidate = file.replace(/\\/g, '/');
      if (REQUEST_EXTENSIONS.test(candidate) && globMatches(anchored, candidate.startsWith('/') ? candidate : `/${candidate}`)) onFile(file);
    },
    onError,
  );
}

/** Depth-first, sorted; skips node_modules and dot-directories below `dir`, and symlinked directories (no cycles). */
function walk(dir: string, cwd: string, maxDepth: number, onFile: (file: string) => void, onError: (displayPath: string, error: unknown) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.resolve(cwd, dir), { withFileTypes: true });
  } catch (error) {
    onError(dir, error);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = dir === '.' ? entry.name : path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (maxDepth > 0 && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(child, cwd, maxDepth - 1, onFile, onError);
    } else if (entry.isFile() || (entry.isSymbolicLink() && isFile(path.resolve(cwd, child)))) {
      onFile(child);
    }
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** A file as the language service reads it. Throws when it cannot be read. */
export function readRequestDocument(absolutePath: string): TextDocument {
  return requestDocument(absolutePath, fs.readFileSync(absolutePath, 'utf8'));
}

/** Text read already (standard input) as the document of `absolutePath`. */
export function requestDocument(absolutePath: string, text: string, languageId = languageIdOf(absolutePath)): TextDocument {
  return TextDocument.create(pathToFileURL(absolutePath).href, languageId, 1, text);
}

/** Any extension is read as JSON unless it says YAML: --cli-input-json takes any file name. */
export function languageIdOf(file: string): string {
  return /\.ya?ml$/i.test(file) ? 'yaml' : /\.jsonc$/i.test(file) ? 'jsonc' : 'json';
}

export function describeError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
