/** Problems (tree nodes, offsets) → LSP Diagnostics (ranges), with the quick-fix data attached. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { SyntaxProblem, TreeNode } from './document/tree';
import type { FixData, Problem, RelatedNode, Severity } from './validation/problem';

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
  const span = problem.span && (!problem.node.use || within(problem.span, problem.node)) ? problem.span : problem.node;
  const diagnostic: Diagnostic = {
    range: rangeOf(document, span.offset, span.length),
    severity: SEVERITIES[problem.severity],
    source: DIAGNOSTIC_SOURCE,
    code: problem.code,
    message: problem.message,
  };
  // A related member that an alias brings in is shown where it is written, under its anchor.
  const related = [...(problem.related ?? []).map(atWrittenPlace), ...writtenUnderAnchor(problem.node)];
  if (related.length) {
    diagnostic.relatedInformation = related.map((r) => ({
      location: { uri: document.uri, range: rangeOf(document, r.node.offset, r.node.length) },
      message: r.message,
    }));
  }
  if (problem.fixes?.length) diagnostic.data = { fixes: problem.fixes } satisfies DiagnosticData;
  return diagnostic;
}

/**
 * A problem found in what a YAML alias or merge key brings in is reported at the alias (the node's
 * range there); this points at where the member is written, under the anchor.
 */
function writtenUnderAnchor(node: TreeNode): RelatedNode[] {
  const use = node.use;
  if (!use || use.anchor === undefined || (use.written.offset === node.offset && use.written.length === node.length)) return [];
  const written = use.written;
  const parent = written.parent;
  const name = written.kind === 'property' ? written.key.value : parent?.kind === 'property' ? parent.key.value : undefined;
  return [{ node: written, message: name ? `${name} is written here, in the anchor &${use.anchor}` : `The anchor &${use.anchor} is written here` }];
}

function atWrittenPlace(related: RelatedNode): RelatedNode {
  const use = related.node.use;
  return use?.anchor === undefined ? related : { node: use.written, message: `${related.message} (in the anchor &${use.anchor})` };
}

/** Whether a span lies within a node's range (a span worked out from an alias's copy may not). */
function within(span: { offset: number; length: number }, node: TreeNode): boolean {
  return span.offset >= node.offset && span.offset + span.length <= node.offset + node.length;
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
