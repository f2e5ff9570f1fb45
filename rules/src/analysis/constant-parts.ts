import ts from 'typescript';
import { literalProperty } from './destructured-sources.js';
import type { PromiseOracle } from './promise-oracle.js';
import { binaryValue, skipOuter, soleValueDeclaration } from './promise-syntax.js';
import { eitherShape, NOT_PROMISE, PROMISE, type PromiseShape } from './promise-shape.js';

/** What is asked of a value: whether it is a promise, or whether calling it returns one. */
export type Fact = 'value' | 'calls';

// How deep conditionals and `??` chains are taken apart before the whole is typed.
const MAX_DEPTH = 4;

/**
 * A constant read from its initializer's parts: those that declarations settle as they are, the
 * rest by their own types. `account ? await prepare(…) : parameters` needs only the type of
 * `parameters`, not the heavy generic call the whole initializer's type would resolve; for
 * `const { gas } = prepare ? (x as Parameters) : args`, the property `gas` of `Parameters` and of
 * `args`'s declared type. Narrowing where the constant is read only takes possibilities away, so
 * only "never" and "always" answers are given.
 */
export class ConstantParts {
  private readonly answers = new Map<string, Map<ts.Node, PromiseShape | undefined>>();

  constructor(private readonly oracle: PromiseOracle) {}

  private get checker(): ts.TypeChecker {
    return this.oracle.checker;
  }

  shapeOf(node: ts.Expression, fact: Fact): PromiseShape | undefined {
    if (!ts.isIdentifier(node)) return undefined;
    const symbol = this.oracle.variableOf(node);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || soleValueDeclaration(symbol.declarations) !== declaration || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
    let answers = this.answers.get(fact);
    if (!answers) this.answers.set(fact, (answers = new Map()));
    // Not kept across programs: the parts' types may come from anywhere.
    if (!answers.has(declaration)) answers.set(declaration, this.declarationShape(declaration, fact));
    const shape = answers.get(declaration);
    return shape && (!shape.maybe || shape.always) ? shape : undefined;
  }

  private declarationShape(declaration: ts.Declaration, fact: Fact): PromiseShape | undefined {
    if (ts.isVariableDeclaration(declaration)) {
      return !declaration.type && declaration.initializer ? this.partsShape(declaration.initializer, fact, 0) : undefined;
    }
    if (!ts.isBindingElement(declaration) || declaration.dotDotDotToken || !ts.isObjectBindingPattern(declaration.parent)) return undefined;
    const key = declaration.propertyName ?? declaration.name;
    const holder = declaration.parent.parent;
    if ((!ts.isIdentifier(key) && !ts.isStringLiteral(key)) || !ts.isVariableDeclaration(holder) || !holder.initializer) return undefined;
    const property = holder.type
      ? this.typePropertyShape(this.checker.getTypeFromTypeNode(holder.type), key.text, fact)
      : this.propertyShape(holder.initializer, key.text, fact, 0);
    // A default value stands in for `undefined`.
    return declaration.initializer ? eitherShape([property, this.partsShape(declaration.initializer, fact, 0)]) : property;
  }

  /** The value's shape, taking a conditional or `??`/`||` apart where declarations leave the whole open. */
  private partsShape(expression: ts.Expression, fact: Fact, depth: number): PromiseShape {
    const cheap = fact === 'value' ? this.oracle.cheapValueShape(expression, depth) : this.oracle.cheapCalledShape(expression, depth);
    if (cheap) return cheap;
    const parts = depth < MAX_DEPTH ? alternatives(expression) : undefined;
    if (parts) return eitherShape(parts.map((part) => this.partsShape(part, fact, depth + 1)));
    return this.typeShape(this.checker.getTypeAtLocation(expression), fact);
  }

  /** The shape of property `key` of the value of `expression`. */
  private propertyShape(expression: ts.Expression, key: string, fact: Fact, depth: number): PromiseShape {
    const inner = skipOuter(expression);
    const parts = depth < MAX_DEPTH ? alternatives(inner) : undefined;
    if (parts) return eitherShape(parts.map((part) => this.propertyShape(part, key, fact, depth + 1)));
    if (ts.isObjectLiteralExpression(inner)) {
      const sources = literalProperty(inner, key);
      if (sources) return eitherShape(sources.map((source) => this.partsShape(source, fact, depth + 1)));
    }
    // `x as Parameters`: the asserted type, which needs nothing inferred.
    if ((ts.isAsExpression(inner) || ts.isTypeAssertionExpression(inner)) && !ts.isConstTypeReference(inner.type)) {
      return this.typePropertyShape(this.checker.getTypeFromTypeNode(inner.type), key, fact);
    }
    if (ts.isIdentifier(inner)) {
      const symbol = this.oracle.variableOf(inner);
      const declaration = symbol?.valueDeclaration;
      // A parameter or an annotated variable: its declared type (narrowing only takes members away).
      if (symbol && declaration && (ts.isParameter(declaration) || (ts.isVariableDeclaration(declaration) && declaration.type))) {
        return this.typePropertyShape(this.checker.getTypeOfSymbol(symbol), key, fact);
      }
    }
    return this.typePropertyShape(this.checker.getTypeAtLocation(inner), key, fact);
  }

  private typePropertyShape(type: ts.Type, key: string, fact: Fact): PromiseShape {
    const apparent = this.checker.getApparentType(this.checker.getNonNullableType(type));
    const parts = apparent.isUnion() ? apparent.types : [apparent];
    return eitherShape(
      parts.map((part) => {
        const property = this.checker.getPropertyOfType(this.checker.getApparentType(part), key);
        const held = property ? this.checker.getTypeOfSymbol(property) : part.getStringIndexType();
        // A member without the property gives `undefined`.
        return held ? this.typeShape(held, fact) : NOT_PROMISE;
      }),
    );
  }

  private typeShape(type: ts.Type, fact: Fact): PromiseShape {
    if (fact === 'calls') return this.oracle.types.returnsPromise(type) ? PROMISE : NOT_PROMISE;
    return this.oracle.types.shapeOf(type) ?? NOT_PROMISE;
  }
}

/** The expressions a value is one of: a conditional's branches, the operands of `??` and `||`. */
function alternatives(expression: ts.Expression): ts.Expression[] | undefined {
  const inner = skipOuter(expression);
  if (ts.isConditionalExpression(inner)) return [inner.whenTrue, inner.whenFalse];
  const value = ts.isBinaryExpression(inner) ? binaryValue(inner) : undefined;
  return value && value !== 'primitive' && !value.orFalsyLeft && value.operands.length > 1 ? value.operands : undefined;
}
