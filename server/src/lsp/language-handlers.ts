/** Completion, hover and code actions: straight to the editor features, guarded. */
import { withItemDefaults } from './completion-defaults';
import { safely, type ServerContext } from './context';
import type { ClientCapabilities } from './settings-handler';

export function registerLanguageFeatures(context: ServerContext, capabilities: ClientCapabilities): void {
  const { connection, documents, features } = context;

  connection.onCompletion((params) =>
    safely(connection, 'Completion', null, () => {
      const document = documents.get(params.textDocument.uri);
      return document ? withItemDefaults(features.complete(document, params.position), capabilities.completionItemDefaults) : null;
    }),
  );

  connection.onHover((params) =>
    safely(connection, 'Hover', null, () => {
      const document = documents.get(params.textDocument.uri);
      return document ? features.hover(document, params.position) : null;
    }),
  );

  connection.onCodeAction((params) =>
    safely(connection, 'Code actions', [], () => {
      const document = documents.get(params.textDocument.uri);
      return document ? features.codeActions(document, params.range, params.context.diagnostics, params.context.only) : [];
    }),
  );
}
