import { parse, type Program } from "acorn";
import { transform } from "sucrase";
import { declaredNames } from "./declared-names.ts";
import { sliceWithInsertions, yieldInsertions, type Insertion } from "./yield-points.ts";

/** The parameter through which the cell hands its variable reader to the driver. */
export const CELL_HANDLE = "__workbench__";
const CAPTURE_FUNCTION = "__workbench_capture__";

/**
 * The cell's code is the body of an async function on line 1 of the evaluated source, so
 * `await` works at the top level, user line N stays line N in stack traces, and the only
 * shifted columns are those on line 1 (by HEADER.length).
 */
export const CELL_HEADER = `(async function (${CELL_HANDLE}) { ${CELL_HANDLE}.capture = ${CAPTURE_FUNCTION}; `;

/** Put at the top of loop bodies that can await (yield-points.ts): the driver's `due` and `pause`. */
const YIELD_CHECK = `if (${CELL_HANDLE}.due()) await ${CELL_HANDLE}.pause();`;

export type PreparedCell =
  | { ok: true; source: string; declared: string[] }
  | { ok: false; message: string };

/** TypeScript loses its types (ES syntax is kept as is); then the cell is parsed and wrapped. */
export function prepareCell(code: string, language: "javascript" | "typescript"): PreparedCell {
  let javascript = code;
  if (language === "typescript") {
    try {
      // Sucrase keeps line numbers, so positions in the output still match the user's code.
      javascript = transform(code, { transforms: ["typescript"], disableESTransforms: true }).code;
    } catch (error) {
      return { ok: false, message: syntaxMessage(error, 0) };
    }
  }
  let program: Program;
  try {
    program = parse(javascript, {
      ecmaVersion: "latest",
      sourceType: "script",
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      locations: true,
    });
  } catch (error) {
    return { ok: false, message: syntaxMessage(error, 1) };
  }
  const declared = declaredNames(program.body);
  return { ok: true, source: wrap(javascript, program, declared), declared };
}

function wrap(javascript: string, program: Program, declared: string[]): string {
  const insertions: Insertion[] = yieldInsertions(program, YIELD_CHECK);
  const slice = (start: number, end: number) => sliceWithInsertions(javascript, insertions, start, end);
  let body = slice(0, javascript.length);
  const last = program.body.at(-1);
  if (last?.type === "ExpressionStatement" && !("directive" in last && last.directive)) {
    // Like a notebook cell, the last expression is the result. `return (` goes right after the
    // previous statement (or at the very start) so the expression's own line keeps its columns;
    // the `;` ends a previous statement written without one.
    const previousEnd = program.body.at(-2)?.end ?? 0;
    const expressionEnd = last.expression.end;
    body = `${slice(0, previousEnd)};return (${slice(previousEnd, expressionEnd)})${slice(expressionEnd, javascript.length)}`;
  }
  // Declared at the end but hoisted: it closes over the cell's scope, so it can read `let` and
  // `const` bindings after the cell returns or throws (each read guarded, for the TDZ).
  const readers = declared
    .map((name) => `[${JSON.stringify(name)}, () => ${name}]`)
    .join(", ");
  return `${CELL_HEADER}${body}\n;function ${CAPTURE_FUNCTION}() { return [${readers}]; }\n})`;
}

/** `columnShift` makes columns count from 1, as editors do: sucrase already does, acorn counts from 0. */
function syntaxMessage(error: unknown, columnShift: number): string {
  if (!(error instanceof Error)) return String(error);
  const loc = (error as Error & { loc?: { line: number; column: number } }).loc;
  const text = error.message.replace(/\s*\(\d+:\d+\)$/, "");
  return loc ? `${text} (line ${loc.line}, column ${loc.column + columnShift})` : text;
}
