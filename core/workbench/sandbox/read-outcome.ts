import { z } from "zod";
import { MAX_RESULT_CHARS, MAX_VARIABLES_BYTES } from "./limits.ts";
import { utf8Length } from "./utf8-length.ts";

/** A run's outcome after the host checked it: the result decoded and bounded, the variables within budget. */
export interface CellOutcome {
  ok: boolean;
  result: unknown;
  resultTruncated: boolean;
  error?: { name: string; message: string; stack?: string };
  variables?: { values: Record<string, unknown>; unsaved: Record<string, string> };
}

export type OutcomeReading = { outcome: CellOutcome } | { malformed: string };

/** What the prelude sends through `host.settle` (prelude.ts). */
const reportSchema = z.object({
  ok: z.boolean(),
  resultJson: z.string().optional(),
  resultPreview: z.string().optional(),
  resultChars: z.number().int().nonnegative().optional(),
  error: z.object({ name: z.string(), message: z.string(), stack: z.string().optional() }).optional(),
  variables: z.object({ json: z.string(), unsaved: z.record(z.string(), z.string()) }).optional(),
});

/**
 * Reads the prelude's report. The cell ran in the same engine as the prelude and may have
 * replaced the built-ins it uses, so the report is untrusted input: anything malformed is
 * named, never thrown, and the bounds (result size, variables in UTF-8 bytes) are enforced
 * here again rather than believed.
 */
export function readOutcome(reportJson: string): OutcomeReading {
  let raw: unknown;
  try {
    raw = JSON.parse(reportJson);
  } catch {
    return { malformed: "it is not JSON" };
  }
  const parsed = reportSchema.safeParse(raw);
  if (!parsed.success) return { malformed: `unexpected shape (${parsed.error.issues[0]?.path.join(".") || "top level"})` };
  const report = parsed.data;

  let result: unknown = null;
  let resultTruncated = false;
  if (report.resultJson !== undefined && report.resultJson.length <= MAX_RESULT_CHARS) {
    try {
      result = JSON.parse(report.resultJson);
    } catch {
      return { malformed: "its result is not JSON" };
    }
  } else if (report.resultJson !== undefined || report.resultPreview !== undefined) {
    const full = report.resultJson ?? report.resultPreview ?? "";
    const preview = full.slice(0, MAX_RESULT_CHARS);
    const chars = Math.max(report.resultJson?.length ?? report.resultChars ?? 0, preview.length);
    result = `${preview}…[result truncated: ${chars - preview.length} more characters]`;
    resultTruncated = true;
  }

  const outcome: CellOutcome = { ok: report.ok, result, resultTruncated };
  if (report.error) outcome.error = boundError(report.error);
  if (report.variables) {
    const variables = checkVariables(report.variables.json, report.variables.unsaved);
    if (variables === null) return { malformed: "its variables are not a JSON object" };
    outcome.variables = variables;
  }
  return { outcome };
}

/**
 * Keeps variables in the order given while they fit: each one's JSON and all of them together
 * (the JSON object the caller persists) at most MAX_VARIABLES_BYTES of UTF-8.
 */
function checkVariables(json: string, reportedUnsaved: Record<string, string>): CellOutcome["variables"] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
  const values: Record<string, unknown> = {};
  const unsaved: Record<string, string> = {};
  let total = 2; // the braces
  for (const [name, value] of Object.entries(parsed)) {
    if (name === "__proto__") {
      setOwn(unsaved, name, "the name __proto__ cannot be kept");
      continue;
    }
    const bytes = utf8Length(JSON.stringify(value));
    const entryBytes = utf8Length(JSON.stringify(name)) + 1 + bytes + (total > 2 ? 1 : 0);
    if (bytes > MAX_VARIABLES_BYTES) {
      setOwn(unsaved, name, `too large to keep (${bytes} bytes of JSON; one variable may use at most ${MAX_VARIABLES_BYTES})`);
    } else if (total + entryBytes > MAX_VARIABLES_BYTES) {
      setOwn(unsaved, name, `too large to keep (${bytes} bytes of JSON; all variables together may use ${MAX_VARIABLES_BYTES} bytes)`);
    } else {
      setOwn(values, name, value);
      total += entryBytes;
    }
  }
  for (const [name, reason] of Object.entries(reportedUnsaved)) {
    if (!Object.hasOwn(unsaved, name) && !Object.hasOwn(values, name)) setOwn(unsaved, name, bound(reason, 1_000));
  }
  return { values, unsaved };
}

/** Also for "__proto__", which plain assignment would take as the prototype. */
function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

function boundError(error: { name: string; message: string; stack?: string }): NonNullable<CellOutcome["error"]> {
  return {
    name: bound(error.name, 200),
    message: bound(error.message, MAX_RESULT_CHARS),
    ...(error.stack !== undefined ? { stack: bound(error.stack, MAX_RESULT_CHARS) } : {}),
  };
}

function bound(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[${text.length - max} more characters]`;
}
