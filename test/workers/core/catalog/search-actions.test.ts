import { describe, expect, it } from "vitest";
import englishJson from "../../../../catalog/languages/en.json";
import { ACTION_FACTOR, actionScorer } from "../../../../core/catalog/search-action-score.ts";
import { queryActions, type ActionWord } from "../../../../core/catalog/search-actions.ts";
import { isStopWord, rawWords, stem } from "../../../../core/catalog/search-text.ts";
import { compileEnglish } from "../../../../core/catalog/search-vocabulary.ts";

const english = compileEnglish(englishJson);
const vocabulary = { english, nounVerbs: new Set(english.nounVerbs) };

/** Words as the query reader hands them over, with clause openings after punctuation. */
function wordsOf(text: string): ActionWord[] {
  return text.split(/[,;:]/).flatMap((clause) => {
    let opening = true;
    return rawWords(clause).map((word) => {
      const token: ActionWord = { word, term: stem(word), stop: isStopWord(word) };
      if (opening && !token.stop) {
        token.clauseStart = true;
        opening = false;
      }
      return token;
    });
  });
}

const primary = (text: string) => [...queryActions(vocabulary, wordsOf(text)).primary].sort();

describe("queryActions", () => {
  it("takes the first verb in a verb's place as the action", () => {
    expect(primary("send an email to Bob")).toEqual(["send"]);
    expect(primary("list my open pull requests")).toEqual(["list"]);
    expect(primary("please delete the draft")).toEqual(["delete"]);
    expect(primary("I need to create a ticket")).toContain("create");
  });

  it("reads a state that has outlived its reason as a request to end it", () => {
    expect(primary("Dana's row in our Notion candidate pipeline still says Interviewing")).toEqual(["update"]);
    expect(primary("the budget sheet still has last year's numbers")).toEqual(["update"]);
    // Someone who has left and is still in a place is taken out; someone who still can't is let in; someone who still hasn't is nudged.
    expect(primary("Marco's last day is Friday and he's still sitting in every Slack channel")).toEqual(["delete"]);
    expect(primary("Tomás still can't get into the company Slack")).toEqual(["invite", "share"]);
    expect(primary("Pete still hasn't sent feedback on the interview")).toEqual(["send"]);
    // A verb that only refers to the situation takes its action from it.
    expect(primary("Bob left on Friday and he's still in the acme GitHub org, sort that out")).toEqual(["delete"]);
    // "still" that describes what is asked for, or the requester's own habit, asks for no change.
    expect(primary("everything under the Pending label that's still unread")).not.toContain("update");
    expect(primary("where do we still call parseLegacyInvoice?")).not.toContain("update");
    expect(primary("wher do we still call parseLegacyInvoice")).not.toContain("update");
  });

  it("reads what someone is as no verb ('I'm new to…', 'we're running low…')", () => {
    expect(primary("I'm new to this school's Google Classroom, which sections am I teaching?")).not.toContain("create");
    expect(primary("we're done with the Q3 board")).not.toContain("update");
    // A hyphenated "re-" is no "we're".
    expect(primary("re-run the failed jobs in workflow run 8812345")).toContain("run");
  });

  it("reads 'hold' opening a request as holding time: an event is created", () => {
    expect(primary("hold 2-3pm wed for the candidate debrief")).toEqual(["create"]);
  });

  it("reads a person someone gets into a place as invited to it", () => {
    expect(primary("Felix just joined design, get him into all the design channels on Slack")).toEqual(["invite"]);
    const priya = wordsOf("get Priya set up in the acme GitHub org").map((w) => (w.word === "priya" ? { ...w, person: true } : w));
    expect([...queryActions(vocabulary, priya).primary]).toEqual(["invite"]);
    // A thing got into a place is put there.
    expect(primary("get this week's ticket counts into the metrics sheet")).toEqual(["create"]);
  });

  it("reads a name added to a sheet, a database or a tracker as a new record in it, and to a channel as an invite", () => {
    const withPerson = (text: string, name: string) => [...queryActions(vocabulary, wordsOf(text).map((w) => (w.word === name ? { ...w, person: true } : w))).primary];
    expect(withPerson("add Dana Reyes to the Applicants tracker with stage Interview", "dana")).toEqual(["create"]);
    expect(withPerson("add Initech to the Vendors database in Notion", "initech")).toEqual(["create"]);
    expect(withPerson("add Dana to #design-crit", "dana")).toEqual(["invite"]);
    expect(withPerson("add Dana to the Thursday planning meeting", "dana")).toEqual(["invite"]);
  });

  it("reads a situation stated without a verb or a question as no action to weigh, and a noun phrase or a question as reading", () => {
    const situation = (text: string) => queryActions(vocabulary, wordsOf(text)).situation === true;
    expect(situation("Priya's on leave and her three design reviews are due this week")).toBe(true);
    expect(situation("the vendor payment run can't go out before Friday")).toBe(true);
    expect(situation("my unread emails")).toBe(false);
    expect(situation("label id for Bug in linear")).toBe(false);
    expect(situation("I wonder whether the vendor ever replied about the payment run")).toBe(false);
  });

  it("reads a question what people say about something as a search for it", () => {
    expect(primary("Is anyone on Hacker News talking about our competitor Loomly?")).toEqual(["search"]);
    expect(primary("what are people saying about the launch on Twitter?")).toEqual(["search"]);
    // About an identified item, the item is read.
    const item = wordsOf("what are commenters saying about item 39281734?").map((w) => (w.word === "39281734" ? { ...w, value: true } : w));
    expect(queryActions(vocabulary, item).assumed).toBe(true);
  });

  it("reads 'make sure' by the state it asks for, not as making", () => {
    expect(primary("make sure the Notion project page shows it's done")).toEqual(["update"]);
    // An app that should know has its records changed.
    expect([...queryActions({ ...vocabulary, toolkitSlugs: new Set(["square"]) }, wordsOf("40 more tote bags just arrived — make sure Square knows")).primary]).toEqual(["update"]);
    expect(primary("make sure the XSS report gets tracked in the SEC project")).toEqual(["create"]);
    expect(primary("Tomás needs a monitor by Friday; make sure IT has it on their Asana list")).toEqual(["create"]);
    expect(primary("make sure the auditors can see the finance folder in Box")).toEqual(["share"]);
    expect(primary("Make sure the whole team sees that the office is closed Monday")).toEqual(["send"]);
    // A verb in its place after it is still the act.
    expect(primary("make sure to send the report to Dana")).toEqual(["send"]);
  });

  it("reads someone who should learn something as a request to tell them", () => {
    expect(primary("The parents of 4B need to know the field trip moved to May 9")).toEqual(["send"]);
    expect(primary("the whole team should hear about the Halden win in the sales channel")).toEqual(["send"]);
    expect(queryActions(vocabulary, wordsOf("Ana needs to hear from us today that the fix ships")).messageFrom).toBe(4);
    // Not the requester wanting to know, nor someone who should not.
    expect(primary("I need to know the Q3 numbers")).not.toContain("send");
    expect(primary("the client shouldn't know about the discount")).not.toContain("send");
  });

  it("reads what follows 'whether' as asked, up to the next clause or 'and'", () => {
    expect(primary("I need to know whether the client ever got back to me")).not.toContain("send");
    expect(primary("check whether SendGrid has him bounced and delete the bounce")).toEqual(["get"]);
    expect(queryActions(vocabulary, wordsOf("check whether SendGrid has him bounced and delete the bounce")).secondary).toContain("delete");
  });

  it("knows the everyday verbs people use for putting and reminding ('slap', 'stick', 'nudge')", () => {
    expect(primary("slap the bug label on ENG-12")).toContain("update");
    expect(primary("stick the runbook message to the top of #sre")).toContain("update");
    expect(primary("nudge Sam about the overdue invoice")).toEqual(["send"]);
  });

  it("reads nouns that double as verbs as verbs only where a verb stands", () => {
    expect(primary("file a bug")).toContain("create");
    expect(primary("share the file with Ana")).toContain("share");
    expect(primary("share the file with Ana")).not.toContain("create");
    expect(primary("email the report to finance")).toEqual(["send"]);
    // Messages and posts named by their app's noun: "SMS …", "tweet …", "toot …"; and "bill …" invoices.
    expect(primary("SMS the customer that the tech is 15 min out")).toEqual(["send"]);
    expect(primary("toot the release announcement from our Mastodon account")).toEqual(["create", "send"]);
    expect(primary("bill Coastal Coffee $1,800 for the March catering")).toEqual(["create"]);
    expect(primary("tweets mentioning #kubecon this week")).not.toContain("create");
  });

  it("recognises two-word verbs, also with words between them", () => {
    expect(primary("set up a meeting")).toEqual(["create"]);
    expect(primary("let the whole team know")).toEqual(["send"]);
    // What follows "let … know" is the message, not what the request is about.
    const words = wordsOf("let Marta know I'll be late to the meeting");
    expect(words[queryActions(vocabulary, words).messageFrom]?.word).toBe("i");
    expect(primary("get rid of the old branch")).toEqual(["delete"]);
    // What is left is written; what "leave" alone names is left.
    expect(primary("leave a note on PR 73 asking the author to rebase")).toEqual(["comment"]);
    expect(primary("leave the #random channel")).toEqual(["leave"]);
    // "drop" puts a thing on, in or into a place and takes it from one; the place is no message.
    expect(primary("drop a 🚀 on Priya's announcement in #general").sort()).toEqual(["create", "send"]);
    expect(primary("drop the release checklist into the Ops folder").sort()).toEqual(["create", "send"]);
    expect(primary("drop the Monday standup from my calendar")).toEqual(["delete"]);
    expect(queryActions(vocabulary, wordsOf("drop the build link in the release channel")).messageFrom).toBe(-1);
  });

  it("reads questions and requests without a verb as reading", () => {
    const question = queryActions(vocabulary, wordsOf("who starred my repo"));
    expect(question.assumed).toBe(true);
    expect([...question.primary].sort()).toEqual(["get", "list", "search"]);
    expect(queryActions(vocabulary, wordsOf("my unread emails")).assumed).toBe(true);
    expect(primary("is there a way to send an invoice")).toEqual(["send"]);
    // A question about things asks for them: its verbs say what they are for.
    expect(queryActions(vocabulary, wordsOf("which fields are required to create a story")).assumed).toBe(true);
    expect(queryActions(vocabulary, wordsOf("what labels can you add to an issue")).assumed).toBe(true);
    expect(primary("what can you do to send an invoice")).toEqual(["send"]);
  });

  it("finds the verb behind a lead-in: fillers, 'help me', 'go ahead and'", () => {
    for (const text of ["ok so merge the pull request", "now merge the pull request", "help me merge the pull request", "go ahead and merge the pull request", "kindly merge the pull request"]) {
      expect(primary(text), text).toEqual(["merge"]);
    }
  });

  it("reads a short verb's -ing form, whose stem lost its e, as the verb", () => {
    expect(primary("moving the meeting to Friday")).toEqual(primary("move the meeting to Friday"));
    expect(queryActions(vocabulary, wordsOf("moving the meeting to Friday")).assumed).toBe(false);
    expect(primary("sharing the deck with Ana")).toEqual(primary("share the deck with Ana"));
  });

  it("lets a later clause open with its own verb", () => {
    expect(primary("on GitHub, list my pull requests")).toEqual(["list"]);
  });

  it("reads a word that doubles as a verb as the thing it names in an agent's terse request", () => {
    const reads = (text: string) => queryActions(vocabulary, wordsOf(text)).assumed;
    expect(reads("files changed in pull request 412")).toBe(true);
    expect(reads("label id for Bug in linear")).toBe(true);
    expect(reads("open issues in acme/api")).toBe(true);
    // As verbs they still act.
    expect(primary("file a bug in the API project")).toContain("create");
    expect(primary("label the issue as a bug")).toContain("update");
    expect(primary("open a pull request")).toEqual(["create"]);
  });

  it("reads 'tell', 'give' and 'prep' by whom they are for: the requester reads, anything else is sent, shared or made", () => {
    expect(primary("tell me the droplet's IP")).toEqual(["get"]);
    expect(primary("give me the list of open invoices")).toEqual(["get"]);
    expect(primary("tell #eng the VPN is down")).toEqual(["send"]);
    expect(primary("give jsmith write access to the repo")).toEqual(["share"]);
    // Getting the requester ready for something looks up what there is on it; preparing a thing makes it.
    expect(primary("prep me for the Northwind call tomorrow")).toEqual(["list", "search"]);
    expect(primary("prepare us for Thursday's board meeting")).toEqual(["list", "search"]);
    expect(primary("prep the Q3 report")).toEqual(["create"]);
    expect(primary("fill me in on the Globex deal")).toEqual(["get"]);
    expect(primary("fill in the budget sheet")).toEqual(["update"]);
  });

  it("reads 'get' people 'to' do something as asking it of them", () => {
    expect(primary("get dana-k and li-wei to review PR 58 on acme/api")).toEqual(["request"]);
    expect(primary("pls get @dana and @li-wei to look at PR 311")).toEqual(["request"]);
    expect(primary("get @nina-k and @omarb eyes on acme/api#482")).toEqual(["request"]);
    // A thing, or the requester, is got somewhere: no one is asked.
    expect(primary("get the report to finance")).not.toContain("request");
    expect(primary("get a copy of the contract to Legal")).not.toContain("request");
  });

  it("reads 'get it into' a place as putting it there, not reading it", () => {
    expect(primary("their login is broken, get it into our HubSpot support queue")).toEqual(["create"]);
    expect(primary("QA found a regression — get it tracked and in front of the payments team")).toEqual(["create"]);
    // Any thing "get" names, put "into" or "onto" a place, is put there; "in" a place, read.
    expect(primary("get this week's ticket counts per agent into the support metrics sheet")).toEqual(["create"]);
    expect(primary("get the files in the Finance folder")).not.toContain("create");
    expect(primary("who can get into the old cap table sheet?")).not.toContain("create");
  });

  it("reads what is to happen by itself from now on as a rule or a setting to make or change", () => {
    expect(primary("auto-forward all my Gmail to jane.doe@proton.me")).toEqual(["create", "update"]);
    expect(primary("forward all my mail to jo.park@gmail.com automatically")).toEqual(["create", "update"]);
    expect(primary("forward all my incoming mail to sam@newco.com from now on")).toEqual(["create", "update"]);
    expect(queryActions(vocabulary, wordsOf("auto-forward all my Gmail to jane.doe@proton.me")).secondary).toContain("send");
    // Whatever verb the act has, even one of reading ("get the VIP label"), and with no verb at all.
    expect(primary("From now on, anything from @globex.com in Gmail should automatically get the VIP label.")).toEqual(["create", "update"]);
    expect(primary("From now on, every InMail alert should skip my inbox")).toEqual(["create", "update"]);
    // A wish never to see something again.
    expect(primary("I never want to see cold outreach from growthhackers.io land in my inbox again")).toEqual(["create", "update"]);
    // Once, describing a thing, or asked about, it is the act itself.
    expect(primary("does Gmail automatically forward my mail?")).toEqual(["get", "list", "search"]);
    expect(primary("forward the invoice to jo.park@gmail.com")).toEqual(["send"]);
    expect(primary("cut v1.0.0 on acme/sdk-js with auto-generated release notes")).toEqual(["create"]);
  });

  it("tells 'get back to' someone (a reply) from getting something back (a restore)", () => {
    expect(primary("get back to Dana about the proposal")).toEqual(["reply"]);
    expect(primary("get back the email I deleted")).toEqual(["restore"]);
    expect(primary("get the deleted doc back")).toEqual(["restore"]);
    expect(primary("need the old draft back")).toEqual(["restore"]);
    expect(primary("pull the plug on the nightly build")).toEqual(["delete"]);
  });

  it("reads a need for a new thing, with no verb of its own, as a request to create it", () => {
    expect(primary("we need a voice channel called Raid Night")).toEqual(["create"]);
    expect(primary("the budget spreadsheet needs a new Q4 tab")).toEqual(["create"]);
    // A thing of one's own is a new one too.
    expect(primary("the interns need their own channel for questions")).toEqual(["create"]);
    // A need for the thing itself, not a new one, reads nothing new into it.
    expect(queryActions(vocabulary, wordsOf("we need the Q3 numbers")).primary.has("create")).toBe(false);
  });

  it("reads someone who should be able to see or edit a thing as a request to share it", () => {
    expect(primary("make sure the auditors can see the finance folder")).toEqual(["share"]);
    expect(primary("Nadia should be able to edit the campaign folder")).toEqual(["share"]);
    expect(primary("the contractors need to be able to read our guidelines")).toEqual(["share"]);
    // Not the requester asking, nor a message only someone can see, nor a question.
    expect(primary("I can see the folder but cannot open it")).not.toContain("share");
    expect(primary("send a message in #general that only Jake can see")).toEqual(["send"]);
    expect(primary("can Nadia see the folder?")).not.toContain("share");
  });

  it("reads someone who should no longer see a thing as a request to take the access away", () => {
    expect(primary("the old contractor shouldn't be able to see the budget anymore")).toEqual(["delete"]);
    expect(primary("Sam moved teams, so he shouldn't have access to my calendar")).toEqual(["delete"]);
    // Someone who cannot see it is to be given access: the request reports the problem.
    expect(primary("the interns can't edit the roadmap")).toEqual(["share"]);
  });
});

describe("actionScorer", () => {
  const asked = (text: string) => queryActions(vocabulary, wordsOf(text));

  it("reads 'log … in' with an object between as logging a thing, not logging in", () => {
    expect(primary("log a bug in the PAY project")).toEqual(["create"]);
    expect(primary("log in to the Jira site")).toEqual(["get"]);
  });

  it("reads someone who can still see or push to a thing as access to take away", () => {
    expect(primary("the ex-contractor can still open our design folder")).toEqual(["delete"]);
    expect(primary("the intern can still push to acme/mobile")).toEqual(["delete"]);
    // Still unable, they are to be let in.
    expect(primary("the new contractor still can't push to acme/mobile")).not.toContain("delete");
  });

  it("reads 'grant' as a thing away from a verb's place, and as granting in it", () => {
    expect(primary("the program officer says our interim grant report is late")).not.toContain("share");
    expect(primary("grant jo@acme.com edit access to the Q3 folder")).toEqual(["share"]);
  });

  it("reads a thing nobody uses anymore as one to archive or remove", () => {
    expect(primary("nobody has posted in #standup-2022 for months")).toEqual(["delete", "update"]);
    expect(primary("no one has touched the old staging droplet since March")).toEqual(["delete", "update"]);
    // A verb says what to do.
    expect(primary("post in #standup asking why nobody has posted this week")).toEqual(["send"]);
  });

  it("reads 'page' opening a request as sending, and a page elsewhere as a thing", () => {
    expect(primary("page #db-oncall: replica lag over 30s")).toEqual(["send"]);
    expect(primary("archive the page about onboarding")).not.toContain("send");
  });

  it("reads 'thumbs-up' opening a request as a reaction, though 'thumbs' looks like a plural noun", () => {
    expect(primary("thumbs-up Ana's message in #design")).toEqual(["react"]);
    expect(primary("thumbs up the last comment on issue 90")).toEqual(["react"]);
  });

  it("lifts tools that do what was asked and pushes down reading tools for writing requests", () => {
    expect(actionScorer(english, asked("send an email"))(["send"])).toBe(ACTION_FACTOR.exact);
    expect(actionScorer(english, asked("send an email"))(["create"])).toBe(ACTION_FACTOR.near);
    expect(actionScorer(english, asked("send an email"))(["list"])).toBe(ACTION_FACTOR.wrong);
    expect(actionScorer(english, asked("delete the event"))(["create"])).toBe(ACTION_FACTOR.opposite);
    expect(actionScorer(english, asked("my unread emails"))(["list"])).toBe(ACTION_FACTOR.assumedRead);
    expect(actionScorer(english, asked("my unread emails"))(["send"])).toBe(ACTION_FACTOR.assumedOther);
    // A situation stated without a verb may ask for a change as much as for a look.
    expect(actionScorer(english, asked("the Initech renewal has gone quiet for three weeks"))(["update"])).toBe(ACTION_FACTOR.situation);
    expect(actionScorer(english, asked("the Initech renewal has gone quiet for three weeks"))(["list"])).toBe(ACTION_FACTOR.situation);
    expect(actionScorer(english, asked("send an email"))([])).toBe(ACTION_FACTOR.unknown);
  });

  it("takes a tool that searches as one that lists, and not the other way round", () => {
    // A search with filters lists what matches; a list cannot look for words.
    expect(actionScorer(english, asked("list the open bugs in CORE with Highest priority"))(["search"])).toBe(ACTION_FACTOR.exact);
    expect(actionScorer(english, asked("search the issues for 'timeout'"))(["list"])).toBe(ACTION_FACTOR.near);
  });
});
