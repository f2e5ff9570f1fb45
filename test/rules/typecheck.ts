import * as path from 'node:path';
import * as ts from 'typescript';
import { typedFixtureDir } from './rule-tester.js';

export interface Snippet {
  code: string;
  /** File name inside the typed fixture folder; `.ts` by default. */
  filename?: string;
}

let parsedOptions: ts.CompilerOptions | undefined;

function fixtureOptions(): ts.CompilerOptions {
  if (!parsedOptions) {
    const configPath = path.join(typedFixtureDir, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, ts.sys.readFile);
    parsedOptions = ts.parseJsonConfigFileContent(config.config, ts.sys, typedFixtureDir).options;
  }
  return parsedOptions;
}

/**
 * Type-checks each snippet as its own file of the typed fixture project (so `node_modules` types
 * and the fixture's helper modules resolve) and returns the errors as readable text, one entry per
 * snippet: an empty string when it compiles. Snippets are checked one program at a time so that
 * their top-level names never collide.
 */
export function typeErrors(snippets: readonly Snippet[], overrides: ts.CompilerOptions = {}): string[] {
  const options = { ...fixtureOptions(), ...overrides, noEmit: true };
  return snippets.map((snippet, index) => {
    const fileName = path.join(typedFixtureDir, `__snippet_${index}${path.extname(snippet.filename ?? 'x.ts')}`);
    const host = ts.createCompilerHost(options, true);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (name) => (name === fileName ? snippet.code : readFile(name));
    host.fileExists = (name) => name === fileName || fileExists(name);
    host.getSourceFile = (name, languageVersion, onError, shouldCreate) =>
      name === fileName
        ? ts.createSourceFile(name, snippet.code, languageVersion, true)
        : getSourceFile(name, languageVersion, onError, shouldCreate);
    const program = ts.createProgram({ rootNames: [fileName], options, host });
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((diagnostic) => diagnostic.file?.fileName === fileName);
    return diagnostics
      .map((diagnostic) => {
        const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        return `line ${line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      })
      .join('\n');
  });
}
