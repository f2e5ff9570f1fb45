import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { SharedLocation } from '../analysis/shared-location.js';
import { thisClassAt, type ClassNode } from '../analysis/this-binding.js';
import { lineIndent } from './reindent.js';

/** The lock a suggestion uses for one piece of state, and how to declare it if it does not exist yet. */
export interface LockPlan {
  /** As the message shows it: `cacheLock`, `#balanceLock`. */
  readonly name: string;
  /** As code reaches it at the write: `cacheLock`, `this.#balanceLock`, `Counter.#totalLock`. */
  readonly reference: string;
  /** Declares it beside the state; undefined when a lock of that name is already there. */
  readonly declare?: (fixer: TSESLint.RuleFixer, mutex: string) => TSESLint.RuleFix;
  /** Where the declaration goes, to keep it after the import or require that provides `Mutex`. */
  readonly declaredAt?: number;
}

/**
 * Plans a `Mutex` beside the state it guards: a private field of the class for members of `this`
 * (static for static members), a `const` right after the declaration of a module or closure
 * variable. State declared elsewhere (imports, parameters, globals) gets no plan: a lock only
 * helps if every writer uses the same one, and this file cannot put it beside that state.
 */
export function planLock(sourceCode: Readonly<TSESLint.SourceCode>, location: SharedLocation, at: TSESTree.Node): LockPlan | undefined {
  const base = location.base;
  if (base.kind === 'this') {
    const owner = thisClassAt(base.thisNode);
    const member = location.firstMember?.replace(/^#/, '');
    if (!owner || member === undefined) return undefined;
    return privateFieldLock(sourceCode, owner.classNode, owner.isStatic, member, location.firstMember!);
  }
  if (base.kind === 'variable') return variableLock(sourceCode, base.variable, at);
  return undefined;
}

function privateFieldLock(sourceCode: Readonly<TSESLint.SourceCode>, classNode: ClassNode, isStatic: boolean, member: string, memberKey: string): LockPlan | undefined {
  const owner = isStatic ? classNode.id?.name : 'this';
  if (owner === undefined) return undefined;
  const elements = classNode.body.body;
  for (const candidate of lockNames(member)) {
    const existing = elements.find((element) => keyOf(element) === `#${candidate}`);
    const plan = { name: `#${candidate}`, reference: `${owner}.#${candidate}` };
    if (existing) {
      if (isMutexField(existing) && 'static' in existing && existing.static === isStatic) return plan;
      continue;
    }
    const state = elements.find((element) => keyOf(element) === memberKey && 'static' in element && element.static === isStatic);
    const anchor = state ?? elements[0];
    const text = `${isStatic ? 'static ' : ''}#${candidate} = new MUTEX();`;
    return {
      ...plan,
      declaredAt: anchor?.range[0] ?? classNode.body.range[0],
      declare: (fixer, mutex) => {
        const declaration = text.replace('MUTEX', mutex);
        if (!anchor) return fixer.insertTextAfterRange([classNode.body.range[0], classNode.body.range[0] + 1], ` ${declaration} `);
        const indent = lineIndent(sourceCode, anchor);
        if (state) return fixer.insertTextAfter(state, indent === undefined ? ` ${declaration}` : `\n${indent}${declaration}`);
        return fixer.insertTextBefore(anchor, indent === undefined ? `${declaration} ` : `${declaration}\n${indent}`);
      },
    };
  }
  return undefined;
}

function variableLock(sourceCode: Readonly<TSESLint.SourceCode>, variable: TSESLint.Scope.Variable, at: TSESTree.Node): LockPlan | undefined {
  const definition = variable.defs[0];
  if (!definition || variable.defs.length !== 1) return undefined;
  let statement: TSESTree.Node | undefined =
    definition.type === 'Variable' ? definition.parent ?? undefined : definition.type === 'ClassName' || definition.type === 'FunctionName' ? definition.node : undefined;
  if (statement?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) statement = statement.parent;
  const list = statement?.parent;
  if (!statement || !list || (list.type !== AST_NODE_TYPES.Program && list.type !== AST_NODE_TYPES.BlockStatement)) return undefined;

  const useScope = sourceCode.getScope(at);
  for (const candidate of lockNames(variable.name.charAt(0).toLowerCase() + variable.name.slice(1))) {
    const existing = ASTUtils.findVariable(useScope, candidate);
    if (existing) {
      if (isMutexVariable(existing)) return { name: candidate, reference: candidate };
      continue;
    }
    const anchor = statement;
    return {
      name: candidate,
      reference: candidate,
      declaredAt: anchor.range[1],
      declare: (fixer, mutex) => {
        const indent = lineIndent(sourceCode, anchor);
        const declaration = `const ${candidate} = new ${mutex}();`;
        return fixer.insertTextAfter(anchor, indent === undefined ? ` ${declaration}` : `\n${indent}${declaration}`);
      },
    };
  }
  return undefined;
}

function* lockNames(base: string): Generator<string> {
  yield `${base}Lock`;
  for (let n = 2; n <= 5; n++) yield `${base}Lock${n}`;
}

function keyOf(element: TSESTree.ClassElement): string | undefined {
  if (!('key' in element) || element.computed) return undefined;
  const key = element.key;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return undefined;
}

function isMutexField(element: TSESTree.ClassElement): boolean {
  return element.type === AST_NODE_TYPES.PropertyDefinition && element.value !== null && isNewMutex(element.value);
}

function isMutexVariable(variable: TSESLint.Scope.Variable): boolean {
  const definition = variable.defs[0];
  return variable.defs.length === 1 && definition?.type === 'Variable' && definition.node.init !== null && isNewMutex(definition.node.init);
}

function isNewMutex(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && /Mutex/.test(node.callee.name);
}

