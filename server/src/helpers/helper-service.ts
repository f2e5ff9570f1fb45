import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { HelperInfo } from '../protocol.js';
import type { HelperSettings } from '../settings.js';
import type { Fix } from '../text-fixes.js';
import { HelperCatalogue } from './helper-catalogue.js';
import { helperImportEdit } from './helper-import-edit.js';
import { HELPER_PACKAGE, helperOrigin, type HelperOrigin, type ProjectFacts } from './helper-origin.js';
import { rewriteHelperImports } from './import-rewrite.js';
import { Refactors, type Refactor } from './refactors.js';
import { vendoredAddition } from './vendored-text.js';

export interface HelperHost {
  settings(): HelperSettings;
  /** Workspace folders, absolute. */
  roots(): readonly string[];
  project(fileName: string): ProjectFacts;
  /** A file's text as the editor has it, or on disk; undefined when there is no such file. */
  textOf(fileName: string): string | undefined;
  /** The editor's version of an open file. */
  documentVersion(fileName: string): number | undefined;
  /** Tells the user something once (the same words are not repeated). */
  warn(message: string): void;
}

/** What the client can take in a workspace edit. */
export interface EditCapabilities {
  /** Versioned `documentChanges` (needed for resource operations). */
  documentChanges: boolean;
  /** `CreateFile` operations (`workspace.workspaceEdit.resourceOperations` lists `create`). */
  createFiles: boolean;
}

/** One version of a document. */
export interface DocumentText {
  uri: string;
  version: number;
  text: string;
}

/**
 * Makes helpers available where fixes and commands use them: the rules' edits import from the
 * `async-guard` package; where the document takes its helpers from a vendored file, this service
 * points those imports at the file and adds the edits that create the file or append what it
 * lacks, with the runtime's own source.
 */
export class HelperService {
  readonly catalogue = new HelperCatalogue();
  private readonly refactors = new Refactors();

  constructor(private readonly host: HelperHost) {}

  listHelpers(): HelperInfo[] {
    return this.catalogue.list();
  }

  /** The refactors offered at a range (offsets) of the document; their edits import from the package. */
  refactorsAt(document: DocumentText, range: [number, number]): Refactor[] {
    return this.refactors.at(document, fileNameOf(document.uri), range);
  }

  /**
   * The edit that applies `fixes` with their helpers vendored; undefined when the fixes add no
   * helper import or the document takes helpers from the package (the fixes stand as they are).
   */
  workspaceEdit(document: DocumentText, fixes: readonly Fix[], capabilities: EditCapabilities): WorkspaceEdit | undefined {
    if (!fixes.some((fix) => fix.text.includes(HELPER_PACKAGE))) return undefined;
    return this.vendored(document, fixes, capabilities)?.edit;
  }

  /**
   * The edit that makes `helper` importable in the document, and where it comes from. Undefined
   * `edit`: the document imports it already.
   */
  insertHelper(document: DocumentText, helper: string, capabilities: EditCapabilities): { edit: WorkspaceEdit | undefined; from: string } {
    const module = this.catalogue.moduleOf(helper);
    if (!module) throw new Error(`async-guard has no helper named '${helper}' (it has ${this.catalogue.list().map((info) => info.name).join(', ')})`);
    const fileName = fileNameOf(document.uri);
    const added = helperImportEdit(document.text, fileName, module, helper);
    if (!added) throw new Error(`'${helper}' cannot be imported into ${path.basename(fileName)}: the file does not parse, or the names '${helper}' and '${helper}Async' are both taken`);
    const fixes = added.fix ? [added.fix] : [];
    const vendored = this.vendored(document, fixes, capabilities);
    if (vendored) return { edit: vendored.changes ? vendored.edit : undefined, from: vendored.specifier };
    return { edit: added.fix ? plainEdit(document, fixes, capabilities) : undefined, from: module };
  }

  /** The edit with helpers vendored; `changes` is false when it leaves every file as it is. */
  private vendored(
    document: DocumentText,
    fixes: readonly Fix[],
    capabilities: EditCapabilities,
  ): { edit: WorkspaceEdit; specifier: string; changes: boolean } | undefined {
    const fileName = fileNameOf(document.uri);
    const origin = this.originOf(fileName, document.text);
    if (origin.kind === 'package') return undefined;
    const rewritten = rewriteHelperImports(document.text, fileName, fixes, this.catalogue.modules(), origin.specifier);
    if (!rewritten) return undefined;
    const fallback = (reason: string): undefined => {
      this.host.warn(`Async Guard: ${reason} The fix imports ${rewritten.helpers.join(', ')} from the ${HELPER_PACKAGE} package instead.`);
      return undefined;
    };

    const shown = this.shownPath(origin.fileName);
    const existing = this.host.textOf(origin.fileName);
    const sources = this.catalogue.sourcesFor(rewritten.helpers, origin.format.language);
    if (!sources) return fallback(`${rewritten.helpers.join(', ')} cannot be vendored: not every name is a helper of ${HELPER_PACKAGE}.`);
    const header = vendoredHeader(this.catalogue.version);
    const addition = vendoredAddition(existing, sources, origin.format, header);
    if (addition.kind === 'conflict') return fallback(`the helpers could not be added to ${shown}: ${addition.reason}.`);
    if (existing === undefined && !capabilities.createFiles) {
      return fallback(`this editor cannot create files through edits, so ${shown} was not written. Create it (empty) and apply the fix again, or install ${HELPER_PACKAGE}.`);
    }

    const vendoredUri = uriOf(origin.fileName);
    const vendoredEdits: TextEdit[] =
      addition.kind === 'append' ? [{ range: rangeAtEnd(existing ?? ''), newText: addition.text }] : [];
    const documentEdits = textEdits(document, [rewritten.fix]);
    const changes = vendoredEdits.length > 0 || rewritten.fix.text !== '' || rewritten.fix.range[0] !== rewritten.fix.range[1];
    if (capabilities.documentChanges) {
      const operations: NonNullable<WorkspaceEdit['documentChanges']> = [];
      if (existing === undefined) operations.push({ kind: 'create', uri: vendoredUri });
      if (vendoredEdits.length > 0) {
        const version = existing === undefined ? null : (this.host.documentVersion(origin.fileName) ?? null);
        operations.push({ textDocument: { uri: vendoredUri, version }, edits: vendoredEdits } satisfies TextDocumentEdit);
      }
      operations.push({ textDocument: { uri: document.uri, version: document.version }, edits: documentEdits });
      return { edit: { documentChanges: operations }, specifier: origin.specifier, changes };
    }
    const edits: Record<string, TextEdit[]> = { [document.uri]: documentEdits };
    if (vendoredEdits.length > 0) edits[vendoredUri] = vendoredEdits;
    return { edit: { changes: edits }, specifier: origin.specifier, changes };
  }

  private originOf(fileName: string, text: string): HelperOrigin {
    return helperOrigin({
      fileName,
      text,
      settings: this.host.settings(),
      roots: this.host.roots(),
      project: this.host.project(fileName),
      textOf: (other) => this.host.textOf(other),
    });
  }

  /** A path as the user knows it: relative to its workspace folder. */
  private shownPath(fileName: string): string {
    const root = this.host.roots().find((candidate) => !path.relative(candidate, fileName).startsWith('..'));
    return root ? path.relative(root, fileName).replaceAll('\\', '/') : fileName;
  }
}

function vendoredHeader(version: string): string {
  return [
    `// Helpers from ${HELPER_PACKAGE} ${version} (MIT), copied here by Async Guard's quick fixes.`,
    "// Fixes append the helpers they need; each is the package's own source.",
    '',
  ].join('\n');
}

function plainEdit(document: DocumentText, fixes: readonly Fix[], capabilities: EditCapabilities): WorkspaceEdit {
  const edits = textEdits(document, fixes);
  if (capabilities.documentChanges) return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
  return { changes: { [document.uri]: edits } };
}

function textEdits(document: DocumentText, fixes: readonly Fix[]): TextEdit[] {
  const text = TextDocument.create(document.uri, 'typescript', document.version, document.text);
  return fixes.map((fix) => ({ range: { start: text.positionAt(fix.range[0]), end: text.positionAt(fix.range[1]) }, newText: fix.text }));
}

function rangeAtEnd(text: string) {
  const end = TextDocument.create('file:///end', 'plaintext', 0, text).positionAt(text.length);
  return { start: end, end };
}

function fileNameOf(uri: string): string {
  return fileURLToPath(uri).replaceAll('\\', '/');
}

function uriOf(fileName: string): string {
  return pathToFileURL(fileName).href;
}
