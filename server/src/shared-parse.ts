import type { Linter } from 'eslint';
import type ts from 'typescript';

type ParseResult = { services?: Record<string, unknown> } & Record<string, unknown>;

interface Cached {
  text: string;
  program: ts.Program | undefined;
  result?: ParseResult;
  error?: unknown;
}

/**
 * Parses a text once for the two lints of a version: the syntactic lint (published at once) and
 * the typed lint that follows. Parsing, converting to ESTree and scope analysis cost as much as
 * the syntactic rules themselves, so doing them twice would delay the typed result for nothing.
 * For the syntactic lint the program is hidden from the rules, which then answer from syntax.
 */
export class SharedParse {
  private cached: Cached | undefined;

  constructor(private readonly realParser: { parseForESLint(text: string, options?: unknown): unknown }) {}

  /** A parser for ESLint's config that returns the shared parse of `text` (with or without types). */
  parser(text: string, program: ts.Program | undefined, withTypes: boolean): Linter.Parser {
    return {
      meta: { name: 'async-guard-shared-parse' },
      parseForESLint: (code: string, options?: Linter.ParserOptions) => {
        const result = this.parse(code, program, options);
        if (withTypes || !result.services) return result as never;
        // Rules look for `services.program` to decide whether they have types.
        return { ...result, services: { ...result.services, program: null, getTypeAtLocation: undefined, getSymbolAtLocation: undefined } } as never;
      },
    };
  }

  /** Lets go of the parse (and the program it came from) once both lints are done. */
  clear(): void {
    this.cached = undefined;
  }

  private parse(text: string, program: ts.Program | undefined, options: Linter.ParserOptions | undefined): ParseResult {
    const cached = this.cached;
    if (cached && cached.text === text && cached.program === program) {
      if (cached.error !== undefined) throw cached.error;
      return cached.result!;
    }
    const entry: Cached = { text, program };
    this.cached = entry;
    try {
      entry.result = this.realParser.parseForESLint(text, options) as ParseResult;
      return entry.result;
    } catch (error) {
      entry.error = error;
      throw error;
    }
  }
}
