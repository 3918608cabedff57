/**
 * Text handling shared by the search index builder (build time, in Node) and the query
 * side (in the Worker): accent folding, tokenizer and stemmer. Pure and dependency-free.
 * What words mean (verbs, synonyms, other languages) is data in catalog/languages/ and
 * catalog/vocabulary/, compiled into the index; only English grammar lives here.
 */

const STOP_WORDS = new Set(
  (
    "a an the and or but nor of to in on at by for with from into onto via as is are was were be been being " +
    "it its this that these those there here i me my mine we us our you your yours he him his she her they them their " +
    "what whats which who whom whose when where why how do does did done can could should would will shall may might must " +
    "please pls want wanna need needs like just some any all also then than so too very s t d ll re ve m not no yes " +
    "have has had " +
    "about up out over under again once only own same such both each few more most other if else while " +
    "e g eg ie etc use used using"
  ).split(" "),
);

/**
 * Abbreviations and spelling variants folded into one canonical form on both sides, so
 * "repo" finds "repository" at full weight.
 */
const CANONICAL: Record<string, string> = {
  repo: "repository",
  repos: "repository",
  pr: "pull request",
  prs: "pull request",
  dm: "direct message",
  dms: "direct message",
  msg: "message",
  msgs: "message",
  doc: "document",
  docs: "document",
  org: "organization",
  orgs: "organization",
  organisation: "organization",
  organisations: "organization",
  config: "configuration",
  configs: "configuration",
  env: "environment",
  envs: "environment",
  perms: "permission",
  info: "information",
  todo: "task",
  todos: "task",
  favourite: "favorite",
  favourites: "favorite",
  favorited: "favorite",
  colour: "color",
  cancelled: "canceled",
  labelled: "labeled",
  calender: "calendar",
  cal: "calendar",
  cals: "calendar",
  unsub: "unsubscribe",
  tmrw: "tomorrow",
  tmr: "tomorrow",
  emails: "email",
  "e-mail": "email",
};

const VOWELS = "aeiouy";

/** Words the suffix rules would wrongly merge with another ("news" is not "new"). */
const UNSTEMMED = new Set(["news", "series", "species", "always", "alias", "canvas", "https"]);

function hasVowel(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (VOWELS.includes(text[i] ?? "")) return true;
  return false;
}

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}

/** Ends in a doubled consonant that undoubling restores ("starr" → "star"), not ll/ss/zz ("install"). */
function endsInDoubleConsonant(w: string): boolean {
  const last = w[w.length - 1] ?? "";
  return last === w[w.length - 2] && !VOWELS.includes(last) && !"lsz".includes(last);
}

/** A table lookup that ignores Object.prototype ("constructor" is a word too). */
function lookup(table: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * A deliberately small suffix stripper (a few of Porter's steps): plurals, -ing and -ed,
 * agent nouns (-er, on stems of five letters or more), then a final silent e, so "creating",
 * "created", "creates" and "create" all give "creat", "starred" gives "star", "reviewers"
 * gives "review" and "repositories" gives "repository". String tests only, no regular
 * expressions: it runs on every query word.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || hasDigit(w) || UNSTEMMED.has(w)) return w;
  // Plurals.
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("zzes")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
  // -ing / -ed, undoubling the consonant they leave ("starred" → "star", "pinning" → "pin").
  let stripped = false;
  if (w.endsWith("ied") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ing") && w.length >= 6 && hasVowel(w, w.length - 3)) {
    w = w.slice(0, -3);
    stripped = true;
  } else if (w.endsWith("ed") && !w.endsWith("eed") && w.length >= 5 && hasVowel(w, w.length - 2)) {
    w = w.slice(0, -2);
    stripped = true;
  }
  if (stripped && w !== "add" && endsInDoubleConsonant(w)) w = w.slice(0, -1);
  // Agent nouns on longer stems: "reviewer" → "review", "watcher" → "watch", "follower" → "follow".
  if (!stripped && w.endsWith("er") && w.length >= 7) w = w.slice(0, -2);
  // Final silent e, so "create" meets "creat(ed)"; only on longer words.
  if (w.length >= 5 && w.endsWith("e") && !w.endsWith("ee")) w = w.slice(0, -1);
  return w;
}

/** Letters with a stroke or without a dot, which Unicode does not decompose into a letter and a mark. */
const STROKED: Record<string, string> = { ł: "l", ø: "o", đ: "d", ı: "i", ħ: "h" };

/**
 * Letters of other scripts that the search reads as another letter, after accents are off.
 * Cyrillic in Latin letters (so й is и, ё is е), as a lexicon keys them: a word of another script
 * would otherwise split into nothing ("Создай задачу" → "sozdai zadachu"). Arabic letters that
 * people write one for another (ى for ي, ة for ه at a word's end; the Persian keyboard's ی and ک),
 * and Arabic-Indic, Persian, Devanagari and Thai digits as digits ("PR ٤٢" is PR 42).
 */
const LETTERS: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ж: "zh", з: "z", и: "i", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r",
  с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
  і: "i", є: "ye", ґ: "g",
  "\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647", "\u06cc": "\u064a", "\u06a9": "\u0643",
  ...Object.fromEntries(["٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "๐๑๒๓๔๕๖๗๘๙"].flatMap((digits) => [...digits].map((digit, i) => [digit, String(i)]))),
};
const LETTER_OF_OTHER_SCRIPT = /[\u0400-\u04ff\u0629\u0649\u0660-\u0669\u0671\u06a9\u06cc\u06f0-\u06f9\u0966-\u096f\u0e50-\u0e59]/g;
/** Hebrew's geresh and gershayim, or the apostrophe and quote typed for them, after a letter: "ג׳ירה" and "ג'ירה" are גירה, "דו״ח" is דוח. */
const HEBREW_GERESH = /(?<=[\u05d0-\u05ea])['"\u2019\u05f3\u05f4]/g;

/**
 * Marks NFD leaves beside their letters: Latin accents, Arabic's short vowels, shadda, sukun and
 * hamza (so أ, إ and آ are ا) and the tatweel that stretches a word, and Hebrew's niqqud.
 */
const MARKS = /[\u0300-\u036f\u0640\u064b-\u065f\u0670\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]/g;

/**
 * Lower case without accents: "Envía" → "envia", "Straße" → "strasse", "Œuvre" → "oeuvre", "Załącznik" → "zalacznik", "Отправь" → "otprav",
 * "أرسل" → "ارسل".
 */
export function fold(text: string): string {
  const folded = text
    .normalize("NFD")
    .replace(MARKS, "")
    .toLowerCase()
    .replaceAll("ß", "ss")
    .replaceAll("œ", "oe")
    .replaceAll("æ", "ae")
    // Without this, "załącznik" would split into "za" and "acznik".
    .replace(/[łøđıħ]/g, (letter) => STROKED[letter] ?? letter);
  if (ASCII.test(folded)) return folded;
  const letters = folded.replace(LETTER_OF_OTHER_SCRIPT, (letter) => LETTERS[letter] ?? letter).replace(HEBREW_GERESH, "");
  // NFD takes kana's voicing marks off as it takes accents off letters ("が" is not "か"), and
  // splits each Hangul syllable into its letters: put them back together.
  return RECOMPOSED.test(letters) ? letters.normalize("NFC") : letters;
}

const ASCII = /^[\x00-\x7f]*$/;
const RECOMPOSED = /[\u3099\u309a\u1100-\u11ff]/;

/**
 * Scripts whose words the search cuts into its lexicons' words (search-segment.ts): Chinese,
 * Japanese (kana, the iteration marks, CJK ideographs) and Thai run on without spaces, so a run of
 * them is one word here; Korean, Arabic (and Persian) and Hebrew join particles, prepositions and
 * the article to the word they go with ("이메일을" is 이메일 + 을, "والرسائل" و + ال + رسائل, "במיילים"
 * ב + מיילים).
 */
const CJK = "\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
const HANGUL = "\uac00-\ud7a3\u3131-\u318e";
const ARABIC = "\u0620-\u064a\u066e-\u06d3\u06d5";
const HEBREW = "\u05d0-\u05ea";
const THAI = "\u0e01-\u0e4e";
export const SEGMENTED_SCRIPT = new RegExp(`[${CJK}${HANGUL}${ARABIC}${HEBREW}${THAI}]`);
/**
 * The scripts lexicons are grouped by: a request reads only the lexicons of the scripts it is
 * written in, so a Thai request never parses the Latin lexicons, and an English one none but
 * those (see SearchIndex.lexicons). Cyrillic lexicons key their words in Latin letters, as
 * `fold()` writes them, but are told apart by the script a request was typed in.
 */
export type ScriptGroup = "latin" | "cyrillic" | "cjk" | "hangul" | "arabic" | "hebrew" | "thai" | "devanagari";
const SCRIPTS: readonly (readonly [ScriptGroup, RegExp])[] = [
  ["cyrillic", /[\u0400-\u04ff]/],
  ["cjk", new RegExp(`[${CJK}]`)],
  ["hangul", new RegExp(`[${HANGUL}]`)],
  ["arabic", /[\u0600-\u06ff]/],
  ["hebrew", /[\u0590-\u05ff]/],
  ["thai", /[\u0e00-\u0e7f]/],
  ["devanagari", /[\u0900-\u097f]/],
];

/** The script of a lexicon's key, by its first letter that is not Latin: "латиница" cyrillic, "ईमेल" devanagari, "bhejo" latin. */
export function scriptOf(word: string): ScriptGroup {
  let first: ScriptGroup = "latin";
  let at = Number.POSITIVE_INFINITY;
  for (const [script, pattern] of SCRIPTS) {
    const index = word.search(pattern);
    if (index >= 0 && index < at) [first, at] = [script, index];
  }
  return first;
}

/**
 * The lexicon groups a request is read with: the scripts other than Latin it is written in, or
 * Latin alone. The Latin words of a Russian or Japanese request are names, values and English
 * loanwords ("замержи PR 42", "acme/apiのプルリクエスト"), not Spanish or Polish.
 */
export function requestScripts(text: string): ScriptGroup[] {
  if (ASCII.test(text)) return ["latin"];
  const scripts = SCRIPTS.filter(([, pattern]) => pattern.test(text)).map(([script]) => script);
  return scripts.length > 0 ? scripts : ["latin"];
}

/** Devanagari (Hindi) writes its words apart, its postpositions too: a word is looked up whole. Its dandas end sentences. */
const DEVANAGARI = "\u0900-\u0963\u0970-\u097f";
/** A word: a run of Latin letters and digits, or of the letters of one other script. */
const WORD = new RegExp(`[a-z0-9]+|[${CJK}]+|[${HANGUL}]+|[${ARABIC}]+|[${HEBREW}]+|[${THAI}]+|[${DEVANAGARI}]+`, "g");

/**
 * Two words that name one thing where the second alone is a stop word: "reply all" is its own
 * operation (OUTLOOK_REPLY_ALL), but "all" says nothing. The second word is read as the pair's
 * term, the first stays ("reply" still meets the other reply tools).
 */
const JOINED_PAIRS: Readonly<Record<string, string>> = { "reply all": "replyall" };

/** The term a word makes with the word before it, when the two are one of JOINED_PAIRS. */
export function joinedWithPrevious(previous: string | undefined, word: string): string | undefined {
  return previous === undefined ? undefined : lookup(JOINED_PAIRS, `${previous} ${word}`);
}

/** The plain words of a text, folded, split on anything not a letter or digit and where one script meets another; no canonical forms. */
export function rawWords(text: string): string[] {
  const words = fold(text)
    // Words people write with a hyphen and the catalog as one ("e-mail", "e-signature", "to-do").
    .replace(/\be-(?=[a-z])/g, "e")
    .replaceAll("to-do", "todo")
    // "+1" standing alone is an upvote ("+1 issue 2201", GitHub's reaction "+1"); before digits, a country code.
    .replace(/(^|\s)\+1(?=$|[.,!:;)]|\s+[^\d\s(])/g, "$1upvote")
    // Two letters joined by "&" are one word, as people also write them ("P&L" is "pnl", "Q&A" "qna").
    .replace(/\b([a-z])\s?&\s?([a-z])\b/g, "$1n$2")
    .match(WORD) ?? [];
  return words.map((word, i) => joinedWithPrevious(words[i - 1], word) ?? word);
}

/** Whether an English word is a plural form of its term ("commits", "replies"; not "status", "address"). */
export function isPlural(word: string, term: string): boolean {
  return word !== term && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is");
}

/** A word's canonical form(s), when it is an abbreviation or a spelling variant ("repo" → ["repository"]). */
export function canonicalWords(word: string): string[] | undefined {
  return lookup(CANONICAL, word)?.split(" ");
}

/** Folded words of a text, split on anything not a letter or digit (canonical forms expanded). */
export function words(text: string): string[] {
  return rawWords(text).flatMap((raw) => canonicalWords(raw) ?? [raw]);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word) || (word.length === 1 && !hasDigit(word));
}

/** Text → stemmed, canonicalized terms without stop words, in order (duplicates kept). */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) if (!isStopWord(word)) terms.push(stem(word));
  return terms;
}

/** Endings that turn a stem back into words people write ("meet" → "meeting", "creat" → "create", "created"). */
const INFLECTIONS = ["e", "s", "es", "ed", "ing", "er", "ion", "ation", "y", "ies"];

/**
 * The written words that stem to `term`, other than the term itself: what a typo is a typo of.
 * "meetng" is one edit from "meeting" but two from its stem "meet".
 */
export function inflectedForms(term: string): string[] {
  return INFLECTIONS.map((ending) => term + ending).filter((word) => stem(word) === term);
}
