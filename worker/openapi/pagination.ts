import type { OpenApiSchema } from "./types.ts";

/**
 * Pagination parameters, recognised by name so that a model reads them as such: a cursor
 * (`cursor`, `starting_after`, `pageToken`, …), a page number, a page size, an offset.
 * A tool with a cursor, page or offset parameter is `paginated`.
 */

export type PaginationRole = "cursor" | "page" | "size" | "offset";

const ROLES: Record<PaginationRole, Set<string>> = {
  cursor: new Set([
    "cursor", "nextcursor", "pagecursor", "pagetoken", "nextpagetoken", "startingafter", "endingbefore", "after", "before",
    "continuationtoken", "continuation", "marker", "skiptoken", "pageafter", "pagebefore", "nexttoken", "starttoken",
  ]),
  page: new Set(["page", "pagenumber", "pagenum", "pageno", "pageindex"]),
  size: new Set(["perpage", "pagesize", "limit", "maxresults", "maxitems", "top", "pagelen", "pagelimit", "resultsperpage", "pagesizelimit", "maxpagesize"]),
  offset: new Set(["offset", "skip", "startindex", "startat", "startposition"]),
};

const NOTES: Record<PaginationRole, string> = {
  cursor: "Pagination cursor from the previous page's response; omit for the first page.",
  page: "Page number for pagination; omit for the first page.",
  size: "Page size: how many results to return per page.",
  offset: "Pagination offset: how many results to skip.",
};

/** `before`/`after` are often timestamps rather than cursors. */
function looksLikeTime(schema: OpenApiSchema, description: string | undefined): boolean {
  return schema.format === "date-time" || schema.format === "date" || schema.type === "integer" && /timestamp|unix/i.test(description ?? "") || /\b(date|time|timestamp)\b/i.test(description ?? "");
}

export function paginationRole(wireName: string, schema: OpenApiSchema, description: string | undefined): PaginationRole | undefined {
  const key = wireName.toLowerCase().replace(/[^a-z]/g, "");
  for (const role of ["cursor", "page", "size", "offset"] as const) {
    if (!ROLES[role].has(key)) continue;
    if (role === "cursor" && (key === "after" || key === "before") && looksLikeTime(schema, description)) return undefined;
    return role;
  }
  return undefined;
}

export function paginationNote(role: PaginationRole): string {
  return NOTES[role];
}

/** A sentence for the tool description naming how to get further pages. */
export function paginationSentence(argumentsByRole: Map<PaginationRole, string>): string | undefined {
  const position = argumentsByRole.get("cursor") ?? argumentsByRole.get("page") ?? argumentsByRole.get("offset");
  if (!position) return undefined;
  const size = argumentsByRole.get("size");
  return `Paginated: use \`${position}\`${size ? ` and \`${size}\`` : ""} to fetch further pages.`;
}
