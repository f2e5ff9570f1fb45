// What the helper tests share: fixture projects in both helper modes, a client that applies
// workspace edits the way an editor that saves at once does (files created and written on disk,
// watchers told), and the TypeScript compiler to type-check and run the fixed projects.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { CodeAction, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { copyFixture, LspSession, type SessionOptions } from './lsp-session.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ProjectOptions {
  /** The fixture folder under test/fixtures/server. */
  fixture?: string;
  /** package.json lists async-guard, and node_modules holds it (the repository's runtime). */
  dependency?: boolean;
  /** Rewrite the tsconfig for Node's own module resolution (imports need `.js`). */
  nodenext?: boolean;
}

/** A fresh copy of a helper fixture project, set up for the package or the vendored helpers. */
export function helperProject(options: ProjectOptions = {}): string {
  const workspace = copyFixture(options.fixture ?? 'helpers-ts');
  if (options.dependency) {
    const manifestPath = path.join(workspace, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    manifest.dependencies = { 'async-guard': '^0.1.0' };
    fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    fs.mkdirSync(path.join(workspace, 'node_modules'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'runtime'), path.join(workspace, 'node_modules/async-guard'), 'dir');
  }
  if (options.nodenext) {
    const configPath = path.join(workspace, 'tsconfig.json');
    const config = JSON.parse(fs.readFileSync(configPath, 'utf8')) as { compilerOptions: Record<string, unknown> };
    config.compilerOptions.module = 'nodenext';
    config.compilerOptions.moduleResolution = 'nodenext';
    fs.writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  }
  return workspace;
}

/** A session whose client applies the server's `workspace/applyEdit` requests like an editor. */
export async function helperSession(workspace: string, options: Omit<SessionOptions, 'workspace'> = {}): Promise<LspSession> {
  const session = await LspSession.start({ workspace, createFiles: true, ...options });
  session.connection.onRequest('workspace/applyEdit', async (params: { edit: WorkspaceEdit }) => {
    await applyWorkspaceEdit(session, params.edit);
    return { applied: true };
  });
  return session;
}

/**
 * Applies a workspace edit as an editor that saves at once would: open documents change through
 * didChange; created and other files are written on disk and reported as a file watcher does.
 */
export async function applyWorkspaceEdit(session: LspSession, edit: WorkspaceEdit): Promise<void> {
  const created = new Set<string>();
  const changed = new Set<string>();
  const steps: { uri: string; edits?: TextEdit[]; create?: true }[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
      steps.push({ uri: change.uri, create: true });
    } else {
      steps.push({ uri: change.textDocument.uri, edits: change.edits as TextEdit[] });
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) steps.push({ uri, edits });

  for (const step of steps) {
    const fileName = fileURLToPath(step.uri);
    if (step.create) {
      if (fs.existsSync(fileName)) throw new Error(`CreateFile of an existing file: ${fileName}`);
      fs.mkdirSync(path.dirname(fileName), { recursive: true });
      fs.writeFileSync(fileName, '');
      created.add(step.uri);
      continue;
    }
    if (isOpen(session, step.uri)) {
      await session.applyEdit({ changes: { [step.uri]: step.edits! } });
      fs.writeFileSync(fileName, session.text(step.uri)); // saved at once: the type-check reads the disk
      continue;
    }
    const before = TextDocument.create(step.uri, 'typescript', 0, fs.readFileSync(fileName, 'utf8'));
    fs.writeFileSync(fileName, TextDocument.applyEdits(before, step.edits!));
    if (!created.has(step.uri)) changed.add(step.uri);
  }
  const changes = [...[...created].map((uri) => ({ uri, type: 1 })), ...[...changed].map((uri) => ({ uri, type: 2 }))];
  if (changes.length > 0) await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
}

function isOpen(session: LspSession, uri: string): boolean {
  try {
    session.version(uri);
    return true;
  } catch {
    return false;
  }
}

export function titled(actions: CodeAction[], pattern: RegExp): CodeAction {
  const action = actions.find((candidate) => pattern.test(candidate.title));
  if (!action) throw new Error(`no action matching ${pattern}; got ${actions.map((candidate) => candidate.title).join(' | ') || 'none'}`);
  return action;
}

/** The code actions for a range given by the first occurrence of `marker` in the document. */
export async function actionsAt(session: LspSession, uri: string, marker: string, only?: string[], diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
  const text = session.text(uri);
  const offset = text.indexOf(marker);
  if (offset < 0) throw new Error(`no ${JSON.stringify(marker)} in ${uri}`);
  const document = TextDocument.create(uri, 'typescript', 0, text);
  const range: Range = { start: document.positionAt(offset), end: document.positionAt(offset + marker.length) };
  const result = await session.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics, ...(only ? { only } : {}) },
  });
  return result ?? [];
}

/** Diagnostics of one rule. */
export function ofRule(diagnostics: Diagnostic[], rule: string): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === `async-guard/${rule}`);
}

/** The errors of type-checking the project with the TypeScript compiler, as `file(line): message`. */
export function typeErrors(workspace: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(workspace, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  })!;
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${path.relative(workspace, diagnostic.file.fileName)}(${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1})`
      : 'project';
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}

/**
 * Compiles the project into `out/` with the TypeScript compiler and runs `script` (an ES module
 * written beside the output, importing it as `./name.js`); returns what it printed.
 */
export function compileAndRun(workspace: string, script: string): string {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(workspace, 'tsconfig.json'), { noEmit: false, outDir: path.join(workspace, 'out'), rootDir: path.join(workspace, 'src') }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  })!;
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const emitted = program.emit();
  if (emitted.emitSkipped) throw new Error('the project did not compile');
  const runner = path.join(workspace, 'out/run.mjs');
  fs.writeFileSync(runner, script);
  return execFileSync(process.execPath, [runner], { cwd: workspace, encoding: 'utf8' });
}

export function readWorkspaceFile(workspace: string, relative: string): string {
  return fs.readFileSync(path.join(workspace, relative), 'utf8');
}

export function uriIn(workspace: string, relative: string): string {
  return pathToFileURL(path.join(workspace, relative)).href;
}
