/**
 * Initialization and settings: the capabilities the server announces, what the client says at
 * start-up (trust, endpoint, how it shows results), and the `eniRequests` settings from wherever
 * the client puts them: workspace/configuration when it supports it, else the settings pushed
 * with workspace/didChangeConfiguration or given in the initialization options (Neovim, Helix…).
 */
import { CodeActionKind, DidChangeConfigurationNotification, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { SETTINGS_SECTION, ServerCommand, type InitializationOptions } from '../../../contract/protocol';
import { supportedItemDefaults } from './completion-defaults';
import { logError, type ServerContext } from './context';

export interface ClientCapabilities {
  /** Completion item defaults the client declared it understands. */
  completionItemDefaults: Set<string>;
}

export function registerSettings(context: ServerContext, capabilities: ClientCapabilities): void {
  const { connection, documents, features } = context;
  let hasConfigurationCapability = false;
  let hasDynamicConfigurationRegistration = false;
  /** The section from the initialization options, for clients that never send it otherwise. */
  let initialSection: unknown;

  const trust = () => ({ endpoint: context.client.endpoint, executionAllowed: context.client.executionAllowed });

  async function loadSettings(): Promise<void> {
    if (!hasConfigurationCapability) return;
    try {
      features.configure(await connection.workspace.getConfiguration(SETTINGS_SECTION), trust());
    } catch (error) {
      logError(connection, 'Reading the eniRequests settings', error);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    const workspace = params.capabilities.workspace;
    hasConfigurationCapability = workspace?.configuration === true;
    hasDynamicConfigurationRegistration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
    capabilities.completionItemDefaults = supportedItemDefaults(params.capabilities.textDocument?.completion?.completionList?.itemDefaults);
    const options = (params.initializationOptions ?? {}) as InitializationOptions & { settings?: unknown; [SETTINGS_SECTION]?: unknown };
    context.client = {
      executionAllowed: options.executionAllowed !== false,
      clientShowsResults: options.clientShowsResults === true,
      endpoint: typeof options.endpoint === 'string' && options.endpoint.trim() ? options.endpoint.trim() : undefined,
    };
    // `{ eniRequests: {...} }` or `{ settings: { eniRequests: {...} } }`, as clients without workspace/configuration send them.
    initialSection = options[SETTINGS_SECTION] ?? (options.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    features.configure(initialSection, trust());
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['"', ':', ' ', '-'] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source] },
        executeCommandProvider: { commands: Object.values(ServerCommand) },
      },
      serverInfo: { name: 'eni-requests' },
    };
  });

  connection.onInitialized(() => {
    if (hasDynamicConfigurationRegistration) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch((error) => logError(connection, 'Registering for configuration changes', error));
    }
    context.settingsLoaded = loadSettings();
  });

  connection.onDidChangeConfiguration((change) => {
    // Clients without workspace/configuration push the settings in the notification instead.
    if (hasConfigurationCapability) context.settingsLoaded = loadSettings();
    else features.configure((change.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION] ?? initialSection, trust());
    for (const document of documents.all()) context.schedule(document.uri, 0);
  });
}
