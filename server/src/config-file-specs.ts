import * as path from 'node:path';
import picomatch from 'picomatch';
import type ts from 'typescript';

/** The parts of TypeScript's own (internal) record of a config's file specs that are read here. */
interface FileSpecs {
  validatedFilesSpec?: readonly string[];
  validatedIncludeSpecs?: readonly string[];
  validatedExcludeSpecs?: readonly string[];
}

const TS_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];
const JS_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs'];

/**
 * Whether a tsconfig would include a file by its `files`, `include` and `exclude` patterns. The
 * compiler lists only files that exist on disk; a document the editor has open but not yet
 * saved (a new file) belongs to the project all the same, as it will once saved.
 */
export function configIncludes(configPath: string, parsed: ts.ParsedCommandLine): (fileName: string) => boolean {
  const dir = path.dirname(configPath);
  const raw = parsed.raw as { files?: string[]; include?: string[]; exclude?: string[] } | undefined;
  const specs = (parsed as ts.ParsedCommandLine & { configFileSpecs?: FileSpecs }).configFileSpecs ?? {
    validatedFilesSpec: raw?.files,
    validatedIncludeSpecs: raw?.include ?? (raw?.files ? [] : ['**/*']),
    validatedExcludeSpecs: raw?.exclude,
  };
  const files = new Set((specs.validatedFilesSpec ?? []).map((file) => normalize(path.resolve(dir, file))));
  const include = matcher(dir, specs.validatedIncludeSpecs ?? []);
  const exclude = matcher(dir, specs.validatedExcludeSpecs ?? ['node_modules', 'bower_components', 'jspm_packages']);
  const extensions = parsed.options.allowJs ? [...TS_EXTENSIONS, ...JS_EXTENSIONS] : TS_EXTENSIONS;
  return (fileName) => {
    if (files.has(fileName)) return true;
    if (!extensions.some((extension) => fileName.endsWith(extension))) return false;
    return include(fileName) && !exclude(fileName);
  };
}

/** A pattern without wildcards that names a folder stands for everything below it. */
function matcher(dir: string, patterns: readonly string[]): (fileName: string) => boolean {
  const globs = patterns.map((pattern) => {
    const absolute = normalize(path.resolve(dir, pattern));
    const last = absolute.slice(absolute.lastIndexOf('/') + 1);
    return /[*?]/.test(last) || last.includes('.') ? absolute : `${absolute}/**/*`;
  });
  if (globs.length === 0) return () => false;
  return picomatch(globs, { dot: false });
}

function normalize(fileName: string): string {
  return fileName.replaceAll('\\', '/');
}
