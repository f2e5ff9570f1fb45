// A floor for the promise rules' cost: rules that only find which function a call calls, for the
// calls any pair of promise rules must judge — a call whose value a statement drops (is it a
// floating promise?) and a call given a function literal (does that parameter expect a function
// returning nothing?). Whatever else the rules do comes on top of this.
//   checker:  the checker's answer (`getSymbolAtLocation` on the callee's name), as typescript-eslint asks it
//   declared: async-guard's answer, the member read from the receiver's declared type (`DeclaredMembers`)
import { createRequire } from 'node:module';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const { DeclaredMembers } = require('../../rules/dist/analysis/declared-members.js');

/** A call the promise rules cannot pass over without knowing its callee. */
function mustJudge(call) {
  const parent = call.parent;
  const dropped = ts.isExpressionStatement(parent) || ts.isVoidExpression(parent) || (ts.isAwaitExpression(parent) && ts.isExpressionStatement(parent.parent));
  return dropped || call.arguments.some((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument));
}

function floorRule(findCallee) {
  return {
    meta: { type: 'problem', schema: [] },
    create(context) {
      const services = context.sourceCode.parserServices;
      const checker = services.program.getTypeChecker();
      return {
        CallExpression(node) {
          const call = services.esTreeNodeToTSNodeMap.get(node);
          if (mustJudge(call)) findCallee(checker, services.program, call.expression);
        },
      };
    },
  };
}

const declaredMembers = new WeakMap();

export const calleeFloor = {
  rules: {
    checker: floorRule((checker, program, callee) => {
      const name = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
      if (ts.isIdentifier(name)) checker.getSymbolAtLocation(name);
    }),
    declared: floorRule((checker, program, callee) => {
      if (ts.isIdentifier(callee)) {
        checker.getSymbolAtLocation(callee);
        return;
      }
      if (!ts.isPropertyAccessExpression(callee)) return;
      let members = declaredMembers.get(checker);
      if (!members) {
        const isDefaultLibrarySymbol = (symbol) => (symbol.declarations ?? []).some((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
        declaredMembers.set(checker, (members = new DeclaredMembers(checker, isDefaultLibrarySymbol)));
      }
      // Where declarations do not tell, the rules ask the checker.
      if (!members.memberDeclarations(callee)) checker.getSymbolAtLocation(callee.name);
    }),
  },
};
