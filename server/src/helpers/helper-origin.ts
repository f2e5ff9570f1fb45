import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { HelperSettings } from '../settings.js';
import { topStatements } from './module-statements.js';
import type { VendoredFormat } from './vendored-text.js';

/** The package the helpers come from, as the rules' fixes import them. */
export const HELPER_PACKAGE = 'async-guard';

/** The file name of a vendored helper file, without its extension. */
const VENDORED_BASE_NAME = 'async-helpers';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** What the helper service needs to know about the TypeScript project of a document. */
export interface ProjectFacts {
  options: ts.CompilerOptions;
  /** The project's own files (its tsconfig's roots), absolute. */
  rootNames: readonly string[];
  /** The folder of its tsconfig; undefined for files outside every tsconfig. */
  configDir: string | undefined;
}

/** Where a document takes its helpers from. */
export type HelperOrigin =
  | { kind: 'package' }
  | {
      kind: 'vendor';
      /** Absolute path of the vendored helper file. */
      fileName: string;
      /** How the document imports it, e.g. `./async-helpers.js`. */
      specifier: string;
      format: VendoredFormat;
    };

export interface OriginInput {
  fileName: string;
  /** The document's current text: a JavaScript file's module syntax decides the vendored file's. */
  text: string;
  settings: HelperSettings;
  /** Workspace folders, absolute. */
  roots: readonly string[];
  project: ProjectFacts;
  /** The text of a file as the editor has it, or on disk; undefined when there is no such file. */
  textOf(fileName: string): string | undefined;
}

/**
 * Decides where a document's helpers come from: the package when the settings say so, or (in
 * `auto`) when a package.json between the document and its workspace folder depends on it;
 * otherwise one vendored file per project, found or placed beside the project's sources.
 */
export function helperOrigin(input: OriginInput): HelperOrigin {
  const { mode } = input.settings;
  if (mode === 'package' || (mode === 'auto' && dependsOnPackage(input.fileName, input.roots))) return { kind: 'package' };
  const fileName = vendoredFileName(input);
  const format = vendoredFormat(fileName, input);
  return { kind: 'vendor', fileName, specifier: specifierOf(input.fileName, fileName, format, input.project.options), format };
}

/** Whether a package.json from the document's folder up to its workspace folder lists the package. */
export function dependsOnPackage(fileName: string, roots: readonly string[]): boolean {
  const root = roots.filter((candidate) => isInside(fileName, candidate)).sort((a, b) => b.length - a.length)[0];
  for (let directory = path.dirname(fileName); ; directory = path.dirname(directory)) {
    if (listsPackage(path.join(directory, 'package.json'))) return true;
    if (directory === root || path.dirname(directory) === directory) return false;
  }
}

function listsPackage(packageJson: string): boolean {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as Record<string, unknown>;
  } catch {
    return false; // missing or unreadable: says nothing
  }
  return DEPENDENCY_FIELDS.some((field) => {
    const dependencies = manifest[field];
    return typeof dependencies === 'object' && dependencies !== null && Object.hasOwn(dependencies, HELPER_PACKAGE);
  });
}

/** The configured path, or an existing helper file of the document's language, or a new one. */
function vendoredFileName(input: OriginInput): string {
  const configured = input.settings.path;
  if (configured) {
    const root = input.roots.filter((candidate) => isInside(input.fileName, candidate)).sort((a, b) => b.length - a.length)[0];
    return toPosix(path.resolve(root ?? input.roots[0] ?? path.dirname(input.fileName), configured));
  }
  const directory = sourceDirectory(input.fileName, input.project);
  const typescript = isTypeScript(input.fileName);
  const family = typescript ? ['.ts', '.mts', '.cts'] : ['.js', '.mjs', '.cjs'];
  for (const extension of family) {
    const candidate = toPosix(path.join(directory, `${VENDORED_BASE_NAME}${extension}`));
    if (input.textOf(candidate) !== undefined) return candidate;
  }
  const own = path.extname(input.fileName);
  const extension = typescript ? (own === '.mts' || own === '.cts' ? own : '.ts') : own === '.mjs' || own === '.cjs' ? own : '.js';
  return toPosix(path.join(directory, `${VENDORED_BASE_NAME}${extension}`));
}

/**
 * The folder that holds the project's sources: its `rootDir`, else the deepest folder holding
 * the document and every source of its tsconfig; the document's own folder for loose files.
 */
function sourceDirectory(fileName: string, project: ProjectFacts): string {
  const own = path.dirname(fileName);
  if (project.configDir === undefined) return own;
  const rootDir = project.options.rootDir;
  if (rootDir !== undefined && isInside(fileName, rootDir)) return toPosix(rootDir);
  const sources = project.rootNames.filter(
    (name) => !/\.d\.[mc]?ts$/.test(name) && !name.includes('/node_modules/') && isInside(name, project.configDir!),
  );
  let common = own;
  for (const source of sources) while (!isInside(source, common)) common = path.dirname(common);
  return isInside(common, project.configDir) ? toPosix(common) : own;
}

function vendoredFormat(vendored: string, input: OriginInput): VendoredFormat {
  if (isTypeScript(vendored)) return { language: 'ts', module: 'esm' };
  const extension = path.extname(vendored);
  if (extension === '.mjs') return { language: 'js', module: 'esm' };
  if (extension === '.cjs') return { language: 'js', module: 'cjs' };
  const existing = input.textOf(vendored);
  const syntax = (existing?.trim() ? moduleSyntax(existing, vendored) : undefined) ?? moduleSyntax(input.text, input.fileName);
  return { language: 'js', module: syntax ?? 'esm' };
}

/**
 * The module system a text uses. The fixes write an `import` unless the file has top-level
 * `require`s and no imports, so a file is CommonJS exactly then (or when it assigns `exports`).
 */
function moduleSyntax(text: string, fileName: string): 'esm' | 'cjs' | undefined {
  const statements = topStatements(text, fileName);
  if (statements.some((statement) => statement.importFrom?.syntax === 'import' || /^\s*export\b/.test(statement.key))) return 'esm';
  if (statements.some((statement) => statement.importFrom?.syntax === 'require' || statement.exports.length > 0)) return 'cjs';
  return undefined;
}

/**
 * The relative specifier that reaches the vendored file from the document. JavaScript keeps the
 * real extension (Node needs it for ES modules); TypeScript writes `.js` where the project
 * resolves modules the Node 16+ way, the `.ts` extension where the project allows it, and none
 * for bundler, classic and node10 resolution.
 */
function specifierOf(fromFile: string, vendored: string, format: VendoredFormat, options: ts.CompilerOptions): string {
  let relative = toPosix(path.relative(path.dirname(fromFile), vendored));
  if (!relative.startsWith('.')) relative = `./${relative}`;
  if (format.language === 'js') return relative;
  if (options.allowImportingTsExtensions || options.rewriteRelativeImportExtensions) return relative;
  const withoutExtension = relative.replace(/\.[mc]?ts$/, '');
  if (!usesNodeResolution(options)) return withoutExtension;
  const extension = path.extname(vendored);
  return `${withoutExtension}${extension === '.mts' ? '.mjs' : extension === '.cts' ? '.cjs' : '.js'}`;
}

/** Node16 and NodeNext resolution, which need the output file's extension in relative imports. */
function usesNodeResolution(options: ts.CompilerOptions): boolean {
  const resolution = options.moduleResolution;
  if (resolution !== undefined) return resolution === ts.ModuleResolutionKind.Node16 || resolution === ts.ModuleResolutionKind.NodeNext;
  const module = options.module;
  return module !== undefined && module >= ts.ModuleKind.Node16 && module <= ts.ModuleKind.NodeNext;
}

function isTypeScript(fileName: string): boolean {
  return /\.[mc]?tsx?$/.test(fileName);
}

function isInside(fileName: string, directory: string): boolean {
  const relative = path.relative(directory, fileName);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function toPosix(fileName: string): string {
  return fileName.replaceAll('\\', '/');
}
