import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type { HelperInfo } from '../protocol.js';

/**
 * The runtime package beside the server: `dist/server.js` finds `runtime/` one level up, in the
 * .vsix (which ships runtime/src and runtime/helpers.json) and in the repository alike. Reading
 * the runtime's own files keeps one source of truth for what a vendored helper contains.
 */
const RUNTIME_DIR = path.join(__dirname, '..', 'runtime');

/** Helper code in the language of the file it goes into: TypeScript, or JavaScript (ES module syntax). */
export type HelperLanguage = 'ts' | 'js';

/** One runtime source file, as written into a vendored helper file. */
export interface RuntimeSource {
  /** Path inside the runtime package, e.g. `src/map-limit.ts`. */
  file: string;
  text: string;
}

interface HelperEntry {
  /** The package entry that exports it: `async-guard` or `async-guard/node`. */
  entry: string;
  /** The files a copy needs, dependencies first. */
  files: string[];
}

interface Loaded {
  version: string;
  helpers: Map<string, HelperEntry>;
  descriptions: Map<string, string>;
}

/** What the runtime offers: its helpers, their descriptions and their source files. */
export class HelperCatalogue {
  private loaded: Loaded | undefined;
  private readonly sources = new Map<string, string>();

  constructor(private readonly dir = RUNTIME_DIR) {}

  /** The runtime package's version, named in a vendored file's header. */
  get version(): string {
    return this.load().version;
  }

  list(): HelperInfo[] {
    const { helpers, descriptions } = this.load();
    return [...helpers.keys()].map((name) => ({ name, description: descriptions.get(name) ?? '' }));
  }

  has(name: string): boolean {
    return this.load().helpers.has(name);
  }

  /** The module to import the helper from when the package is installed. */
  moduleOf(name: string): string | undefined {
    return this.load().helpers.get(name)?.entry;
  }

  /** The package's modules (`async-guard`, `async-guard/node`). */
  modules(): Set<string> {
    return new Set([...this.load().helpers.values()].map((helper) => helper.entry));
  }

  /** The source files the helpers need, each once, dependencies first; undefined for an unknown name. */
  sourcesFor(names: readonly string[], language: HelperLanguage): RuntimeSource[] | undefined {
    const files: string[] = [];
    for (const name of names) {
      const helper = this.load().helpers.get(name);
      if (!helper) return undefined;
      for (const file of helper.files) if (!files.includes(file)) files.push(file);
    }
    return files.map((file) => ({ file, text: this.source(file, language) }));
  }

  private source(file: string, language: HelperLanguage): string {
    const key = `${language}:${file}`;
    let text = this.sources.get(key);
    if (text === undefined) {
      const typescript = fs.readFileSync(path.join(this.dir, file), 'utf8');
      // Types go, comments and ES module syntax stay; a CommonJS file is made from the whole result.
      text = language === 'ts' ? typescript : ts.transpileModule(typescript, { compilerOptions: JS_OUTPUT, fileName: file }).outputText;
      this.sources.set(key, text);
    }
    return text;
  }

  private describe(name: string, helper: HelperEntry): string {
    const declaring = helper.files.at(-1);
    return declaring ? docCommentOf(this.source(declaring, 'ts'), name) : '';
  }

  private load(): Loaded {
    if (this.loaded) return this.loaded;
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(this.dir, 'helpers.json'), 'utf8')) as { helpers: Record<string, HelperEntry> };
      const { version } = JSON.parse(fs.readFileSync(path.join(this.dir, 'package.json'), 'utf8')) as { version: string };
      const helpers = new Map(Object.entries(manifest.helpers));
      const descriptions = new Map([...helpers].map(([name, helper]) => [name, this.describe(name, helper)]));
      this.loaded = { version, helpers, descriptions };
    } catch (error) {
      throw new Error(`The async-guard helper sources could not be read from ${this.dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return this.loaded;
  }
}

/** Modern output that keeps what a reader of the helper needs: comments, classes, private fields. */
const JS_OUTPUT: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  removeComments: false,
};

/**
 * The first paragraph of the doc comment on the export `name` in `text`, in plain words. The
 * sources are what the .vsix ships (the README is not), so descriptions come from them.
 */
function docCommentOf(text: string, name: string): string {
  const file = ts.createSourceFile('helper.ts', text, ts.ScriptTarget.Latest, false);
  const statement = file.statements.find(
    (candidate) =>
      (ts.isFunctionDeclaration(candidate) || ts.isClassDeclaration(candidate)) &&
      candidate.name?.text === name &&
      ts.getModifiers(candidate)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword),
  );
  const comment = statement && ts.getLeadingCommentRanges(text, statement.pos)?.filter((range) => text.startsWith('/**', range.pos)).at(-1);
  if (!comment) return '';
  const body = text
    .slice(comment.pos + 3, comment.end - 2)
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
  return (body.split(/\n\s*\n/)[0] ?? '').replace(/`/g, '').replace(/\s+/g, ' ').trim();
}
