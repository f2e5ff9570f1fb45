import * as path from 'node:path';
import ts from 'typescript';
import { configIncludes } from './config-file-specs.js';
import { Project } from './project.js';
import type { SourceTexts } from './source-texts.js';

/** Options for files outside every tsconfig: permissive, JavaScript included, strict types. */
export const INFERRED_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  jsx: ts.JsxEmit.Preserve,
  allowNonTsExtensions: true,
  // Every installed @types package, as before TypeScript 6 (whose default is none): a loose file
  // that imports `node:fs` needs Node's types for its calls to be followed.
  types: ['*'],
};

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

interface LoadedConfig {
  project?: Project;
  /** Whether the config's patterns take a file, also one not on disk yet. */
  includes?: (fileName: string) => boolean;
  /** Configs this one references (solution-style or composite builds). */
  references: string[];
}

export interface ProjectEvents {
  /** A tsconfig could not be used; its files go to the inferred project. */
  warn(message: string): void;
  /** A project is about to be created (the client may show progress). */
  loading?(name: string): void;
}

/**
 * Finds the project of each file: the nearest tsconfig (or jsconfig) that contains it, following
 * project references; files outside every config go to one inferred project. Config files are
 * read as JSON only; nothing from the workspace is executed.
 */
export class ProjectSet {
  private readonly configs = new Map<string, LoadedConfig>();
  private readonly fileProjects = new Map<string, Project>();
  private inferred: Project | undefined;
  private readonly registry = ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames);

  constructor(
    private readonly texts: SourceTexts,
    private readonly events: ProjectEvents,
  ) {}

  projectFor(fileName: string): Project {
    const known = this.fileProjects.get(fileName);
    if (known) return known;
    const project = this.findConfigProject(fileName) ?? this.inferredFor(fileName);
    this.fileProjects.set(fileName, project);
    return project;
  }

  projects(): Project[] {
    const all = [...this.configs.values()].flatMap((config) => (config.project ? [config.project] : []));
    return this.inferred ? [...all, this.inferred] : all;
  }

  /** Any text changed: every project re-checks versions on its next program update. */
  textsChanged(): void {
    for (const project of this.projects()) project.changed();
  }

  /** A file was created or deleted on disk, or a tsconfig changed: configs are read again. */
  filesChanged(changedConfig?: string): void {
    for (const [configPath, config] of this.configs) {
      if (changedConfig !== undefined && configPath === changedConfig) {
        config.project?.dispose();
        this.configs.delete(configPath);
        continue;
      }
      if (config.project) this.refreshRoots(configPath, config.project);
      // A config without sources (or a broken one) is read again when next needed.
      else this.configs.delete(configPath);
    }
    // Which project a file belongs to may have changed; it is cheap to ask again.
    for (const [fileName, project] of this.fileProjects) project.removeRoot(fileName);
    this.fileProjects.clear();
  }

  /** The editor closed a file: if it was a root only because it was open, it stops being one. */
  release(fileName: string): void {
    const project = this.fileProjects.get(fileName);
    if (!project) return;
    project.removeRoot(fileName);
    this.fileProjects.delete(fileName);
  }

  dispose(): void {
    for (const project of this.projects()) project.dispose();
  }

  private inferredFor(fileName: string): Project {
    this.inferred ??= new Project(undefined, INFERRED_OPTIONS, [], this.texts, this.registry);
    this.inferred.addRoot(fileName);
    return this.inferred;
  }

  private findConfigProject(fileName: string): Project | undefined {
    let dir = path.dirname(fileName);
    for (;;) {
      for (const name of CONFIG_NAMES) {
        const configPath = path.join(dir, name).replaceAll('\\', '/');
        if (!ts.sys.fileExists(configPath)) continue;
        const project = this.containing(configPath, fileName, new Set());
        if (project) return project;
      }
      const parent = path.dirname(dir);
      if (parent === dir || path.basename(dir) === 'node_modules') return undefined;
      dir = parent;
    }
  }

  /** The project of `configPath` or of a config it references that lists the file. */
  private containing(configPath: string, fileName: string, seen: Set<string>): Project | undefined {
    if (seen.has(configPath)) return undefined;
    seen.add(configPath);
    const config = this.load(configPath);
    if (config.project?.contains(fileName)) return config.project;
    if (config.project && config.includes?.(fileName)) {
      config.project.addRoot(fileName);
      return config.project;
    }
    for (const reference of config.references) {
      const project = this.containing(reference, fileName, seen);
      if (project) return project;
    }
    return undefined;
  }

  private load(configPath: string): LoadedConfig {
    const known = this.configs.get(configPath);
    if (known) return known;
    const parsed = this.parse(configPath);
    let config: LoadedConfig = { references: [] };
    if (parsed) {
      const references = (parsed.projectReferences ?? []).map((reference) =>
        ts.resolveProjectReferencePath(reference).replaceAll('\\', '/'),
      );
      // A solution-style config lists no files of its own; only its references hold projects.
      const project =
        parsed.fileNames.length > 0 ? this.createProject(configPath, parsed.options, parsed.fileNames) : undefined;
      config = { project, references, includes: configIncludes(configPath, parsed) };
    }
    this.configs.set(configPath, config);
    return config;
  }

  private createProject(configPath: string, options: ts.CompilerOptions, fileNames: string[]): Project {
    this.events.loading?.(configPath);
    return new Project(configPath, { ...options, noEmit: true }, fileNames, this.texts, this.registry);
  }

  private refreshRoots(configPath: string, project: Project): void {
    const parsed = this.parse(configPath);
    if (parsed) project.reconfigure({ ...parsed.options, noEmit: true }, parsed.fileNames);
  }

  /** Reads a tsconfig with its `extends` chain; undefined (and a warning) when it is broken. */
  private parse(configPath: string): ts.ParsedCommandLine | undefined {
    let fatal: ts.Diagnostic | undefined;
    const host: ts.ParseConfigFileHost = {
      useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
      readDirectory: ts.sys.readDirectory,
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      getCurrentDirectory: () => path.dirname(configPath),
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        fatal = diagnostic;
      },
    };
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, host);
    // An empty `files` list or "no inputs were found" only means the config has no files (yet).
    const errors = [...(fatal ? [fatal] : []), ...(parsed?.errors ?? [])].filter((error) => error.code !== 18002 && error.code !== 18003);
    if (!parsed || errors.length > 0) {
      const reason = errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, ' ')).join('; ');
      this.events.warn(`${configPath} could not be used (${reason || 'unreadable'}); its files are checked with default options.`);
      return undefined;
    }
    return parsed;
  }
}
