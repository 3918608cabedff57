import type { ToolkitInput } from "../../../catalog/definition.ts";
import { requiredArguments } from "./synthesize-arguments.ts";

/**
 * A deterministic sample of a toolkit's tools, one per shape of request the generator has
 * to get right: a GET with a path parameter, a POST with a body, a GET with query
 * parameters, and a PUT, PATCH or DELETE (within a shape, the first tool by slug), topped
 * up to three from the rest when the toolkit has fewer shapes. Tools bound to a host of
 * their own are left out: an auth config's base URL cannot redirect them.
 */

export type ToolInput = ToolkitInput["tools"][number];

export interface SampledTool {
  tool: ToolInput;
  shape: string;
  arguments: Record<string, unknown>;
}

const HAS_BODY = new Set(["POST", "PUT", "PATCH"]);
const MINIMUM_SAMPLE = 3;

/** Where an argument goes, by the same rule the gateway's request builder follows. */
function locationOf(tool: ToolInput, name: string): string {
  if (tool.http.path.includes(`{${name}}`)) return "path";
  return tool.http.args?.[name] ?? (HAS_BODY.has(tool.http.method) ? "body" : "query");
}

function argumentNames(tool: ToolInput, location: string): string[] {
  const properties = Object.keys((tool.inputSchema.properties ?? {}) as Record<string, unknown>);
  return properties.filter((name) => locationOf(tool, name) === location);
}

function requiredNames(tool: ToolInput): string[] {
  const required = (tool.inputSchema as { required?: unknown }).required;
  return Array.isArray(required) ? required.filter((r): r is string => typeof r === "string") : [];
}

interface Shape {
  name: string;
  fits(tool: ToolInput): boolean;
  /** Optional arguments worth sending so the shape is really exercised. */
  extras(tool: ToolInput): string[];
}

const SHAPES: Shape[] = [
  { name: "GET with a path parameter", fits: (t) => t.http.method === "GET" && t.http.path.includes("{"), extras: () => [] },
  {
    name: "POST with a body",
    fits: (t) => t.http.method === "POST" && argumentNames(t, "body").length > 0,
    extras: (t) => (argumentNames(t, "body").some((name) => requiredNames(t).includes(name)) ? [] : argumentNames(t, "body").slice(0, 1)),
  },
  { name: "GET with query parameters", fits: (t) => t.http.method === "GET" && argumentNames(t, "query").length > 0, extras: (t) => argumentNames(t, "query").slice(0, 1) },
  { name: "PUT, PATCH or DELETE", fits: (t) => ["PUT", "PATCH", "DELETE"].includes(t.http.method), extras: () => [] },
];

/** Named tools, each with its required arguments. */
export function fixedTools(toolkit: ToolkitInput, slugs: readonly string[]): SampledTool[] {
  return slugs.flatMap((slug) => {
    const tool = toolkit.tools.find((t) => t.slug === slug);
    return tool ? [{ tool, shape: "fixed", arguments: requiredArguments(tool.inputSchema) }] : [];
  });
}

export function sampleTools(toolkit: ToolkitInput): SampledTool[] {
  const candidates = toolkit.tools.filter((tool) => !tool.http.baseUrl && !tool.http.graphqlQuery).sort((a, b) => a.slug.localeCompare(b.slug));
  const chosen = new Set<string>();
  const sample: SampledTool[] = [];
  for (const shape of SHAPES) {
    const tool = candidates.find((t) => !chosen.has(t.slug) && shape.fits(t));
    if (!tool) continue;
    chosen.add(tool.slug);
    sample.push({ tool, shape: shape.name, arguments: requiredArguments(tool.inputSchema, shape.extras(tool)) });
  }
  // Toolkits of one shape (all POST, as Plaid's RPC style is) still get a few tools checked,
  // spread evenly over the slugs rather than the first few, which tend to be near twins.
  const rest = candidates.filter((t) => !chosen.has(t.slug));
  const wanted = Math.min(MINIMUM_SAMPLE - sample.length, rest.length);
  for (let i = 0; i < wanted; i++) {
    const tool = rest[Math.floor((i * rest.length) / wanted)]!;
    sample.push({ tool, shape: "another tool", arguments: requiredArguments(tool.inputSchema) });
  }
  return sample;
}
