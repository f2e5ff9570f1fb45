import * as path from 'node:path';
import ts from 'typescript';
import type { SourceTexts } from './source-texts.js';

/**
 * One TypeScript project: a tsconfig (or the inferred project for loose files) with its own
 * LanguageService. The service asks for texts by version, so an edit re-parses only the edited
 * file, and the program and checker are rebuilt lazily when a lint asks for them.
 */
export class Project {
  readonly service: ts.LanguageService;
  private projectVersion = 0;
  private readonly extraRoots = new Set<string>();

  constructor(
    /** Absolute path of the tsconfig, or undefined for the inferred project. */
    readonly configPath: string | undefined,
    private options: ts.CompilerOptions,
    private rootNames: readonly string[],
    private readonly texts: SourceTexts,
    documentRegistry: ts.DocumentRegistry,
  ) {
    this.service = ts.createLanguageService(this.host(), documentRegistry, ts.LanguageServiceMode.Semantic);
  }

  get name(): string {
    return this.configPath ?? 'inferred project';
  }

  /** True when the file is one of the project's own sources (not only something it imports). */
  contains(fileName: string): boolean {
    return this.extraRoots.has(fileName) || this.rootSet().has(fileName);
  }

  /** Makes a file a root of this project (loose files joining the inferred project). */
  addRoot(fileName: string): void {
    if (this.extraRoots.has(fileName)) return;
    this.extraRoots.add(fileName);
    this.changed();
  }

  removeRoot(fileName: string): void {
    if (this.extraRoots.delete(fileName)) this.changed();
  }

  hasExtraRoots(): boolean {
    return this.extraRoots.size > 0;
  }

  /** New options and sources after the tsconfig, or the set of files, changed. */
  reconfigure(options: ts.CompilerOptions, rootNames: readonly string[]): void {
    this.options = options;
    this.rootNames = rootNames;
    this.roots = undefined;
    this.changed();
  }

  get compilerOptions(): ts.CompilerOptions {
    return this.options;
  }

  /** Something this project may read changed: the next program update must look. */
  changed(): void {
    this.projectVersion++;
  }

  /** The current program, holding exactly the current texts. */
  program(): ts.Program {
    const program = this.service.getProgram();
    if (!program) throw new Error(`TypeScript could not create a program for ${this.name}`);
    return program;
  }

  dispose(): void {
    this.service.dispose();
  }

  private roots: Set<string> | undefined;

  private rootSet(): Set<string> {
    this.roots ??= new Set(this.rootNames);
    return this.roots;
  }

  private host(): ts.LanguageServiceHost {
    const texts = this.texts;
    return {
      getProjectVersion: () => String(this.projectVersion),
      getCompilationSettings: () => this.options,
      getScriptFileNames: () => [...this.rootNames, ...[...this.extraRoots].filter((name) => !this.rootSet().has(name))],
      getScriptVersion: (fileName) => texts.version(fileName),
      getScriptSnapshot: (fileName) => texts.snapshot(fileName),
      getCurrentDirectory: () => (this.configPath ? path.dirname(this.configPath) : ts.sys.getCurrentDirectory()),
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: (fileName) => texts.exists(fileName),
      readFile: (fileName) => texts.text(fileName),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
    };
  }
}
