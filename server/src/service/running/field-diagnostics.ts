/** The members EC2 (or the preflight) complained about → diagnostics on the request file. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { FieldProblem } from '../../../../contract/outcome';
import { rangeOf } from '../diagnostics';
import { getProperty, nodeAtPath } from '../document/navigate';
import type { ValueNode } from '../document/tree';
import type { RequestAnalysis } from '../service-types';

/** The source of these diagnostics: EC2's answer, not the static rules (`eni-requests`). */
const EC2_DIAGNOSTIC_SOURCE = 'ec2';

export function fieldProblemDiagnostics(analysis: RequestAnalysis, problems: readonly FieldProblem[]): Diagnostic[] {
  const root = analysis.parsed?.root;
  if (!root) return [];
  return problems.map((problem) => {
    const span = spanOf(root, problem.path);
    return {
      range: rangeOf(analysis.document, span.offset, span.length),
      severity: DiagnosticSeverity.Error,
      source: EC2_DIAGNOSTIC_SOURCE,
      code: problem.code,
      message: problem.message,
    };
  });
}

/**
 * Where a member path is written: a member's key (the last of duplicates, the one the request
 * sent), an array item itself. A path the file does not have falls back to its nearest ancestor,
 * and at last to the start of the request.
 */
function spanOf(root: ValueNode, path: readonly (string | number)[]): { offset: number; length: number } {
  for (let depth = path.length; depth > 0; depth--) {
    const container = nodeAtPath(root, path.slice(0, depth - 1));
    const step = path[depth - 1];
    if (container?.kind === 'object' && typeof step === 'string') {
      const property = getProperty(container, step);
      if (property) return property.key;
    } else if (container?.kind === 'array' && typeof step === 'number' && container.items[step]) {
      return container.items[step];
    }
  }
  return { offset: root.offset, length: Math.min(root.length, 1) };
}
