import ts from 'typescript';
import { assignedNamesIn } from './assigned-names.js';
import { blockPrints, type BlockPrint } from './body-statements.js';
import { signatureText } from './signature-text.js';

/**
 * What the rest of a file can see of one function body. Code outside a function depends on
 * its body only through the function's type (its inferred return type, or type predicate) and
 * through assignments to outer variables, which decide whether TypeScript keeps narrowings of
 * those variables in other closures. While both stay the same, an edit inside the body cannot
 * change the types anywhere else.
 */
export interface BodyFingerprint {
  /** Offsets of the body block: `{` and just after `}`. */
  start: number;
  end: number;
  /**
   * The function's type when the body decides it; empty when the signature is fully declared;
   * undefined when the body decides it and it was not worked out.
   */
  signature: string | undefined;
  /** Names assigned anywhere in the body, sorted (locals included: cheap, and never too few). */
  assigned: string;
  /** The body holds an ESLint directive comment, which can reach lines outside it. */
  hasDirective: boolean;
  /** Its blocks and their statements, for edits that stay inside one statement (see `body-statements.ts`). */
  blocks: BlockPrint[];
}

export type FunctionWithBody = ts.FunctionLikeDeclaration & { body: ts.Block };

/** Function-like declarations whose block body strictly contains [start, end), innermost first. */
export function functionsAround(sourceFile: ts.SourceFile, start: number, end: number): FunctionWithBody[] {
  const found: FunctionWithBody[] = [];
  const visit = (node: ts.Node): void => {
    if (node.pos > start || node.end < end) return;
    if (ts.isFunctionLike(node) && hasBlockBody(node)) {
      const body = node.body;
      if (body.getStart(sourceFile) < start && end < body.end) found.unshift(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function hasBlockBody(node: ts.SignatureDeclaration): node is FunctionWithBody {
  const body = (node as ts.FunctionLikeDeclaration).body;
  return body !== undefined && ts.isBlock(body);
}

/** True when the function's type does not depend on its body. */
function signatureIsDeclared(node: FunctionWithBody): boolean {
  return node.type !== undefined || ts.isConstructorDeclaration(node) || ts.isSetAccessorDeclaration(node);
}

/** The fingerprint of a body, with the function's signature worked out by the checker. */
export function fingerprintOf(node: FunctionWithBody, sourceFile: ts.SourceFile, checker: ts.TypeChecker): BodyFingerprint | undefined {
  if (signatureIsDeclared(node)) return syntacticFingerprint(node, sourceFile, '');
  const declared = checker.getSignatureFromDeclaration(node);
  if (!declared) return undefined;
  return syntacticFingerprint(node, sourceFile, signatureText(checker, declared));
}

/**
 * The fingerprint of a body from syntax alone: `signature` is given (the edit is known to leave
 * it as it was), or undefined when the body decides it and no checker was asked.
 */
export function syntacticFingerprint(node: FunctionWithBody, sourceFile: ts.SourceFile, signature?: string): BodyFingerprint {
  const body = node.body;
  const text = sourceFile.text.slice(body.getStart(sourceFile), body.end);
  return {
    start: body.getStart(sourceFile),
    end: body.end,
    signature: signature ?? (signatureIsDeclared(node) ? '' : undefined),
    assigned: assignedNames(body),
    hasDirective: /eslint-(disable|enable)/.test(text),
    blocks: blockPrints(body, sourceFile),
  };
}

/** Every function-like declaration with a block body in the file. */
export function functionsWithBodies(sourceFile: ts.SourceFile): FunctionWithBody[] {
  const found: FunctionWithBody[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && hasBlockBody(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** Whether two fingerprints of a body, before and after an edit, show the same to the outside. */
export function sameOutside(before: BodyFingerprint, after: BodyFingerprint, delta: number): boolean {
  return (
    before.start === after.start &&
    before.end + delta === after.end &&
    before.signature === after.signature &&
    before.assigned === after.assigned &&
    !before.hasDirective &&
    !after.hasDirective
  );
}

function assignedNames(body: ts.Block): string {
  return [...assignedNamesIn(body)].sort().join(',');
}
