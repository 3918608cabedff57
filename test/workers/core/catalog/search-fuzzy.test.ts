import { describe, expect, it } from "vitest";
import { FuzzyVocabulary, maxTypoDistance, typoDistance } from "../../../../core/catalog/search-fuzzy.ts";
import { inflectedForms, stem } from "../../../../core/catalog/search-text.ts";

describe("typoDistance", () => {
  it("counts insertions, deletions, substitutions and swaps of neighbours as one edit each", () => {
    expect(typoDistance("list", "list", 2)).toBe(0);
    expect(typoDistance("lsit", "list", 2)).toBe(1);
    expect(typoDistance("isue", "issue", 2)).toBe(1);
    expect(typoDistance("crete", "create", 2)).toBe(1);
    expect(typoDistance("shedule", "schedule", 2)).toBe(1);
    expect(typoDistance("calnedar", "calendar", 2)).toBe(1);
    expect(typoDistance("reposotory", "repository", 2)).toBe(1);
  });

  it("gives up past the bound instead of finishing the table", () => {
    expect(typoDistance("abcdef", "uvwxyz", 1)).toBe(2);
    expect(typoDistance("a", "abcdefgh", 2)).toBe(3);
  });
});

describe("FuzzyVocabulary", () => {
  it("prefers a term near the word as written to one near only its stem", () => {
    // "purpse" is one edit from "purpose"; its stem "purps" is one from "purgs", which nobody writes.
    const terms = new FuzzyVocabulary(["purpos", "purg"], (term) => (term === "purg" ? 100 : 1), inflectedForms);
    expect(terms.nearest(["purpse", stem("purpse")])).toBe("purpos");
  });


  const df: Record<string, number> = { list: 50, lost: 2, issue: 30, gmail: 10, email: 40, creat: 60, cache: 5 };
  const vocabulary = new FuzzyVocabulary(Object.keys(df), (term) => df[term] ?? 0);

  it("finds the nearest term, short words allowing one edit and long ones two", () => {
    expect(maxTypoDistance(3)).toBe(0);
    expect(maxTypoDistance(5)).toBe(1);
    expect(maxTypoDistance(9)).toBe(2);
    expect(vocabulary.nearest(["gmial"])).toBe("gmail");
    expect(vocabulary.nearest(["isue"])).toBe("issue");
    // A swap of the first two letters is found through the second letter's bucket.
    expect(vocabulary.nearest(["lsit"])).toBe("list");
  });

  it("prefers, among equally near terms, the one more tools use", () => {
    expect(vocabulary.nearest(["lest"])).toBe("list");
  });

  it("answers nothing for words too short or too far from every term", () => {
    expect(vocabulary.nearest(["lst"])).toBeUndefined();
    expect(vocabulary.nearest(["zyzzyva"])).toBeUndefined();
  });

  it("measures a typo against the words people write, not only the stems the index keeps", () => {
    // "meetng" is two edits from the stem "meet" but one from "meeting".
    const stems = new FuzzyVocabulary(["meet", "creat", "issu"], () => 1);
    expect(stems.nearest(["meetng"])).toBeUndefined();
    const written = new FuzzyVocabulary(["meet", "creat", "issu"], () => 1, inflectedForms);
    expect(written.nearest(["meetng"])).toBe("meet");
    expect(written.nearest(["isue"])).toBe("issu");
    expect(written.nearest(["crated"])).toBe("creat");
    // Between a term and another term's spelling as near, the term (it is compared first).
    expect(new FuzzyVocabulary(["meet", "meetings"], () => 1, inflectedForms).nearest(["meetinsg"])).toBe("meetings");
  });

  it("breaks ties by keeping the first letter, then, where a verb stands, by the verb", () => {
    const terms = new FuzzyVocabulary(["allow", "follow", "code", "clos", "gather", "watch"], (term) => (term === "allow" || term === "code" || term === "gather" ? 9 : 1), inflectedForms);
    // "fllow" is one edit from allow and from follow: people rarely mistype the first letter.
    expect(terms.nearest(["fllow"])).toBe("follow");
    // "wather" is one edit from gather and from "watcher", a spelling of watch.
    expect(terms.nearest(["wather"])).toBe("watch");
    // "cote" is one edit from code and from cope, each a letter struck wrong: where a verb stands, the verb.
    const verbs = new FuzzyVocabulary(["code", "cope"], (term) => (term === "code" ? 9 : 1), inflectedForms);
    expect(verbs.nearest(["cote"])).toBe("code");
    expect(verbs.nearest(["cote"], (term) => term === "cope")).toBe("cope");
  });

  it("breaks ties by keeping every letter typed: a letter dropped or swapped is likelier than one struck wrong", () => {
    const terms = new FuzzyVocabulary(["code", "clos", "star", "status"], (term) => (term === "code" || term === "star" ? 9 : 1), inflectedForms);
    // "cose" is one edit from code (s for d) and from close (l dropped); "staus" from stars and status.
    expect(terms.nearest(["cose"])).toBe("clos");
    expect(terms.nearest(["staus"])).toBe("status");
  });

  it("prefers a toolkit's name to a verb as near, even where a verb stands", () => {
    // "stwipe" is one edit from stripe and from the verb swipe, neither keeping every letter typed.
    const terms = new FuzzyVocabulary(["stripe", "swipe"], (term) => (term === "swipe" ? 9 : 1), inflectedForms, new Set(["stripe"]));
    expect(terms.nearest(["stwipe"], (term) => term === "swipe")).toBe("stripe");
    expect(new FuzzyVocabulary(["stripe", "swipe"], (term) => (term === "swipe" ? 9 : 1), inflectedForms).nearest(["stwipe"], (term) => term === "swipe")).toBe("swipe");
    // "stirpe" swaps two letters of stripe: it keeps them all, and "stirre" (of stir) does not.
    expect(new FuzzyVocabulary(["stripe", "stir"], (term) => (term === "stir" ? 9 : 1), inflectedForms).nearest(["stirpe", "stirp"], (term) => term === "stir")).toBe("stripe");
  });

  it("corrects a three-letter word one edit away only to a verb, and only when asked to", () => {
    const verbs = new Set(["list", "creat"]);
    expect(vocabulary.nearest(["lst"], (term) => verbs.has(term))).toBe("list");
    // "lost" is as near but says no action; the stem of a longer word is not a three-letter word.
    expect(vocabulary.nearest(["lot"], (term) => verbs.has(term))).toBeUndefined();
    expect(vocabulary.nearest(["lies", "lie"], (term) => term === "lost")).toBeUndefined();
  });

  it("finds what comparing every term would find: the letter filter only skips terms too far", () => {
    // A seeded pseudo-random vocabulary and misspellings of it, including non-ASCII and digits.
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const alphabet = "abcdeilmnorstuyzé0";
    const word = (length: number) => Array.from({ length }, () => alphabet[next(alphabet.length)]).join("");
    const terms = Array.from({ length: 400 }, () => word(3 + next(8)));
    const weight = (term: string) => term.length + term.charCodeAt(0);
    const filtered = new FuzzyVocabulary(terms, weight);
    const bruteForce = (form: string) => {
      const max = maxTypoDistance(form.length);
      if (max === 0) return undefined;
      // Nearest, then keeping the first letter, then the weight.
      let best: [term: string, rank: number[]] | undefined;
      for (const term of new Set(terms)) {
        if (term.length < 3 || (term[0] !== form[0] && term[0] !== form[1] && term[1] !== form[0] && term[1] !== form[1])) continue;
        const distance = typoDistance(form, term, max);
        if (distance > max) continue;
        const rank = [-distance, term[0] === form[0] ? 1 : 0, weight(term)];
        const first = best && rank.findIndex((r, i) => r !== best?.[1][i]);
        if (!best || (first !== undefined && first >= 0 && (rank[first] ?? 0) > (best[1][first] ?? 0))) best = [term, rank];
      }
      return best?.[0];
    };
    for (let i = 0; i < 600; i++) {
      const base = terms[next(terms.length)] ?? "";
      const at = next(base.length);
      const form = next(2) === 0 ? base.slice(0, at) + word(1) + base.slice(at + 1) : base.slice(0, at) + word(2) + base.slice(at);
      expect(filtered.nearest([form]), form).toBe(bruteForce(form));
    }
  });
});

describe("inflectedForms", () => {
  it("lists the written words that stem to a term", () => {
    expect(inflectedForms("meet")).toEqual(expect.arrayContaining(["meets", "meeting"]));
    expect(inflectedForms("creat")).toEqual(expect.arrayContaining(["create", "created", "creating"]));
    for (const word of inflectedForms("issu")) expect(stem(word)).toBe("issu");
  });
});
