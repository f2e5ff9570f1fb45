// One language server process under measurement: spawn, initialize, open, change, pull, RSS.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

export class BenchServer {
  constructor({ name, command, args, cwd, settings, pull, env }) {
    this.name = name;
    this.child = spawn(command, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.child.stderr.on('data', () => {});
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.settings = settings;
    this.pull = pull;
    this.waiters = [];
    this.peakRss = 0;
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      for (const waiter of [...this.waiters]) waiter(params);
    });
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.onNotification('window/showMessage', () => {});
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onNotification('eslint/status', () => {});
    this.connection.onRequest('eslint/noConfig', () => ({}));
    this.connection.onRequest('eslint/noLibrary', () => ({}));
    this.connection.onRequest('eslint/probeFailed', () => ({}));
    this.connection.onRequest('eslint/openDoc', () => ({}));
    this.connection.onRequest('eslint/confirmESLintExecution', () => 4); // approved
    this.connection.listen();
    this.rssTimer = setInterval(() => this.sampleRss(), 100);
  }

  async initialize(rootDir) {
    const uri = pathToFileURL(rootDir).href;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'corpus' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          ...(this.pull ? { diagnostic: {} } : {}),
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves with the first published diagnostics for the uri (and version, when given). */
  nextPublish(uri, version) {
    return new Promise((resolve) => {
      const waiter = (params) => {
        if (params.uri !== uri || (version !== undefined && params.version !== undefined && params.version !== version)) return;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve(params);
      };
      this.waiters.push(waiter);
    });
  }

  open(uri, text) {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  }

  change(uri, version, step) {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: step.range, text: step.text }] });
  }

  diagnostics(uri) {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }

  sampleRss() {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      this.peakRss = Math.max(this.peakRss, peak);
    } catch {
      // the process is gone
    }
  }

  async stop() {
    this.sampleRss();
    clearInterval(this.rssTimer);
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 3000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // gone already
    }
    setTimeout(() => this.child.kill(), 1000).unref();
  }
}
