import { analyze } from '@typescript-eslint/scope-manager';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Linter } from 'eslint';
import { IncrementalEstree } from './incremental-estree.js';

/**
 * The parser of the syntactic lint: typescript-estree's AST, built incrementally, with scope
 * analysis and parser services that say "no types" (rules then answer from syntax alone).
 */
export class SyntacticParse {
  private readonly estree = new IncrementalEstree();

  parser(lib: readonly string[]): Linter.Parser {
    return {
      meta: { name: 'async-guard-syntactic-parse' },
      parseForESLint: (code: string, options?: Linter.ParserOptions) => {
        const ast = this.estree.parse((options?.filePath as string | undefined) ?? 'file.ts', code);
        const sourceType = options?.sourceType === 'script' ? 'script' : 'module';
        ast.sourceType = sourceType;
        const scopeManager = analyze(ast, { sourceType, lib: [...lib] as never });
        const services = {
          program: null,
          esTreeNodeToTSNodeMap: new WeakMap(),
          tsNodeToESTreeNodeMap: new WeakMap(),
          emitDecoratorMetadata: false,
          experimentalDecorators: false,
          isolatedDeclarations: false,
        };
        return { ast, scopeManager, services, visitorKeys } as never;
      },
    };
  }

  forget(fileName: string): void {
    this.estree.forget(fileName);
  }
}
