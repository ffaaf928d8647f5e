/** An execution result as plain text: the CLI prints it, the server shows it to clients that do not show results themselves. */
import type { ExecutionResult, PreviewResult } from '../../../../contract/outcome';

export function resultText(result: ExecutionResult & Pick<PreviewResult, 'preview'>): string {
  const parts = [`${result.title}\n${result.message}`];
  const { preview, output } = result;
  if (preview) {
    // As it goes on the wire (an .http file), then the CLI line.
    const url = new URL(preview.url);
    const headers = Object.entries(preview.headers);
    if (!headers.some(([name]) => name.toLowerCase() === 'host')) headers.unshift(['host', url.host]);
    parts.push(
      [`${preview.method} ${url.pathname}${url.search} HTTP/1.1`, ...headers.map(([name, value]) => `${name}: ${value}`)].join('\n'),
      preview.body,
      preview.cliCommand,
    );
  }
  if (output && Object.keys(output).length) parts.push(JSON.stringify(output, null, 2));
  return `${parts.join('\n\n')}\n`;
}
