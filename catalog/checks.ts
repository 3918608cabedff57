import { otherSlugs, type ToolkitDefinition } from "./definition.ts";

/**
 * The rules every tool must follow so that OpenAI function calling, Anthropic tool use
 * and Gemini function declarations all accept it, plus the catalog's own invariants.
 * Returns one line per problem; an empty list means the catalog is sound.
 */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/; // OpenAI and Anthropic; Gemini also allows '.', ':'
const PROPERTY_NAME = /^[a-zA-Z0-9_.-]{1,64}$/; // Anthropic's rule, the strictest of the three
// JSON Schema keywords at least one of the three providers rejects or ignores badly.
const FORBIDDEN_KEYWORDS = ["$ref", "$defs", "definitions", "oneOf", "anyOf", "allOf", "not", "patternProperties", "if", "then", "else"];
const ALLOWED_TYPES = new Set(["object", "array", "string", "number", "integer", "boolean"]);
const MAX_DESCRIPTION = 1024;

function schemaProblems(schema: unknown, at: string, depth = 0): string[] {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return [`${at}: not a schema object`];
  const node = schema as Record<string, unknown>;
  const problems: string[] = [];
  for (const keyword of FORBIDDEN_KEYWORDS) if (keyword in node) problems.push(`${at}: uses \`${keyword}\``);
  if (depth > 8) problems.push(`${at}: nested deeper than 8 levels`);
  if (node.type !== undefined && (typeof node.type !== "string" || !ALLOWED_TYPES.has(node.type))) {
    problems.push(`${at}: type must be one of ${[...ALLOWED_TYPES].join(", ")}`);
  }
  if (node.type === "array") {
    if (!node.items) problems.push(`${at}: arrays need \`items\``);
    else problems.push(...schemaProblems(node.items, `${at}[]`, depth + 1));
  }
  if (node.enum !== undefined && (!Array.isArray(node.enum) || node.enum.length === 0)) problems.push(`${at}: empty enum`);
  const properties = (node.properties ?? {}) as Record<string, unknown>;
  for (const [name, property] of Object.entries(properties)) {
    if (!PROPERTY_NAME.test(name)) problems.push(`${at}.${name}: property names must match ${PROPERTY_NAME}`);
    problems.push(...schemaProblems(property, `${at}.${name}`, depth + 1));
  }
  if (Array.isArray(node.required)) {
    for (const name of node.required) if (!(String(name) in properties)) problems.push(`${at}: requires unknown property ${String(name)}`);
  }
  return problems;
}

export function catalogProblems(toolkits: ToolkitDefinition[]): string[] {
  const problems: string[] = [];
  const slugs = new Set<string>();
  const toolkitSlugs = new Set<string>();
  for (const toolkit of toolkits) {
    if (toolkitSlugs.has(toolkit.slug)) problems.push(`toolkit ${toolkit.slug}: declared twice`);
    toolkitSlugs.add(toolkit.slug);
    for (const tool of toolkit.tools) {
      const at = tool.slug;
      if (slugs.has(tool.slug)) problems.push(`${at}: slug used twice`);
      slugs.add(tool.slug);
      if (!TOOL_NAME.test(tool.slug)) problems.push(`${at}: slug must match ${TOOL_NAME}`);
      if (!tool.slug.startsWith(`${toolkit.slug.toUpperCase()}_`)) problems.push(`${at}: slug must start with ${toolkit.slug.toUpperCase()}_`);
      if (tool.description.length > MAX_DESCRIPTION) problems.push(`${at}: description over ${MAX_DESCRIPTION} characters`);
      if (tool.inputSchema.type !== "object") problems.push(`${at}: input schema must be an object`);
      problems.push(...schemaProblems(tool.inputSchema, `${at} input`));
      const properties = (tool.inputSchema.properties ?? {}) as Record<string, { default?: unknown }>;
      const required = new Set((tool.inputSchema.required as string[] | undefined) ?? []);
      for (const match of tool.http.path.matchAll(/\{([^}]*)\}/g)) {
        const name = match[1] ?? "";
        if (!(name in properties)) problems.push(`${at}: path placeholder {${name}} has no argument`);
        else if (!required.has(name) && properties[name]?.default === undefined) problems.push(`${at}: path argument ${name} is neither required nor defaulted`);
        if (tool.http.args[name] !== undefined && tool.http.args[name] !== "path") problems.push(`${at}: path argument ${name} is mapped to ${tool.http.args[name]}`);
      }
      if (/\{[^}]*$|^[^{]*\}/.test(tool.http.path)) problems.push(`${at}: unbalanced braces in path ${tool.http.path}`);
      for (const name of Object.keys(tool.http.args)) if (!(name in properties)) problems.push(`${at}: http.args names unknown argument ${name}`);
      if (tool.http.rawBodyArg && !(tool.http.rawBodyArg in properties)) problems.push(`${at}: rawBodyArg ${tool.http.rawBodyArg} is not an argument`);
    }
  }
  for (const toolkit of toolkits) {
    for (const [alias, target] of otherSlugs(toolkit)) {
      if (slugs.has(alias)) problems.push(`alias ${alias}: collides with a tool slug`);
      if (!toolkit.tools.some((t) => t.slug === target)) problems.push(`alias ${alias}: points at unknown tool ${target}`);
    }
    const own = new Set(toolkit.tools.map((t) => t.slug));
    for (const slug of [...toolkit.vocabulary.important, ...Object.keys(toolkit.vocabulary.pitfalls), ...Object.keys(toolkit.vocabulary.phrases), ...Object.keys(toolkit.vocabulary.actions)]) {
      if (!own.has(slug)) problems.push(`vocabulary of ${toolkit.slug}: names unknown tool ${slug}`);
    }
  }
  return problems;
}
