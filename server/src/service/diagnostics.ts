/** Problems (tree nodes, offsets) → LSP Diagnostics (ranges), with the quick-fix data attached. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { SyntaxProblem } from './document/tree';
import type { FixData, Problem, Severity } from './validation/problem';

export const DIAGNOSTIC_SOURCE = 'eni-requests';

/** What `diagnostic.data` holds for our diagnostics. */
export interface DiagnosticData {
  fixes: FixData[];
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function problemToDiagnostic(problem: Problem, document: TextDocument): Diagnostic {
  const span = problem.span ?? problem.node;
  const diagnostic: Diagnostic = {
    range: rangeOf(document, span.offset, span.length),
    severity: SEVERITIES[problem.severity],
    source: DIAGNOSTIC_SOURCE,
    code: problem.code,
    message: problem.message,
  };
  if (problem.related?.length) {
    diagnostic.relatedInformation = problem.related.map((r) => ({
      location: { uri: document.uri, range: rangeOf(document, r.node.offset, r.node.length) },
      message: r.message,
    }));
  }
  if (problem.fixes?.length) diagnostic.data = { fixes: problem.fixes } satisfies DiagnosticData;
  return diagnostic;
}

export function syntaxProblemToDiagnostic(problem: SyntaxProblem, document: TextDocument): Diagnostic {
  return {
    range: rangeOf(document, problem.offset, problem.length),
    severity: SEVERITIES[problem.severity],
    source: DIAGNOSTIC_SOURCE,
    code: problem.code ?? 'syntax-error',
    message: problem.message,
  };
}

export function rangeOf(document: TextDocument, offset: number, length: number) {
  return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}

/** The fix data of one of our diagnostics, as the client sent it back: only entries shaped like fixes (anything may come back). */
export function fixesOf(diagnostic: Diagnostic): FixData[] {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || !Array.isArray(data?.fixes)) return [];
  return data.fixes.filter((fix): fix is FixData => typeof fix === 'object' && fix !== null && typeof (fix as { fix?: unknown }).fix === 'string');
}
