import type { DocumentVersion } from "./normalize.ts";
import { OpenApiImportError, type OpenApiDocument, type OpenApiOperation } from "./types.ts";

/**
 * Base URLs: 3.x `servers[0]` with its variables replaced by their defaults, or Swagger 2.0
 * `schemes` + `host` + `basePath`. The result has no trailing slash, so the executor's
 * `base + path` keeps a path prefix (`https://api.example.com/v1` + `/users`).
 */

type Server = NonNullable<OpenApiOperation["servers"]>[number];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An absolute http(s) URL without a trailing slash, query or fragment; undefined when it is not one. */
export function normaliseBaseUrl(raw: string): string | undefined {
  let text = raw.trim();
  if (text.startsWith("//")) text = `https:${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (/[{}]/.test(decodeURI(url.href))) return undefined;
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** A server's URL with `{variable}`s replaced by their defaults (or first enum value). */
export function serverUrl(server: Server | undefined): string | undefined {
  if (!server || typeof server.url !== "string") return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    const value = variable?.default ?? (Array.isArray(variable?.enum) ? variable.enum[0] : undefined);
    return value === undefined ? whole : String(value);
  });
  return normaliseBaseUrl(url);
}

/** The document's own base URL, or undefined when it declares none usable. */
export function documentBaseUrl(document: OpenApiDocument, version: DocumentVersion): string | undefined {
  if (version === "swagger2") {
    if (typeof document.host !== "string" || !document.host) return undefined;
    const schemes = Array.isArray(document.schemes) ? (document.schemes as string[]) : [];
    const scheme = schemes.includes("https") || schemes.length === 0 ? "https" : schemes[0];
    const basePath = typeof document.basePath === "string" ? document.basePath : "";
    return normaliseBaseUrl(`${scheme}://${document.host}${basePath.startsWith("/") || !basePath ? basePath : `/${basePath}`}`);
  }
  return Array.isArray(document.servers) ? serverUrl(document.servers[0] as Server) : undefined;
}

/** The toolkit base URL: the override, else the document's; a clear error when neither is usable. */
export function toolkitBaseUrl(document: OpenApiDocument, version: DocumentVersion, override: string | undefined): string {
  if (override !== undefined) {
    const url = normaliseBaseUrl(override);
    if (!url) throw new OpenApiImportError(`baseUrl override ${JSON.stringify(override)} is not an absolute http(s) URL`);
    return url;
  }
  const url = documentBaseUrl(document, version);
  if (!url) {
    throw new OpenApiImportError("the document declares no absolute server URL (servers[0].url, or host for Swagger 2.0): pass a baseUrl");
  }
  return url;
}

/**
 * An operation's own base URL when its servers (3.x path- or operation-level) differ from the
 * toolkit's. A relative server URL is read against the toolkit base.
 */
export function operationBaseUrl(servers: OpenApiOperation["servers"], toolkitBase: string): string | undefined {
  const server = servers?.[0];
  if (!server || typeof server.url !== "string") return undefined;
  const absolute = /^[a-z]+:|^\/\//i.test(server.url) ? server.url : `${new URL(toolkitBase).origin}${server.url.startsWith("/") ? "" : "/"}${server.url}`;
  const url = serverUrl({ ...server, url: absolute });
  return url && url !== toolkitBase ? url : undefined;
}
