import type { HttpMapping } from "../../catalog/definition.ts";

/** A fully built upstream call, before credentials are added. */
export interface UpstreamRequest {
  method: string;
  url: URL;
  headers: Headers;
  body?: string;
}

export class RequestBuildError extends Error {
  override readonly name = "RequestBuildError";
}

function scalar(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * Escapes a path argument but keeps its slashes: file paths, refs and `base...head`
 * ranges span segments on GitHub and others. Dot segments are refused, so an argument
 * can never climb out of the endpoint the tool declares.
 */
function pathSegment(name: string, value: string): string {
  const segments = value.split("/");
  if (segments.some((segment) => segment === "." || segment === "..")) {
    throw new RequestBuildError(`The argument \`${name}\` may not contain "." or ".." path segments.`);
  }
  return segments.map(encodeURIComponent).join("/");
}

/**
 * Body arguments as `application/x-www-form-urlencoded`, the way form APIs read nested
 * values: a list of plain values repeats its key (`tag=a&tag=b`; a wire name may carry the
 * `[]` an API wants), an object's fields are bracketed (`metadata[plan]=pro`), and so are the
 * items of a list of objects (`items[0][price]=p_1`). Null is sent empty, which such APIs read
 * as "unset".
 */
export function formEncode(values: Record<string, unknown>): string {
  const form = new URLSearchParams();
  const add = (key: string, value: unknown) => {
    if (value === undefined) return;
    if (value === null) form.append(key, "");
    else if (Array.isArray(value)) {
      const plain = value.every((item) => item === null || typeof item !== "object");
      value.forEach((item, i) => add(plain ? key : `${key}[${i}]`, item));
    } else if (typeof value === "object") {
      for (const [field, inner] of Object.entries(value)) add(`${key}[${field}]`, inner);
    } else form.append(key, String(value));
  };
  for (const [key, value] of Object.entries(values)) add(key, value);
  return form.toString();
}

/** Joins a base URL and a path template so a base path (`/v0`, `/rest/api/3`) is kept. */
export function joinUrl(baseUrl: string, path: string): URL {
  return new URL(`${baseUrl.replace(/\/+$/, "")}${path}`);
}

/**
 * Maps arguments onto an HTTP request exactly as the tool declares: path placeholders,
 * query, headers, then body. Arguments the mapping does not name go to the body for
 * methods that have one, else to the query.
 */
export function buildRequest(http: HttpMapping, baseUrl: string, args: Record<string, unknown>): UpstreamRequest {
  const wire = (name: string) => http.wireNames[name] ?? name;
  const hasBody = http.method === "POST" || http.method === "PUT" || http.method === "PATCH";
  const placeholders = new Set([...http.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ""));

  const path = http.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = args[name];
    if (value === undefined || value === null || value === "") throw new RequestBuildError(`The path needs the argument \`${name}\`.`);
    return pathSegment(name, scalar(value));
  });
  const url = joinUrl(http.baseUrl ?? baseUrl, path);
  const headers = new Headers({ accept: "application/json" });
  const bodyArgs: Record<string, unknown> = {};

  for (const [name, value] of Object.entries(args)) {
    if (value === undefined || placeholders.has(name)) continue;
    const location = http.args[name] ?? (hasBody ? "body" : "query");
    if (location === "query") {
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(wire(name), scalar(item));
    } else if (location === "header") {
      headers.set(wire(name), scalar(value));
    } else if (location === "body") {
      bodyArgs[wire(name)] = value;
    }
  }

  let body: string | undefined;
  let contentType = "application/json";
  if (http.graphqlQuery) {
    body = JSON.stringify({ query: http.graphqlQuery, variables: bodyArgs });
  } else if (http.rawBodyArg) {
    const raw = args[http.rawBodyArg];
    body = raw === undefined ? undefined : JSON.stringify(raw);
  } else if (hasBody && http.bodyEncoding === "form") {
    body = formEncode(bodyArgs);
    contentType = "application/x-www-form-urlencoded";
  } else if (hasBody) {
    body = JSON.stringify(bodyArgs);
  }
  if (body !== undefined) headers.set("content-type", contentType);
  return { method: http.graphqlQuery ? "POST" : http.method, url, headers, ...(body === undefined ? {} : { body }) };
}
