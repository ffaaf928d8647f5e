/**
 * The project file, `.eni-requests.json`: what a repository says about its request files, read by
 * the CLI and the language server alike (the nearest one up from the file). The editor's settings
 * still win over it, member by member.
 *
 *   { "fileAssociations": { "nics/*.json": "create-network-interface" },
 *     "consumers": { "scripts/**": "sdk" },
 *     "rules": { "force-detach": "off", "filter-value": "error" } }
 *
 * Globs are matched like the settings' (relative globs at any depth). A file that cannot be read
 * or parsed is reported once, as a problem of the file it applies to, not thrown.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONSUMERS, type Consumer } from '../model/aws-cli';

export const PROJECT_FILE = '.eni-requests.json';

export type RuleLevel = 'off' | 'error' | 'warning' | 'information';
const LEVELS: readonly RuleLevel[] = ['off', 'error', 'warning', 'information'];

export interface ProjectConfig {
  /** The project file itself. */
  readonly file: string;
  readonly fileAssociations: Readonly<Record<string, string>>;
  readonly consumers: Readonly<Record<string, Consumer>>;
  /** Code → its severity in this project, or `off`. */
  readonly rules: Readonly<Record<string, RuleLevel>>;
  /** Why (part of) the file was not understood; empty when all is well. */
  readonly problems: readonly string[];
}

/** Read once per file and modification time: a long-running server sees edits to it. */
const cache = new Map<string, { mtimeMs: number; config: ProjectConfig }>();

/**
 * How long the answer for a folder is reused: looking it up stats every folder up to the root,
 * which on every keystroke cost more than validating a small request. A project file created,
 * edited or removed is seen at most this much later.
 */
const LOOKUP_TTL_MS = 1000;
const MAX_LOOKUPS = 1000;
const lookups = new Map<string, { at: number; config: ProjectConfig | undefined }>();

/** The project file that applies to `filePath` (the nearest one up from its folder), if any. */
export function projectConfigFor(filePath: string): ProjectConfig | undefined {
  if (!path.isAbsolute(filePath)) return undefined;
  const folder = path.dirname(filePath);
  const now = performance.now();
  const known = lookups.get(folder);
  if (known && now - known.at < LOOKUP_TTL_MS) return known.config;
  if (lookups.size >= MAX_LOOKUPS) lookups.clear();
  const config = lookUp(folder);
  lookups.set(folder, { at: now, config });
  return config;
}

function lookUp(folder: string): ProjectConfig | undefined {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, PROJECT_FILE);
    const stat = statOf(candidate);
    if (stat?.isFile()) return read(candidate, stat.mtimeMs);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Runs for every folder up from the file, on every validation: a missing file is the usual answer, not an exception (building one costs more than the stat). */
function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined; // not a folder, no permission…
  }
}

function read(file: string, mtimeMs: number): ProjectConfig {
  const cached = cache.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.config;
  const config = parse(file);
  cache.set(file, { mtimeMs, config });
  return config;
}

function parse(file: string): ProjectConfig {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}): it is ignored.`);
  }
  const section = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const map = <T>(name: string, valid: (value: unknown) => value is T, expected: string): Record<string, T> => {
    const value = section[name];
    const out: Record<string, T> = {};
    if (value === undefined) return out;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${file}: "${name}" must be an object (${expected}); it is ignored.`);
      return out;
    }
    for (const [key, entry] of Object.entries(value)) {
      if (valid(entry)) out[key] = entry;
      else problems.push(`${file}: "${name}" → "${key}" must be ${expected}, not ${JSON.stringify(entry)}; it is ignored.`);
    }
    return out;
  };
  for (const key of Object.keys(section)) {
    if (!['fileAssociations', 'consumers', 'rules'].includes(key))
      problems.push(`${file}: "${key}" is not a setting of ${PROJECT_FILE} (fileAssociations, consumers, rules); it is ignored.`);
  }
  return {
    file,
    fileAssociations: map('fileAssociations', (v): v is string => typeof v === 'string', 'a glob → operation map'),
    consumers: map('consumers', (v): v is Consumer => CONSUMERS.includes(v as Consumer), `${CONSUMERS.join(' or ')}`),
    rules: map('rules', (v): v is RuleLevel => LEVELS.includes(v as RuleLevel), LEVELS.join(', ')),
    problems,
  };
}
