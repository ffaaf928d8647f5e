import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { RequestAnalysis } from '../language-service';

// Placeholder: code actions are being written.
export function codeActions(_analysis: RequestAnalysis, _range: Range, _diagnostics: Diagnostic[]): CodeAction[] {
  return [];
}
