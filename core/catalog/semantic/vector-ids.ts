/**
 * Ids of the semantic index's vectors. Each tool has one vector for what it is (id: its slug)
 * and one per users' phrasing of it ("shoot them an email" for GMAIL_SEND_EMAIL), so a request
 * worded like one of those phrasings lands near it even where the tool's own description says
 * it otherwise — as the lexical search matches each phrasing on its own (search.ts).
 *
 * A phrasing's id must name its tool within Vectorize's 64 bytes, and be read back without its
 * metadata (a query returns up to 100 matches only when it returns neither values nor
 * metadata). A slug may take all 64 bytes, so the id carries a hash of it: `~<n>~<hash>`,
 * resolved through a table of the catalog's slugs. A vector of a tool the catalog no longer
 * has resolves to nothing and is dropped.
 */

/** The catalog allows twelve phrasings a tool (catalog/vocabulary.ts). */
export const MAX_PHRASINGS_PER_TOOL = 12;

const PHRASING_ID = /^~(\d{1,2})~([0-9a-z]{14})$/;

/** FNV-1a, 32 bits, from a given offset basis. */
function fnv1a(text: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Two FNV-1a hashes from different bases, in base 36: 14 characters, and no two slugs of the catalog alike (a test checks). */
export function slugHash(slug: string): string {
  return `${fnv1a(slug, 0x811c9dc5).toString(36).padStart(7, "0")}${fnv1a(slug, 0x9e3779b9).toString(36).padStart(7, "0")}`;
}

/** The id of a tool's `n`-th phrasing vector (0-based). */
export function phrasingVectorId(slug: string, n: number): string {
  return `~${n}~${slugHash(slug)}`;
}

/** Reads vector ids back as tool slugs. */
export class VectorIds {
  readonly #slugByHash = new Map<string, string>();
  readonly #slugs: ReadonlySet<string>;

  /** `slugs`: the catalog's tools (a tool vector's id is its slug). */
  constructor(slugs: Iterable<string>) {
    this.#slugs = new Set(slugs);
    for (const slug of this.#slugs) this.#slugByHash.set(slugHash(slug), slug);
  }

  /** The tool a vector stands for, or undefined when the catalog has no such tool. */
  slugOf(id: string): string | undefined {
    const phrasing = PHRASING_ID.exec(id);
    if (phrasing) return this.#slugByHash.get(phrasing[2] ?? "");
    return this.#slugs.has(id) ? id : undefined;
  }
}
