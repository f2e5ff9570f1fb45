import ts from 'typescript';

const LIBRARY_FILE = /lib\.(.+)\.d\.[cm]?ts$/;

/**
 * The TypeScript libraries whose globals scope analysis should know for a project, as the parser
 * derives them from a program: the `lib` option's entries, else the default library of the target
 * (`lib.d.ts`, the ES5 one, is named `lib`).
 */
export function scopeLibraries(options: ts.CompilerOptions): string[] {
  if (options.lib) return options.lib.flatMap((file) => LIBRARY_FILE.exec(file.toLowerCase())?.[1] ?? []);
  return [LIBRARY_FILE.exec(ts.getDefaultLibFileName(options))?.[1] ?? 'lib'];
}
