import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  INSERT_HELPER,
  LINT_WORKSPACE,
  LIST_HELPERS,
  STATUS,
  type HelperInfo,
  type InsertHelperParams,
  type InsertHelperResult,
  type LintWorkspaceResult,
  type StatusParams,
} from '../../server/src/protocol.js';
import { StatusItem } from './status-item.js';
// Node flags the server runs best with (see the server section of the README).
import serverNodeFlags from '../../server/node-flags.json';

const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];

let client: LanguageClient | undefined;

/**
 * The extension only starts the server and carries settings and commands to it; every decision
 * about what to report and how to fix it is the server's.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Async Guard', { log: true });
  const status = new StatusItem('asyncGuard.showOutput');
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The packaged extension carries its own TypeScript; a development checkout uses node_modules.
  const typescript = context.asAbsolutePath(path.join('dist', 'typescript', 'typescript.js'));
  const env = fs.existsSync(typescript) ? { ...process.env, ASYNC_GUARD_TYPESCRIPT: typescript } : process.env;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: serverNodeFlags } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: [...serverNodeFlags, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: { configurationSection: 'asyncGuard' },
    outputChannel: output,
    traceOutputChannel: output,
  };

  client = new LanguageClient('asyncGuard', 'Async Guard', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) status.show('starting');
      else if (newState === State.Stopped) status.show('stopped');
    }),
    client.onNotification(STATUS, (params: StatusParams) => status.show(params.state, params.message)),
    vscode.commands.registerCommand('asyncGuard.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('asyncGuard.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('asyncGuard.lintWorkspace', () => lintWorkspace()),
    // Tests and keybindings may name the helper; people pick it from a list.
    vscode.commands.registerCommand('asyncGuard.insertHelper', (helper?: string) => insertHelper(helper)),
  );

  try {
    await client.start();
    status.show('ready');
  } catch (error) {
    status.show('problem', String(error));
    output.appendLine(`The Async Guard server did not start: ${String(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function lintWorkspace(): Promise<LintWorkspaceResult | undefined> {
  const running = client;
  if (!running) return undefined;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Async Guard: linting the workspace', cancellable: true },
    async (_progress, token) => {
      const result = await running.sendRequest<LintWorkspaceResult>(LINT_WORKSPACE, {}, token);
      if (!token.isCancellationRequested) {
        void vscode.window.showInformationMessage(
          `Async Guard: ${result.problems} problem${result.problems === 1 ? '' : 's'} in ${result.files} file${result.files === 1 ? '' : 's'}.`,
        );
      }
      return result;
    },
  );
}

async function insertHelper(helperName?: string): Promise<InsertHelperResult | undefined> {
  const running = client;
  const editor = vscode.window.activeTextEditor;
  if (!running || !editor || !LANGUAGES.includes(editor.document.languageId)) {
    void vscode.window.showWarningMessage('Async Guard: open a TypeScript or JavaScript file to insert a helper into.');
    return undefined;
  }
  let helper = helperName;
  if (helper === undefined) {
    const helpers = await running.sendRequest<HelperInfo[]>(LIST_HELPERS, {});
    const picked = await vscode.window.showQuickPick(
      helpers.map((info) => ({ label: info.name, detail: info.description })),
      { title: 'Async Guard: insert a helper', placeHolder: 'The helper is imported from async-guard, or vendored into the project' },
    );
    helper = picked?.label;
  }
  if (helper === undefined) return undefined;
  const params: InsertHelperParams = { textDocument: { uri: editor.document.uri.toString() }, helper };
  return running.sendRequest<InsertHelperResult>(INSERT_HELPER, params);
}
