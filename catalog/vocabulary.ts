import { z } from "zod";

/**
 * How people talk about a toolkit, as data beside it (catalog/vocabulary/<toolkit>.json), so
 * the search learns a new toolkit's words without a change to the ranker. Every entry is
 * general vocabulary for the app ("inbox" suggests an email toolkit, a "ticket" is an issue),
 * never a rule written for one query.
 *
 * All words are lower-case English; phrases are words separated by single spaces.
 */
export const ToolkitVocabulary = z
  .object({
    /** Other names of the app, one or two words ("office 365", "hotmail" for Outlook): they name the toolkit like its own name. */
    names: z.array(z.string().min(1)).default([]),
    /**
     * Names that are common words too, and name the app only as written with a capital inside a
     * sentence ("post it in the Teams chat" for Outlook; "our teams" names nothing). One word each,
     * written as the app writes it.
     */
    capitalisedNames: z.array(z.string().regex(/^\p{Lu}\p{Ll}+$/u, "one capitalised word, as the app writes it")).default([]),
    /**
     * One of the everyday apps agents act in most for their users (mail, calendar, chat, files,
     * docs, issues, CRM, code): a request that names or suggests no app is likelier about one of
     * them than about a niche API whose nouns it happens to share ("who owns the Pinecrest Dental
     * account now?" asks the CRM, not Plaid's account holders).
     */
    popular: z.boolean().default(false),
    /** Words that point at this toolkit without naming it ("inbox", "unread" → an email toolkit). */
    keywords: z.array(z.string().min(1)).default([]),
    /**
     * What users say → this toolkit's own API words, searched at reduced weight and only among
     * this toolkit's tools ("ticket" → "issue" in Jira; "story" → "item" in Hacker News).
     */
    synonyms: z.record(z.string().min(1), z.string().min(1)).default({}),
    /**
     * Values that point at this toolkit, as regular expressions over the request's own text →
     * the API words they stand for: an issue key ("PAY-77" → "issue" in Jira), a channel
     * ("#general" → "channel message" in Slack), "owner/repo" in GitHub. Each match suggests
     * the toolkit and searches the words among its tools.
     */
    patterns: z
      .record(
        z.string().min(1).refine((source) => {
          try {
            new RegExp(source, "u");
            return true;
          } catch {
            return false;
          }
        }, "not a valid regular expression"),
        z.string().min(1),
      )
      .default({}),
    /**
     * The tools agents use most (Composio's `important` tag), for curated toolkits; generated
     * toolkits derive the tag from their source description instead.
     */
    important: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/)).default([]),
    /**
     * How users ask for a tool, in their own words, per tool ("approve the PR", "rubber stamp it" for
     * GITHUB_CREATE_A_REVIEW_FOR_A_PULL_REQUEST): indexed with the tool, like an alias, so a
     * request phrased the way people talk finds the tool whose API words differ. General
     * phrasings of the task, never one request's wording or values.
     */
    phrases: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.array(z.string().min(1).max(120)).max(12)).default({}),
    /**
     * A tool's action classes where its slug and description mislead the derivation
     * (search-index.ts `toolActions`): GOOGLESHEETS_FIND_REPLACE finds, but what it does is replace.
     * Space-separated classes of catalog/languages/en.json `actions`.
     */
    actions: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string().regex(/^[a-z]+( [a-z]+)*$/)).default({}),
    /**
     * What another toolkit's tools do to this toolkit's things: toolkit slug → space-separated
     * action classes of catalog/languages/en.json (Google Docs: `{ "googledrive": "share export" }`,
     * since a Doc is shared and exported as a Drive file). A request that names this toolkit and
     * asks for one of them names that toolkit too.
     */
    handledBy: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.string().regex(/^[a-z]+( [a-z]+)*$/)).default({}),
    /** A prerequisite or known pitfall per tool, shown by COMPOSIO_SEARCH_TOOLS ("label IDs, not names: list labels first"). */
    pitfalls: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string().min(1).max(300)).default({}),
  })
  .strict();

export type ToolkitVocabulary = z.infer<typeof ToolkitVocabulary>;

/**
 * A language other than English, for queries written in it (catalog/languages/<code>.json):
 * each word, lower-case with accents removed ("envía" → "envia"), maps to the English words
 * the catalog uses. Inflected forms are listed as words of their own.
 */
export const LanguageLexicon = z
  .object({
    /** Words that carry no meaning for search (articles, prepositions, pronouns). */
    stopWords: z.array(z.string().min(1)).default([]),
    /** Word or phrase → English word(s), e.g. "enviar" → "send", "correo electronico" → "email". */
    words: z.record(z.string().min(1), z.string()).default({}),
    /**
     * Particles a verb leaves at the end of its clause ("Lad Max in den Channel ein" is
     * "einladen"): a clause ending with one is read with it joined back to its verb, when the
     * joined word is in `words`. German's separable prefixes; empty for most languages.
     */
    separableParticles: z.array(z.string().min(1)).default([]),
    /**
     * The language's indefinite articles ("une", "een"), read as English "a" where its other
     * function words are dropped: English readings turn on it ("open a PR" creates one, "open
     * the PR" reads it). Also listed in `stopWords`, which detect the language.
     */
    indefiniteArticles: z.array(z.string().min(1)).default([]),
    /**
     * Words that are a verb's imperative when they open a clause and a noun elsewhere (Spanish
     * "programa": "Programa un mensaje…" schedules, "el programa" is a program) → the English
     * verb; `words` holds their other reading.
     */
    openingWords: z.record(z.string().min(1), z.string()).default({}),
    /**
     * Whether the language puts its verb at the end of the clause (Japanese: "メールを送って",
     * "the email send"): the clause's last verb is read first, where English puts it and where
     * the search looks for what a request asks to do.
     */
    verbFinal: z.boolean().default(false),
    /**
     * Words that bring the object before its verb (Chinese 把: "把这封邮件转发给张伟", "this email
     * forward to Zhang Wei"): the first verb after one is read where the word stood.
     */
    objectMarkers: z.array(z.string().min(1)).default([]),
    /**
     * How the language makes a noun's plural from its singular, as [singular ending, plural
     * ending] pairs, folded (Italian ["a", "e"]: "risposta" → "risposte"). A word translated
     * alone is read as a plural where the lexicon also lists the singular a pair gives it, for
     * the same English: "mostrami le risposte" lists responses, as "show the responses" does.
     */
    pluralEndings: z.array(z.tuple([z.string(), z.string().min(1)])).default([]),
  })
  .strict();

export type LanguageLexicon = z.infer<typeof LanguageLexicon>;
