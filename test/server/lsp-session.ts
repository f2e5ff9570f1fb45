import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');
export const FIXTURES = path.join(ROOT, 'test/fixtures/server');

/** A fresh copy of a fixture folder, so tests may write to it (inside the repo, so @types resolve). */
export function copyFixture(name: string): string {
  const scratch = path.join(ROOT, '.tmp/server-tests');
  fs.mkdirSync(scratch, { recursive: true });
  const target = fs.mkdtempSync(path.join(scratch, `${name}-`));
  fs.cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}

export interface SessionOptions {
  workspace: string;
  /** What `workspace/configuration` answers for `asyncGuard`. */
  settings?: Record<string, unknown>;
  /** Declare pull-diagnostics support (the server then does not push). */
  pull?: boolean;
  /** Declare `codeAction/resolve` support for edits. */
  resolve?: boolean;
  /** Declare work-done progress support. */
  progress?: boolean;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
  /** Declare `CreateFile` support in workspace edits (`resourceOperations: ['create']`). */
  createFiles?: boolean;
}

interface OpenDocument {
  document: TextDocument;
}

/** The built language server as a child process, driven by a real LSP client connection. */
export class LspSession {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly shown: ShowMessageParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly progress: unknown[] = [];
  refreshes = 0;
  settings: Record<string, unknown>;
  private readonly documents = new Map<string, OpenDocument>();
  private listeners: (() => void)[] = [];
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly workspace: string,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: SessionOptions): Promise<LspSession> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], {
      cwd: options.workspace,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, connection, options.workspace, options.settings ?? {});
    child.on('exit', () => {
      session.exited = true;
    });
    child.stderr!.on('data', (data: Buffer) => session.logs.push({ type: 1, message: `stderr: ${data.toString()}` }));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      session.published.push(params);
      session.changed();
    });
    connection.onNotification('window/showMessage', (params: ShowMessageParams) => {
      session.shown.push(params);
      session.changed();
    });
    connection.onNotification('window/logMessage', (params: LogMessageParams) => {
      session.logs.push(params);
      session.changed();
    });
    connection.onNotification('$/progress', (params: unknown) => {
      session.progress.push(params);
      session.changed();
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'asyncGuard' ? session.settings : null)),
    );
    connection.onRequest('workspace/diagnostic/refresh', () => {
      session.refreshes++;
      session.changed();
      return null;
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/showDocument', () => ({ success: true }));
    connection.listen();

    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        applyEdit: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true, ...(options.createFiles ? { resourceOperations: ['create' as const] } : {}) },
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          dataSupport: true,
          ...(options.resolve ? { resolveSupport: { properties: ['edit'] } } : {}),
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
        },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
      window: options.progress ? { workDoneProgress: true } : {},
    };
    const workspaceUri = pathToFileURL(options.workspace).href;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: workspaceUri,
      workspaceFolders: [{ uri: workspaceUri, name: 'fixture' }],
      capabilities,
    });
    await connection.sendNotification('initialized', {});
    return session;
  }

  uri(relative: string): string {
    return pathToFileURL(path.join(this.workspace, relative)).href;
  }

  text(uri: string): string {
    return this.documents.get(uri)!.document.getText();
  }

  version(uri: string): number {
    return this.documents.get(uri)!.document.version;
  }

  async open(relative: string, text?: string): Promise<string> {
    const uri = this.uri(relative);
    const content = text ?? fs.readFileSync(path.join(this.workspace, relative), 'utf8');
    const languageId = relative.endsWith('.js') ? 'javascript' : 'typescript';
    this.documents.set(uri, { document: TextDocument.create(uri, languageId, 1, content) });
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: content } });
    return uri;
  }

  /** Sends incremental edits (as an editor does) and returns the new version. */
  async edit(uri: string, edits: TextEdit[]): Promise<number> {
    const open = this.documents.get(uri)!;
    const version = open.document.version + 1;
    const contentChanges = edits.map((edit) => ({ range: edit.range, text: edit.newText }));
    open.document = TextDocument.update(open.document, contentChanges, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  /** Replaces the whole text through one ranged edit. */
  async replaceText(uri: string, text: string): Promise<number> {
    const document = this.documents.get(uri)!.document;
    return this.edit(uri, [{ range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) }, newText: text }]);
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Writes a file on disk and tells the server, as a file watcher would. */
  async writeOnDisk(relative: string, text: string, type: 1 | 2 | 3 = 2): Promise<void> {
    const fileName = path.join(this.workspace, relative);
    if (type === 3) fs.rmSync(fileName);
    else fs.writeFileSync(fileName, text);
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: this.uri(relative), type }] });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { asyncGuard: settings } });
  }

  /** The complete (typed) diagnostics of the document's current version, once the server is idle. */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri },
    });
    return report.items;
  }

  /** Waits until a pushed diagnostics list for the document satisfies the condition. */
  async waitForPublished(uri: string, condition: (diagnostics: Diagnostic[]) => boolean, what = 'diagnostics'): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const last = this.published.filter((params) => params.uri === uri).at(-1);
      return last && condition(last.diagnostics) ? last.diagnostics : undefined;
    }, what);
  }

  async waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== false) return value;
      if (this.exited) throw new Error(`server exited while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; server logs:\n${this.logText()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.listeners.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result = await this.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
    return result ?? [];
  }

  async resolve(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest<CodeAction>('codeAction/resolve', action);
  }

  /** Applies a workspace edit to the open document the way an editor would (one didChange). */
  async applyEdit(edit: WorkspaceEdit): Promise<void> {
    const changes = edit.documentChanges
      ? edit.documentChanges.flatMap((change) => ('edits' in change ? [[change.textDocument.uri, change.edits] as const] : []))
      : Object.entries(edit.changes ?? {});
    for (const [uri, edits] of changes) {
      const document = this.documents.get(uri)!.document;
      const text = TextDocument.applyEdits(document, edits as TextEdit[]);
      await this.replaceText(uri, text);
    }
  }

  isRunning(): boolean {
    return !this.exited;
  }

  logText(): string {
    return this.logs.map((log) => log.message).join('\n');
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 5000))]);
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
    }
    await new Promise<void>((resolve) => {
      if (this.exited) resolve();
      else {
        const timer = setTimeout(() => {
          this.child.kill();
          resolve();
        }, 3000);
        this.child.on('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      }
    });
    this.connection.dispose();
  }

  private changed(): void {
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}

/** The diagnostics of one rule, by 0-based start line. */
export function linesOf(diagnostics: Diagnostic[], code = 'async-guard/no-blocking-in-async'): number[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === code).map((diagnostic) => diagnostic.range.start.line).sort((a, b) => a - b);
}
