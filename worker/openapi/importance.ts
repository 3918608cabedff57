import { tokenize } from "../../core/catalog/search-text.ts";
import type { Method } from "./types.ts";

/**
 * Which tools get the `important` tag (the ones agents reach for first), from the shape of
 * the API and the toolkit's description: core CRUD — list and create on a collection (a PUT
 * there too: Xero creates invoices so, SendGrid upserts contacts, YouTube updates videos), get,
 * update and delete on an item — of top-level resources (short paths), capped at a share of
 * the toolkit. The resources the description names come first ("track packages": ShipEngine's
 * /tracking before its /tags), then those with the most operations. An operation on one item
 * comes before its twin across items (`bulkTwinShifts`).
 */

export interface ImportanceCandidate {
  slug: string;
  method: Method;
  /** The operation's path template in the document. */
  path: string;
}

const VERSION_SEGMENT = /^(v\d+(\.\d+)*[a-z]*|\d+(\.\d+)*|api|rest)$/i;
const MAX_RESOURCE_SEGMENTS = 2;
const MAX_PLACEHOLDERS = 2;

function segmentsOf(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/** The static segments every path starts with (`/gmail/v1`), which say nothing about the resource. */
function commonPrefixLength(paths: readonly string[]): number {
  const split = paths.map(segmentsOf);
  let length = 0;
  for (;;) {
    const segment = split[0]?.[length];
    if (segment === undefined || segment.includes("{") || !split.every((segments) => segments.length > length + 1 && segments[length] === segment)) return length;
    length++;
  }
}

/** Whether one of the path's resource names is a word of the description (both as the search stems them). */
function namedIn(described: ReadonlySet<string>, statics: readonly string[]): boolean {
  return statics.some((segment) => tokenize(segment).some((term) => described.has(term)));
}

/**
 * Google's APIs update an item with a custom method POSTed to it (`/documents/{documentId}:batchUpdate`,
 * AIP-136): the only way to change a Google Doc's text, as core as a PATCH elsewhere.
 */
function updatesByCustomMethod(candidate: ImportanceCandidate, lastSegment: string): boolean {
  const custom = /\}:(\w+)$/.exec(lastSegment)?.[1];
  return candidate.method === "POST" && custom !== undefined && /update$/i.test(custom);
}

/**
 * `POST /droplets/actions` acts on every droplet with a tag; `POST /droplets/{id}/actions` on
 * one droplet, which is what a request names ("reboot web-01"). Where both exist, they trade
 * places: the per-item operation ranks as the bulk one would by its shorter path, and the bulk
 * one after it. Returns how many places each such operation moves (−1 up, +1 down).
 */
function bulkTwinShifts(candidates: readonly ImportanceCandidate[], resourceOf: (c: ImportanceCandidate) => string[]): Map<string, number> {
  const slugByKey = new Map(candidates.map((c) => [`${c.method} ${resourceOf(c).join("/")}`, c.slug]));
  const shifts = new Map<string, number>();
  for (const candidate of candidates) {
    const [collection, item, sub, ...rest] = resourceOf(candidate);
    if (rest.length > 0 || sub === undefined || !item!.includes("{") || collection!.includes("{") || sub.includes("{")) continue;
    const bulk = slugByKey.get(`${candidate.method} ${collection}/${sub}`);
    if (bulk === undefined) continue;
    shifts.set(candidate.slug, -1);
    shifts.set(bulk, 1);
  }
  return shifts;
}

export function importantSlugs(candidates: readonly ImportanceCandidate[], share: number, description = ""): Set<string> {
  if (share <= 0 || candidates.length === 0) return new Set();
  const prefix = commonPrefixLength(candidates.map((c) => c.path));
  const resourceOf = (c: ImportanceCandidate) => segmentsOf(c.path).slice(prefix).filter((s) => !VERSION_SEGMENT.test(s));
  const operationsPerResource = new Map<string, number>();
  for (const candidate of candidates) {
    const first = resourceOf(candidate).find((s) => !s.includes("{")) ?? "";
    operationsPerResource.set(first, (operationsPerResource.get(first) ?? 0) + 1);
  }
  const described = new Set(tokenize(description));
  const twinShifts = bulkTwinShifts(candidates, resourceOf);
  const ranked: { slug: string; named: boolean; score: number; weight: number }[] = [];
  for (const candidate of candidates) {
    const segments = resourceOf(candidate);
    const statics = segments.filter((s) => !s.includes("{"));
    const placeholders = segments.length - statics.length;
    if (statics.length === 0 || statics.length > MAX_RESOURCE_SEGMENTS || placeholders > MAX_PLACEHOLDERS) continue;
    const onItem = segments.at(-1)?.includes("{") === true;
    const crud = onItem
      ? ["GET", "PUT", "PATCH", "DELETE"].includes(candidate.method) || updatesByCustomMethod(candidate, segments.at(-1) ?? "")
      : candidate.method === "GET" || candidate.method === "POST" || candidate.method === "PUT";
    if (!crud) continue;
    const methodCost = candidate.method === "DELETE" || candidate.method === "PUT" ? 1 : 0;
    const score = statics.length * 2 + placeholders + methodCost + (twinShifts.get(candidate.slug) ?? 0);
    ranked.push({ slug: candidate.slug, named: namedIn(described, statics), score, weight: operationsPerResource.get(statics[0]!) ?? 0 });
  }
  ranked.sort((a, b) => Number(b.named) - Number(a.named) || a.score - b.score || b.weight - a.weight || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const cap = Math.max(Math.min(3, candidates.length), Math.round(candidates.length * share));
  return new Set(ranked.slice(0, cap).map((r) => r.slug));
}
