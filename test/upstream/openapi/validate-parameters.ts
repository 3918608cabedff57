import { isAuthTokenField } from "./auth-check.ts";
import type { OperationSpec, ParameterSpec } from "./document.ts";
import { deref } from "./refs.ts";
import { allowedTypes, wireTypeProblem } from "./schema-types.ts";

/**
 * Path, query and header parameters checked as a server would: required ones present,
 * primitive types right, and no query parameter the operation does not declare. Query
 * names may use the bracket forms of `deepObject`/array styles (`expand[]`, `meta[key]`).
 */

export interface Findings {
  /** What the real API would refuse the request for. */
  problems: string[];
  /** What is odd but would pass (e.g. an undeclared name where the spec allows any). */
  notes: string[];
}

/** Values of an array parameter: repeated (`explode`, the default for `form`) or comma-separated. */
function itemsOf(parameter: ParameterSpec, values: string[]): string[] {
  const exploded = parameter.explode ?? (parameter.style === undefined || parameter.style === "form");
  return exploded && values.length > 1 ? values : values.flatMap((value) => value.split(","));
}

function checkValues(operation: OperationSpec, parameter: ParameterSpec, values: string[], findings: Findings): void {
  const document = operation.document;
  const types = allowedTypes(document, parameter.schema);
  const isArray = types?.has("array") === true && types.size === 1;
  const schema = isArray ? deref(document, parameter.schema.items) : parameter.schema;
  for (const value of isArray ? itemsOf(parameter, values) : values) {
    const problem = wireTypeProblem(document, schema, value);
    if (problem) findings.problems.push(`${parameter.in} parameter ${parameter.name} ${problem}`);
  }
}

/** A declared object parameter exploded in `form` style spreads its properties as top-level names. */
function acceptsAnyQueryName(operation: OperationSpec): boolean {
  return operation.parameters.some(
    (p) => p.in === "query" && allowedTypes(operation.document, p.schema)?.has("object") === true && (p.style ?? "form") === "form" && p.explode !== false,
  );
}

export function checkParameters(
  operation: OperationSpec,
  request: { pathParams: Record<string, string>; query: URLSearchParams; headers: Record<string, string> },
  ignoredQueryNames: Set<string>,
  findings: Findings,
  /** A bearer token the operation accepts was sent: it stands in for a token parameter (see auth-check.ts). */
  bearer = false,
): void {
  const carried = (parameter: ParameterSpec) => bearer && isAuthTokenField(parameter.name, parameter.description);
  const declaredQuery = new Map(operation.parameters.filter((p) => p.in === "query").map((p) => [p.name, p]));
  for (const parameter of operation.parameters) {
    if (parameter.in === "path") {
      const value = request.pathParams[parameter.name];
      if (value === undefined || value === "" || value === `{${parameter.name}}`) findings.problems.push(`path parameter ${parameter.name} is missing`);
      else checkValues(operation, parameter, [value], findings);
    } else if (parameter.in === "query") {
      const exact = request.query.getAll(parameter.name);
      const bracketed = [...request.query.keys()].some((key) => key.startsWith(`${parameter.name}[`));
      if (exact.length) checkValues(operation, parameter, exact, findings);
      else if (parameter.required && !bracketed && !carried(parameter)) findings.problems.push(`query parameter ${parameter.name} is required`);
    } else if (parameter.in === "header") {
      const value = request.headers[parameter.name.toLowerCase()];
      // OpenAPI: Accept, Content-Type and Authorization parameters are ignored (described elsewhere).
      if (["accept", "content-type", "authorization"].includes(parameter.name.toLowerCase())) continue;
      if (value === undefined && parameter.required && !carried(parameter)) findings.problems.push(`header ${parameter.name} is required`);
      else if (value !== undefined) checkValues(operation, parameter, [value], findings);
    }
  }
  const open = acceptsAnyQueryName(operation);
  for (const key of new Set(request.query.keys())) {
    const base = key.replace(/\[.*$/, "");
    if (declaredQuery.has(key) || declaredQuery.has(base) || ignoredQueryNames.has(key)) continue;
    (open ? findings.notes : findings.problems).push(`query parameter ${key} is not declared by ${operation.method} ${operation.template}`);
  }
}
