import { Validator, type OutputUnit, type Schema } from "@cfworker/json-schema";
import type { FieldError } from "../http/errors.ts";

// Compiled validators per tool and version; @cfworker/json-schema needs no eval, which Workers forbid.
const validators = new Map<string, Validator>();

function validatorFor(cacheKey: string, schema: object): Validator {
  let validator = validators.get(cacheKey);
  if (!validator) {
    validator = new Validator(schema as Schema, "2020-12", false);
    validators.set(cacheKey, validator);
  }
  return validator;
}

function pathOf(instanceLocation: string): string {
  return ["arguments", ...instanceLocation.replace(/^#\/?/, "").split("/").filter(Boolean)].join(".");
}

/** Turns the validator's output into one plain message per bad field; wrapper units add nothing. */
function toFieldError(unit: OutputUnit): FieldError | undefined {
  switch (unit.keyword) {
    case "properties":
    case "items":
    case "false":
      return undefined;
    case "required": {
      const property = /"([^"]+)"/.exec(unit.error)?.[1] ?? "?";
      return { path: `${pathOf(unit.instanceLocation)}.${property}`, message: "is required" };
    }
    case "additionalProperties": {
      const property = /"([^"]+)"/.exec(unit.error)?.[1] ?? "?";
      return { path: `${pathOf(unit.instanceLocation)}.${property}`, message: "is not an argument of this tool" };
    }
    default:
      return { path: pathOf(unit.instanceLocation), message: unit.error.replace(/^Instance /, "value ") };
  }
}

/** Schema defaults for missing top-level arguments (e.g. Gmail's `user_id: "me"`). */
export function withDefaults(schema: { properties?: Record<string, unknown> }, args: Record<string, unknown>): Record<string, unknown> {
  const filled = { ...args };
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (filled[name] === undefined && property && typeof property === "object" && "default" in property) {
      filled[name] = (property as { default: unknown }).default;
    }
  }
  return filled;
}

export function validateArguments(cacheKey: string, schema: object, args: Record<string, unknown>): FieldError[] {
  const result = validatorFor(cacheKey, schema).validate(args);
  if (result.valid) return [];
  const errors = result.errors.map(toFieldError).filter((e): e is FieldError => e !== undefined);
  return errors.length > 0 ? errors : [{ path: "arguments", message: "does not match the tool's input schema" }];
}
