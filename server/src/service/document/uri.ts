/** The file path of a document URI: what detection, globs and messages use. */
import { fileURLToPath } from 'node:url';

export function filePathOf(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // Not a valid file URL: fall through to the raw path.
    }
  }
  const withoutScheme = uri.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '');
  try {
    return decodeURIComponent(withoutScheme);
  } catch {
    return withoutScheme;
  }
}
