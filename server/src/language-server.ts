import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CancellationToken,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActions, FIX_ALL_KIND, SHOW_DOCUMENTATION_COMMAND, type LintedDocument } from './code-actions.js';
import { toDiagnostics } from './diagnostics.js';
import { DocumentLinter, type DocumentResult } from './document-linter.js';
import { Engine } from './engine.js';
import { FileFilter, type SkipReason } from './file-filter.js';
import { HelperService, type EditCapabilities } from './helpers/helper-service.js';
import { LintQueue, yieldToEvents } from './lint-queue.js';
import { INSERT_HELPER, LINT_WORKSPACE, LIST_HELPERS, STATUS, type InsertHelperParams, type InsertHelperResult, type LintWorkspaceResult } from './protocol.js';
import { ServerStatus } from './server-status.js';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings.js';
import { sourceFilesUnder } from './workspace-files.js';

/**
 * The LSP face of the engine: documents in, diagnostics and code actions out, settings and
 * file events applied. All decisions about what to lint and when live in the DocumentLinter
 * and the LintQueue; this class translates between them and the protocol.
 */
export class LanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly engine: Engine;
  private readonly linter: DocumentLinter;
  private readonly queue: LintQueue;
  private settings: Settings = DEFAULT_SETTINGS;
  private filter = new FileFilter(DEFAULT_SETTINGS, []);
  private capabilities: ClientCapabilities = {};
  private roots: string[] = [];
  private pull = false;
  private editCapabilities: EditCapabilities = { documentChanges: false, createFiles: false };
  private readonly helpers: HelperService;
  private codeActions: CodeActions;
  private readonly status: ServerStatus;
  private readonly told = new Set<string>();
  private lastSettingsWarning = '';
  private pendingRefresh = false;
  /** Settled once the current settings are read; nothing is linted with settings still coming. */
  private settingsLoaded: Promise<void>;
  private settingsReady!: () => void;

  constructor(private readonly connection: Connection) {
    this.engine = new Engine({
      warn: (message) => this.warnOnce(message),
    });
    this.settingsLoaded = new Promise((resolve) => (this.settingsReady = resolve));
    this.status = new ServerStatus((params) => void this.connection.sendNotification(STATUS, params));
    this.helpers = new HelperService({
      settings: () => this.settings.helpers,
      roots: () => this.roots,
      project: (fileName) => {
        const project = this.engine.projects.projectFor(fileName);
        const program = project.program();
        return { options: program.getCompilerOptions(), rootNames: program.getRootFileNames(), configDir: project.configPath && path.dirname(project.configPath) };
      },
      textOf: (fileName) => (this.engine.texts.isOpen(fileName) ? this.engine.texts.text(fileName) : readIfExists(fileName)),
      documentVersion: (fileName) => this.engine.texts.documentVersion(fileName),
      warn: (message) => this.tellOnce(`helpers:${message}`, () => this.show(MessageType.Warning, message)),
    });
    this.codeActions = new CodeActions({ resolveEdits: false, ...this.editCapabilities }, this.helpers);
    this.queue = new LintQueue(
      async (fileName, reason) => {
        this.status.linting();
        void this.queue.idle().then(() => this.status.idle());
        await this.settingsLoaded;
        await this.linter.lint(fileName, reason);
      },
      (fileName, error) => {
        this.connection.console.error(`Linting ${fileName} failed: ${stackOf(error)}`);
        this.status.failed(`Linting ${path.basename(fileName)} failed: ${messageOf(error)}`);
      },
    );
    this.linter = new DocumentLinter(
      this.engine,
      {
        filter: () => this.filter,
        publish: (result) => this.publish(result),
        skipped: (fileName, reason) => this.skipped(fileName, reason),
        ruleFailed: (fileName, failure) => {
          this.status.failed(`Rule ${failure.ruleId} failed on ${path.basename(fileName)}: ${messageOf(failure.error)}`);
          this.tellOnce(
            `failure:${failure.ruleId}:${String(failure.error)}`,
            () => this.connection.console.error(`Rule ${failure.ruleId} failed on ${fileName}; its findings for the file are dropped.\n${stackOf(failure.error)}`),
          );
        },
        loadingProject: (fileName, work) => this.withProgress(`Loading the TypeScript project of ${fileName}`, work),
        trace: (message) => {
          if (this.settings.trace.server === 'verbose') this.connection.console.log(message);
        },
      },
      (fileName, reason) => this.queue.add(fileName, reason),
    );
  }

  listen(): void {
    const connection = this.connection;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => void this.initialized());
    connection.onDidChangeConfiguration((params) => {
      this.settingsLoaded = this.loadSettings(params.settings);
    });
    connection.onDidChangeWatchedFiles((params) => this.guard('file events', () => this.filesChanged(params.changes)));
    connection.onCodeAction((params) => this.guard('code actions', () => {
      const document = this.lintedDocument(params.textDocument.uri);
      return document ? this.codeActions.actionsFor(document, params) : [];
    }));
    connection.onCodeActionResolve((action) => this.guard('code action', () => {
      const data = action.data as { uri?: string } | undefined;
      return this.codeActions.resolve(action, data?.uri ? this.lintedDocument(data.uri) : undefined);
    }) ?? action);
    connection.onExecuteCommand(async (params) => {
      if (params.command === SHOW_DOCUMENTATION_COMMAND && typeof params.arguments?.[0] === 'string') {
        await connection.window.showDocument({ uri: params.arguments[0], external: true });
      }
    });
    connection.languages.diagnostics.on(async (params) => {
      const fileName = fileNameOf(params.textDocument.uri);
      await this.settingsLoaded;
      await this.queue.idle();
      const result = this.linter.results.get(fileName);
      const uri = params.textDocument.uri;
      return { kind: 'full', items: result && this.settings.enable ? this.diagnosticsOf(uri, result) : [] };
    });
    connection.onRequest(LINT_WORKSPACE, (params: WorkDoneProgressParams, token) => this.lintWorkspace(params, token));
    connection.onRequest(LIST_HELPERS, () => this.requestGuard('listHelpers', () => this.helpers.listHelpers()));
    connection.onRequest(INSERT_HELPER, (params: InsertHelperParams) => this.requestGuard('insertHelper', () => this.insertHelper(params)));

    this.documents.onDidOpen(({ document }) => this.guard('open', () => this.opened(document)));
    this.documents.onDidChangeContent(({ document }) => this.guard('change', () => this.changed(document)));
    this.documents.onDidSave(({ document }) => this.guard('save', () => this.saved(document)));
    this.documents.onDidClose(({ document }) => this.guard('close', () => this.closed(document)));
    this.documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots = folders.filter((uri) => uri.startsWith('file:')).map(fileNameOf);
    this.pull = params.capabilities.textDocument?.diagnostic !== undefined;
    const codeAction = params.capabilities.textDocument?.codeAction;
    const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
    this.editCapabilities = {
      documentChanges: workspaceEdit?.documentChanges === true,
      createFiles: workspaceEdit?.documentChanges === true && workspaceEdit.resourceOperations?.includes('create') === true,
    };
    this.codeActions = new CodeActions(
      { resolveEdits: codeAction?.resolveSupport?.properties.includes('edit') === true, ...this.editCapabilities },
      this.helpers,
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: true },
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND] },
        ...(this.pull
          ? { diagnosticProvider: { identifier: 'async-guard', interFileDependencies: true, workspaceDiagnostics: false } }
          : {}),
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'async-guard' },
    };
  }

  private async initialized(): Promise<void> {
    const workspace = this.capabilities.workspace;
    if (workspace?.didChangeConfiguration?.dynamicRegistration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'asyncGuard' });
    }
    if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,json}' }],
      });
    }
    await this.loadSettings(undefined);
    this.settingsReady();
    void this.queue.idle().then(() => this.status.idle());
  }

  /** Reads `asyncGuard` settings (pulled when the client can, else from the notification). */
  private async loadSettings(pushed: unknown): Promise<void> {
    let raw: unknown = (pushed as { asyncGuard?: unknown } | undefined)?.asyncGuard;
    if (this.capabilities.workspace?.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration('asyncGuard');
      } catch (error) {
        this.connection.console.error(`Could not read settings: ${stackOf(error)}`);
      }
    }
    const { settings, problems } = readSettings(raw);
    problems.push(...this.engine.linter.configure(settings.rules, settings.reportUnusedDisableDirectives));
    this.settings = settings;
    this.filter = new FileFilter(settings, this.roots);
    const warning = problems.length > 0 ? `Async Guard settings: ${problems.join('; ')}. The defaults are used for these.` : '';
    if (warning && warning !== this.lastSettingsWarning) this.show(MessageType.Warning, warning);
    this.lastSettingsWarning = warning;
    this.status.settings(warning || undefined);
    for (const fileName of this.engine.texts.openPaths()) {
      if (settings.enable) this.queue.add(fileName, 'dependent');
      else this.clear(fileName);
    }
    if (!settings.enable && this.pull) this.refresh();
  }

  private opened(document: TextDocument): void {
    const fileName = fileNameOf(document.uri);
    this.engine.texts.open(fileName, document.getText(), document.version);
    if (this.settings.enable) this.queue.add(fileName, 'edit');
  }

  private changed(document: TextDocument): void {
    const fileName = fileNameOf(document.uri);
    if (!this.engine.texts.isOpen(fileName)) return; // the open event handles the first text
    this.engine.texts.change(fileName, document.getText(), document.version);
    if (this.settings.enable && this.settings.run === 'onType') this.queue.add(fileName, 'edit');
  }

  private saved(document: TextDocument): void {
    if (this.settings.enable && this.settings.run === 'onSave') this.queue.add(fileNameOf(document.uri), 'edit');
  }

  private closed(document: TextDocument): void {
    const fileName = fileNameOf(document.uri);
    this.engine.texts.close(fileName);
    this.engine.projects.release(fileName);
    this.linter.forget(fileName);
    if (!this.pull) void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    // The file on disk may differ from the buffer the others were checked against.
    for (const other of this.engine.texts.openPaths()) this.queue.add(other, 'dependent');
  }

  private filesChanged(changes: { uri: string; type: FileChangeType }[]): void {
    let structure = false;
    for (const change of changes) {
      if (!change.uri.startsWith('file:')) continue;
      const fileName = fileNameOf(change.uri);
      this.engine.texts.diskChanged(fileName);
      if (/(?:^|\/)[tj]sconfig[^/]*\.json$/.test(fileName)) this.engine.projects.filesChanged(fileName);
      else if (change.type !== FileChangeType.Changed) structure = true;
    }
    if (structure) this.engine.projects.filesChanged();
    if (this.settings.enable) for (const fileName of this.engine.texts.openPaths()) this.queue.add(fileName, 'dependent');
  }

  private publish(result: DocumentResult): void {
    const uri = this.documents.get(uriOf(result.fileName))?.uri ?? uriOf(result.fileName);
    if (this.pull) {
      this.refresh();
      return;
    }
    void this.connection.sendDiagnostics({ uri, version: result.version, diagnostics: this.diagnosticsOf(uri, result) });
  }

  private diagnosticsOf(uri: string, result: DocumentResult) {
    return toDiagnostics(result.messages, result.related, { uri, fileName: result.fileName, version: result.version });
  }

  /** Pull clients re-ask for diagnostics after a refresh; several results make one refresh. */
  private refresh(): void {
    if (this.pendingRefresh || this.capabilities.workspace?.diagnostics?.refreshSupport !== true) return;
    this.pendingRefresh = true;
    setImmediate(() => {
      this.pendingRefresh = false;
      void this.connection.languages.diagnostics.refresh().catch(() => undefined);
    });
  }

  private clear(fileName: string): void {
    this.linter.forget(fileName);
    if (!this.pull) void this.connection.sendDiagnostics({ uri: uriOf(fileName), diagnostics: [] });
  }

  private lintedDocument(uri: string): LintedDocument | undefined {
    const result = this.linter.results.get(fileNameOf(uri));
    return result ? { uri, version: result.version, text: result.text, messages: result.messages } : undefined;
  }

  private skipped(fileName: string, reason: SkipReason): void {
    if (reason.kind === 'excluded' || reason.kind === 'unsupported') return;
    this.tellOnce(`skip:${fileName}:${reason.kind}`, () => this.show(MessageType.Info, reason.message));
  }

  private warnOnce(message: string): void {
    this.tellOnce(`warn:${message}`, () => this.show(MessageType.Warning, message));
  }

  /** A plain message for the user (a notification: the server needs no answer). */
  private show(type: MessageType, message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  private tellOnce(key: string, tell: () => void): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    tell();
  }

  /** Runs long synchronous work with a progress report when the client shows them. */
  private async withProgress(title: string, work: () => void): Promise<void> {
    if (!this.capabilities.window?.workDoneProgress) {
      work();
      return;
    }
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin(title);
    await yieldToEvents(); // let the begin message leave before the work blocks the loop
    try {
      work();
    } finally {
      progress.done();
    }
  }

  /** Lints every source file of the workspace folders and publishes the findings. */
  private async lintWorkspace(params: WorkDoneProgressParams, token: CancellationToken): Promise<LintWorkspaceResult> {
    const files = sourceFilesUnder(this.roots, (fileName) => this.filter.isExcluded(fileName));
    const attached = params.workDoneToken !== undefined;
    const created = attached ? undefined : await this.connection.window.createWorkDoneProgress();
    const progress = created ?? this.connection.window.attachWorkDoneProgress(params.workDoneToken);
    progress.begin('Async Guard: checking the workspace', 0, `0 of ${files.length} files`, true);
    let problems = 0;
    let done = 0;
    try {
      for (const fileName of files) {
        await yieldToEvents();
        if (token.isCancellationRequested || created?.token.isCancellationRequested) break;
        done++;
        progress.report(Math.round((done / files.length) * 100), `${done} of ${files.length} files`);
        if (this.engine.texts.isOpen(fileName)) {
          problems += this.linter.results.get(fileName)?.messages.length ?? 0;
          continue;
        }
        const text = this.engine.texts.text(fileName);
        if (text === undefined || this.filter.skipReason(fileName, text)) continue;
        const lint = this.engine.lintTyped(fileName);
        if (!lint || lint.parseError) continue;
        problems += lint.messages.length;
        const uri = uriOf(fileName);
        void this.connection.sendDiagnostics({ uri, diagnostics: this.diagnosticsOf(uri, { ...lint, version: 0, tier: 'typed' }) });
      }
    } finally {
      progress.done();
    }
    return { files: done, problems };
  }

  /**
   * Makes a helper importable in a document: the import, and in vendor mode the helper file,
   * applied through `workspace/applyEdit` so the editor keeps one undo step.
   */
  private async insertHelper(params: InsertHelperParams): Promise<InsertHelperResult> {
    const uri = params.textDocument.uri;
    const fileName = fileNameOf(uri);
    const text = this.engine.texts.text(fileName);
    const version = this.engine.texts.documentVersion(fileName);
    if (text === undefined || version === undefined) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not an open document`);
    const { edit, from } = this.helpers.insertHelper({ uri, version, text }, params.helper, this.editCapabilities);
    if (edit) {
      if (this.capabilities.workspace?.applyEdit !== true) throw new ResponseError(ErrorCodes.InvalidRequest, 'The client cannot apply workspace edits');
      const result = await this.connection.workspace.applyEdit({ label: `Insert ${params.helper}`, edit });
      if (!result.applied) throw new ResponseError(LSPErrorCodes.RequestFailed, `The editor did not apply the edit${result.failureReason ? `: ${result.failureReason}` : ''}`);
    }
    return { from };
  }

  /** Handler errors are logged and answered with nothing: one bad request never stops the server. */
  private guard<T>(what: string, handler: () => T): T | undefined {
    try {
      return handler();
    } catch (error) {
      this.connection.console.error(`Async Guard could not handle ${what}: ${stackOf(error)}`);
      this.status.failed(`Could not handle ${what}: ${messageOf(error)}`);
      return undefined;
    }
  }

  /** A custom request's failure goes back to the caller as an error response, and into the log. */
  private async requestGuard<T>(what: string, handler: () => T | Promise<T>): Promise<T> {
    try {
      return await handler();
    } catch (error) {
      this.connection.console.error(`Async Guard could not handle ${what}: ${stackOf(error)}`);
      if (error instanceof ResponseError) throw error;
      this.status.failed(`Could not handle ${what}: ${messageOf(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, messageOf(error));
    }
  }
}

function fileNameOf(uri: string): string {
  return fileURLToPath(uri).replaceAll('\\', '/');
}

function uriOf(fileName: string): string {
  return pathToFileURL(fileName).href;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readIfExists(fileName: string): string | undefined {
  try {
    return fs.readFileSync(fileName, 'utf8');
  } catch {
    return undefined;
  }
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
