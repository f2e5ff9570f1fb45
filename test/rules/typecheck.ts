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
 * snippet: an empty string when it compiles. All snippets share one program, so each is made a
 * module (`export {}` appended when it has no import or export) to keep their names apart.
 */
export function typeErrors(snippets: readonly Snippet[], overrides: ts.CompilerOptions = {}): string[] {
  const options = { ...fixtureOptions(), ...overrides, noEmit: true };
  const files = new Map<string, string>();
  const names = snippets.map((snippet, index) => {
    const fileName = path.join(typedFixtureDir, `__snippet_${index}${path.extname(snippet.filename ?? 'x.ts')}`);
    const isModule = /^\s*(import|export)\s/m.test(snippet.code);
    files.set(fileName, isModule ? snippet.code : `${snippet.code}\nexport {};\n`);
    return fileName;
  });
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const text = files.get(name);
    return text !== undefined
      ? ts.createSourceFile(name, text, languageVersion, true)
      : getSourceFile(name, languageVersion, onError, shouldCreate);
  };
  const program = ts.createProgram({ rootNames: names, options, host });
  return names.map((fileName) => {
    const file = program.getSourceFile(fileName)!;
    return ts
      .getPreEmitDiagnostics(program, file)
      .map((diagnostic) => {
        const { line } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        return `line ${line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      })
      .join('\n');
  });
}
