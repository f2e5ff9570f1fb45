import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { bindingOrigin } from './binding-origin.js';
import { declaredValue } from './declared-value.js';
import { declaringPackage } from './declaring-package.js';
import { unwrap } from './shared-location.js';

/** Packages whose `Mutex` and `Semaphore` are recognised. */
export const LOCK_PACKAGES: ReadonlySet<string> = new Set(['async-guard', 'async-mutex']);

export type LockKind = { readonly kind: 'mutex' } | { readonly kind: 'semaphore'; readonly permits: number | undefined };

const TYPE_KINDS: Record<string, 'mutex' | 'semaphore'> = {
  Mutex: 'mutex',
  MutexInterface: 'mutex',
  Semaphore: 'semaphore',
  SemaphoreInterface: 'semaphore',
};

/**
 * What kind of lock an expression holds: a `Mutex` or `Semaphore` of async-guard or async-mutex
 * (also behind async-mutex's `withTimeout`). With types they are recognised by type, wherever they
 * come from; without, by the import of the constructor the lock was created with (`new Mutex()`)
 * or by a type annotation naming the imported class. A semaphore's permits are only known when its
 * creation is visible.
 */
export class LockKinds {
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly services: ParserServicesWithTypeInformation | undefined,
  ) {}

  lockKind(expression: TSESTree.Node): LockKind | undefined {
    const declared = declaredValue(this.sourceCode, unwrap(expression));
    const fromInit = declared?.init && this.#initKind(declared.init);
    if (fromInit) return fromInit;
    const typed = this.services && this.#typedKind(expression);
    const kind = typed ?? (declared?.type && this.#annotationKind(declared.type));
    // Without a visible `new Semaphore(n)` the number of permits is unknown.
    return kind && (kind === 'mutex' ? { kind } : { kind, permits: undefined });
  }

  /** A mutex, or a semaphore known to have one permit. */
  isExclusive(expression: TSESTree.Node): boolean {
    const kind = this.lockKind(expression);
    return kind?.kind === 'mutex' || (kind?.kind === 'semaphore' && kind.permits === 1);
  }

  #typedKind(expression: TSESTree.Node): 'mutex' | 'semaphore' | undefined {
    const services = this.services!;
    const checker = services.program.getTypeChecker();
    const type = checker.getNonNullableType(services.getTypeAtLocation(expression));
    const symbol = type.getSymbol() ?? type.aliasSymbol;
    const kind = symbol && Object.hasOwn(TYPE_KINDS, symbol.name) ? TYPE_KINDS[symbol.name] : undefined;
    if (!kind) return undefined;
    const fromLockPackage = symbol!.declarations?.some((declaration) => {
      const owner = declaringPackage(declaration.getSourceFile().fileName);
      return owner !== undefined && LOCK_PACKAGES.has(owner);
    });
    return fromLockPackage ? kind : undefined;
  }

  #annotationKind(type: TSESTree.TypeNode): 'mutex' | 'semaphore' | undefined {
    if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
    const origin = bindingOrigin(this.sourceCode, type.typeName);
    const name = origin?.path.length === 1 ? origin.path[0]! : undefined;
    return origin && LOCK_PACKAGES.has(origin.module) && name !== undefined && Object.hasOwn(TYPE_KINDS, name) ? TYPE_KINDS[name] : undefined;
  }

  /** `new Mutex()`, `new Semaphore(1)`, `withTimeout(new Mutex(), ms)` with the constructor imported from a lock package. */
  #initKind(init: TSESTree.Node): LockKind | undefined {
    const node = unwrap(init);
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const origin = bindingOrigin(this.sourceCode, node.callee);
      if (!origin || !LOCK_PACKAGES.has(origin.module) || origin.path.length !== 1) return undefined;
      if (origin.path[0] === 'Mutex') return { kind: 'mutex' };
      if (origin.path[0] !== 'Semaphore') return undefined;
      const first = node.arguments[0];
      const permits = first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'number' ? first.value : undefined;
      return { kind: 'semaphore', permits };
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.arguments[0]) {
      const origin = bindingOrigin(this.sourceCode, node.callee);
      if (origin?.module === 'async-mutex' && origin.path.length === 1 && origin.path[0] === 'withTimeout') {
        return this.#initKind(node.arguments[0]) ?? this.lockKind(node.arguments[0]);
      }
    }
    return undefined;
  }
}
