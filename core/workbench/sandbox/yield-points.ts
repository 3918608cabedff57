import type { Node, Program } from "acorn";

export interface Insertion {
  at: number;
  text: string;
  /** A closing insertion belongs to the text before it (when the source is cut at `at`), an opening one to the text after. */
  closes: boolean;
}

const LOOPS = new Set(["ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"]);
const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/**
 * A yield check at the top of every loop body that may `await`: loops at the cell's top level
 * (the cell is an async function) and in async functions. The engine runs synchronously and
 * cannot be suspended from the outside (the interrupt handler can only kill), so these are the
 * points where a long loop can give the isolate back to other sessions: `check` (one line, so
 * user line numbers stay) asks whether the run's slice is used up and only then awaits.
 *
 * Loops inside plain (non-async) functions cannot await; they are bounded by the CPU budget.
 */
export function yieldInsertions(program: Program, check: string): Insertion[] {
  const insertions: Insertion[] = [];
  visit(program, true, check, insertions);
  return insertions;
}

function visit(node: Node, canAwait: boolean, check: string, out: Insertion[]): void {
  let inner = canAwait;
  if (FUNCTIONS.has(node.type)) inner = (node as Node & { async?: boolean }).async === true;
  else if (node.type === "StaticBlock" || node.type === "PropertyDefinition") inner = false;
  if (inner && LOOPS.has(node.type)) {
    const body = (node as Node & { body: Node }).body;
    if (body.type === "BlockStatement") out.push({ at: body.start + 1, text: ` ${check} `, closes: false });
    else out.push({ at: body.start, text: `{ ${check} `, closes: false }, { at: body.end, text: " }", closes: true });
  }
  for (const child of children(node)) visit(child, inner, check, out);
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "loc") continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** `source.slice(start, end)` with the insertions that fall inside it applied. */
export function sliceWithInsertions(source: string, insertions: Insertion[], start: number, end: number): string {
  const inside = insertions.filter(({ at, closes }) => (closes ? at > start && at <= end : at >= start && at < end));
  // At one position a closing brace comes before an opening one: `for (;;) a()` nested in another loop body.
  inside.sort((a, b) => a.at - b.at || Number(b.closes) - Number(a.closes));
  let out = "";
  let cursor = start;
  for (const insertion of inside) {
    out += source.slice(cursor, insertion.at) + insertion.text;
    cursor = insertion.at;
  }
  return out + source.slice(cursor, end);
}
