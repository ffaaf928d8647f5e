/**
 * How a live check reports: a warning with the source `ec2-live` and a `live:` code, on the node it
 * is about, optionally pointing at related nodes of the same document.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { rangeOf } from '../diagnostics';

export const LIVE_SOURCE = 'ec2-live';
export const LiveCode = {
  notFound: 'live:not-found',
  addressOutsideSubnet: 'live:address-outside-subnet',
  addressReserved: 'live:address-reserved',
  addressInUse: 'live:address-in-use',
  instanceTypeLimit: 'live:instance-type-limit',
} as const;

type LiveCodeValue = (typeof LiveCode)[keyof typeof LiveCode];

interface Span {
  readonly offset: number;
  readonly length: number;
}

export function liveWarning(
  document: TextDocument,
  node: Span,
  code: LiveCodeValue,
  message: string,
  related: readonly { node: Span; message: string }[] = [],
): Diagnostic {
  const range = (span: Span) => rangeOf(document, span.offset, span.length);
  return {
    range: range(node),
    severity: DiagnosticSeverity.Warning,
    source: LIVE_SOURCE,
    code,
    message,
    ...(related.length ? { relatedInformation: related.map((r) => ({ location: { uri: document.uri, range: range(r.node) }, message: r.message })) } : {}),
  };
}
