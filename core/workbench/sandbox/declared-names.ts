import type { Node, Pattern, Program } from "acorn";

/**
 * The names a cell declares in its own top-level scope: `let`/`const`/`class` at the top
 * level, `function` declarations, and `var` anywhere outside nested functions (it is
 * function-scoped, so `for (var i …)` or `if (…) { var x }` land in the cell's scope too).
 */
export function declaredNames(body: Program["body"]): string[] {
  const names = new Set<string>();
  for (const statement of body) collectStatement(statement, true, names);
  return [...names];
}

function collectStatement(node: Node, topLevel: boolean, names: Set<string>): void {
  switch (node.type) {
    case "VariableDeclaration": {
      const declaration = node as import("acorn").VariableDeclaration;
      if (!topLevel && declaration.kind !== "var") return;
      for (const declarator of declaration.declarations) collectPattern(declarator.id, names);
      return;
    }
    case "FunctionDeclaration":
    case "ClassDeclaration": {
      const id = (node as import("acorn").FunctionDeclaration | import("acorn").ClassDeclaration).id;
      if (topLevel && id) names.add(id.name);
      return;
    }
    default:
      for (const child of nestedStatements(node)) collectStatement(child, false, names);
  }
}

/** Statement positions a `var` can hide in without leaving the cell's function scope. */
function nestedStatements(node: Node): Node[] {
  const n = node as unknown as Record<string, Node | Node[] | null | undefined>;
  switch (node.type) {
    case "BlockStatement":
      return n.body as Node[];
    case "IfStatement":
      return [n.consequent, n.alternate].filter(isNode);
    case "ForStatement":
      return [n.init, n.body].filter(isNode);
    case "ForInStatement":
    case "ForOfStatement":
      return [n.left, n.body].filter(isNode);
    case "WhileStatement":
    case "DoWhileStatement":
    case "LabeledStatement":
    case "WithStatement":
      return [n.body].filter(isNode);
    case "TryStatement": {
      const handler = n.handler as unknown as { body: Node } | null;
      return [n.block, handler?.body, n.finalizer].filter(isNode);
    }
    case "SwitchStatement":
      return (n.cases as unknown as { consequent: Node[] }[]).flatMap((c) => c.consequent);
    default:
      return [];
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && "type" in value;
}

function collectPattern(pattern: Pattern, names: Set<string>): void {
  switch (pattern.type) {
    case "Identifier":
      names.add(pattern.name);
      return;
    case "ObjectPattern":
      for (const property of pattern.properties) {
        collectPattern(property.type === "RestElement" ? property.argument : property.value, names);
      }
      return;
    case "ArrayPattern":
      for (const element of pattern.elements) if (element) collectPattern(element, names);
      return;
    case "RestElement":
      collectPattern(pattern.argument, names);
      return;
    case "AssignmentPattern":
      collectPattern(pattern.left, names);
      return;
    default:
      return;
  }
}
