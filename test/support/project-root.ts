import * as fs from 'node:fs';
import * as path from 'node:path';

/** The project root: the nearest directory above this (bundled) test with the project's package.json. */
export function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'eni-requests') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no eni-requests package.json above ${__dirname}`);
  }
}
