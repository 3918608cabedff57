/**
 * A tiny method + path-template router: `/repos/{owner}/{repo}` matches one path segment
 * per placeholder, and segments are percent-decoded before they reach the handler.
 */
import type { Handler } from "./http.ts";

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export interface Match {
  handler: Handler;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(template), handler });
    return this;
  }

  /** The matching route, `"method"` when only the path matched, or undefined. */
  match(method: string, path: string): Match | "method" | undefined {
    const segments = split(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { handler: route.handler, params };
      pathMatched = true;
    }
    return pathMatched ? "method" : undefined;
  }
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

function matchSegments(template: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] ?? "";
    const a = actual[i] ?? "";
    if (t.startsWith("{") && t.endsWith("}")) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(a);
      } catch {
        return undefined;
      }
      params[t.slice(1, -1)] = decoded;
    } else if (t !== a) {
      return undefined;
    }
  }
  return params;
}
