import { beforeAll, describe, expect, it } from "vitest";
import tuneJson from "../../../../catalog/search-eval/tune.json";
import { connectAccount, createAuthConfig, newTenant, type Tenant } from "../../fixtures.ts";
import { createSession, executeMeta } from "./session-fixtures.ts";

/** COMPOSIO_SEARCH_TOOLS: several use cases per call, within the session's filters, with connection state and guidance. */
interface SearchData {
  success: boolean;
  error: string | null;
  results: { index: number; use_case: string; primary_tool_slugs: string[]; related_tool_slugs: string[]; toolkits: string[]; error: string | null }[];
  tool_schemas: Record<string, { tool_slug: string; toolkit: string; hasFullSchema: boolean; input_schema?: { type: string }; schemaRef?: { tool: string; args: { tool_slugs: string[] } } }>;
  toolkit_connection_statuses: { toolkit: string; has_active_connection: boolean; status_message: string; connection_details?: { connected_account_id: string } }[];
  next_steps_guidance: string[];
  session: { id: string; generate_id: boolean; instructions: string };
  time_info: { current_time_utc: string; current_time_utc_epoch_seconds: number; message: string };
}

let tenant: Tenant;
let account: string;

beforeAll(async () => {
  tenant = await newTenant("search");
  const githubConfig = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
  account = await connectAccount(tenant.key, githubConfig, "searcher", "BEARER_TOKEN", { token: "ghp_search" });
});

const search = async (sessionId: string, args: Record<string, unknown>) => executeMeta<SearchData>(tenant.key, sessionId, "COMPOSIO_SEARCH_TOOLS", args);

describe("COMPOSIO_SEARCH_TOOLS", () => {
  it("answers each use case with primary tools (full schemas) and related ones (schema references)", async () => {
    const session = await createSession(tenant.key, { user_id: "searcher", toolkits: ["github", "gmail", "hackernews"] });
    const { data, successful, log_id } = await search(session.session_id, {
      queries: [{ use_case: "create an issue in a github repository" }, { use_case: "find unread emails", known_fields: "label:INBOX" }],
      session: { generate_id: true },
    });
    expect(successful).toBe(true);
    expect(log_id).toMatch(/^log_/);
    expect(data.success).toBe(true);
    expect(data.results.map((r) => [r.index, r.use_case])).toEqual([
      [1, "create an issue in a github repository"],
      [2, "find unread emails"],
    ]);
    const [issues, emails] = data.results;
    expect(issues?.primary_tool_slugs).toContain("GITHUB_CREATE_AN_ISSUE");
    expect(issues?.primary_tool_slugs.length).toBeGreaterThanOrEqual(1);
    expect(issues?.primary_tool_slugs.length).toBeLessThanOrEqual(3);
    expect(issues?.related_tool_slugs.length).toBeGreaterThan(0);
    expect(emails?.toolkits).toContain("gmail");
    for (const slug of issues?.primary_tool_slugs ?? []) {
      expect(data.tool_schemas[slug]).toMatchObject({ tool_slug: slug, toolkit: "github", hasFullSchema: true, input_schema: { type: "object" } });
    }
    const related = issues?.related_tool_slugs.find((slug) => !data.tool_schemas[slug]?.hasFullSchema);
    if (related) expect(data.tool_schemas[related]?.schemaRef).toEqual({ tool: "COMPOSIO_GET_TOOL_SCHEMAS", args: { tool_slugs: [related] }, message: expect.any(String) });
    expect(data.session).toMatchObject({ id: session.session_id, generate_id: false });
    expect(data.time_info.current_time_utc_epoch_seconds).toBeCloseTo(Date.now() / 1000, -2);
  });

  it("reports each toolkit's connection for the session's user, and says to connect what is missing", async () => {
    const session = await createSession(tenant.key, { user_id: "searcher", toolkits: ["github", "gmail", "hackernews"] });
    const { data } = await search(session.session_id, {
      queries: [{ use_case: "star a github repository" }, { use_case: "send an email" }, { use_case: "top hacker news stories" }],
    });
    const status = Object.fromEntries(data.toolkit_connection_statuses.map((s) => [s.toolkit, s]));
    expect(status.github).toMatchObject({ has_active_connection: true, connection_details: { connected_account_id: account } });
    expect(status.gmail).toMatchObject({ has_active_connection: false });
    expect(status.hackernews).toMatchObject({ has_active_connection: true, status_message: expect.stringContaining("needs no connection") });
    expect(data.next_steps_guidance[0]).toContain('COMPOSIO_MANAGE_CONNECTIONS with toolkits ["gmail"]');
    expect(data.next_steps_guidance.join(" ")).toContain("COMPOSIO_MULTI_EXECUTE_TOOL");
  });

  it("never offers a tool the session excludes, by toolkit, tool list or tag", async () => {
    const session = await createSession(tenant.key, {
      user_id: "searcher",
      toolkits: ["github"],
      tools: { github: { tags: { disable: ["destructiveHint"] } } },
    });
    const { data } = await search(session.session_id, { queries: [{ use_case: "delete a github repository" }, { use_case: "send an email" }] });
    const offered = data.results.flatMap((r) => [...r.primary_tool_slugs, ...r.related_tool_slugs]);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((slug) => slug.startsWith("GITHUB_"))).toBe(true);
    expect(offered).not.toContain("GITHUB_DELETE_A_REPOSITORY");

    const onlyTwo = await createSession(tenant.key, { user_id: "searcher", tools: { github: ["GITHUB_CREATE_AN_ISSUE", "GITHUB_GET_A_REPOSITORY"] }, toolkits: ["github"] });
    const narrow = await search(onlyTwo.session_id, { queries: [{ use_case: "open an issue in a repository" }] });
    const found = [...(narrow.data.results[0]?.primary_tool_slugs ?? []), ...(narrow.data.results[0]?.related_tool_slugs ?? [])];
    expect(found[0]).toBe("GITHUB_CREATE_AN_ISSUE");
    expect(found.every((slug) => ["GITHUB_CREATE_AN_ISSUE", "GITHUB_GET_A_REPOSITORY"].includes(slug))).toBe(true);
  });

  it("narrows to the toolkits asked for, and says so when nothing matches", async () => {
    const session = await createSession(tenant.key, { user_id: "searcher", toolkits: ["github", "hackernews"] });
    const { data } = await search(session.session_id, { queries: [{ use_case: "list items" }], toolkits: ["hackernews"] });
    expect(data.results[0]?.toolkits).toEqual(["hackernews"]);
    // A tool the session has, outside the toolkits this search asked for, is one search away.
    const narrowed = await search(session.session_id, { queries: [{ use_case: "open a pull request in acme/api" }], toolkits: ["hackernews"] });
    expect(narrowed.data.results[0]?.error).toMatch(/^No tool in this session fits this use case\. GITHUB_CREATE_A_PULL_REQUEST \(GitHub\) would, but this search was limited to other toolkits: search again without `toolkits`, or with github among them\.$/);
    const none = await createSession(tenant.key, { user_id: "searcher", toolkits: { enable: [] } });
    const empty = await search(none.session_id, { queries: [{ use_case: "send an email" }] });
    expect(empty.data.results[0]).toMatchObject({ primary_tool_slugs: [], related_tool_slugs: [], error: expect.stringMatching(/_SEND_EMAIL .* not available here/) });
  });

  it("offers primary tools when a tool fits however little of the wording it shares, and none for what no tool does", async () => {
    const session = await createSession(tenant.key, { user_id: "searcher" });
    const { data } = await search(session.session_id, { queries: [{ use_case: "Reboot the DigitalOcean droplet api-worker-3" }, { use_case: "order a large pepperoni pizza" }, { use_case: "set the thermostat to 70 degrees" }] });
    const [reboot, pizza, thermostat] = data.results;
    expect(reboot?.primary_tool_slugs[0]).toBe("DIGITALOCEAN_INITIATE_A_DROPLET_ACTION");
    expect(reboot?.error).toBeNull();
    expect(pizza?.primary_tool_slugs).toEqual([]);
    expect(pizza?.related_tool_slugs.length).toBeGreaterThan(0);
    expect(pizza?.error).toMatch(/^No tool in this session matches this use case/);
    // Saying which words no tool knows tells the agent what to rephrase.
    expect(thermostat?.error).toBe('No tool in this session matches this use case, and no tool knows "thermostat". Rephrase it, or check the session\'s toolkits.');
  });

  it("says plainly when the right tool is in a toolkit the session does not include", async () => {
    const session = await createSession(tenant.key, { user_id: "searcher", toolkits: ["gmail", "slack"] });
    const { data } = await search(session.session_id, { queries: [{ use_case: "open a pull request" }, { use_case: "list my github repositories" }, { use_case: "send an email to Ana" }] });
    const [pull, repos, email] = data.results;
    expect(pull?.primary_tool_slugs).toEqual([]);
    expect(pull?.error).toMatch(/No tool in this session fits this use case\. GITHUB_CREATE_A_PULL_REQUEST \(GitHub\) would, but it is not available here: the session's toolkits do not include github/);
    expect([...(pull?.related_tool_slugs ?? []), ...(repos?.related_tool_slugs ?? [])].every((slug) => slug.startsWith("GMAIL_") || slug.startsWith("SLACK_"))).toBe(true);
    expect(repos?.primary_tool_slugs).toEqual([]);
    expect(repos?.error).toContain("GitHub");
    expect(email?.primary_tool_slugs[0]).toBe("GMAIL_SEND_EMAIL");
    expect(email?.error).toBeNull();
    // Tools inside that share the request's words are no fit when a tool outside far outscores them.
    const githubOnly = await createSession(tenant.key, { user_id: "searcher", toolkits: ["github"] });
    const emailed = await search(githubOnly.session_id, { queries: [{ use_case: "send an email to Ana about the launch" }, { use_case: "open a pull request from feature/login" }] });
    const [email2, pr] = emailed.data.results;
    expect(email2?.primary_tool_slugs).toEqual([]);
    expect(email2?.related_tool_slugs.every((slug) => slug.startsWith("GITHUB_"))).toBe(true);
    expect(email2?.error).toMatch(/^No tool in this session fits this use case\. \w+_SEND_EMAIL \(\w+\) would, but it is not available here/);
    expect(pr?.primary_tool_slugs[0]).toBe("GITHUB_CREATE_A_PULL_REQUEST");
    expect(pr?.error).toBeNull();
    // Naming a toolkit the session lacks is answered even when a tool inside fits too.
    const slack = await search(session.session_id, { queries: [{ use_case: "send an email through outlook" }] });
    const [viaOutlook] = slack.data.results as (SearchData["results"][number] & { not_in_session?: string })[];
    expect(viaOutlook?.not_in_session).toMatch(/^OUTLOOK_SEND_EMAIL \(Outlook\) would fit this use case better, but it is not available here/);
  });

  it("adds a plan: where the IDs a tool needs come from, the toolkit's known pitfalls, connecting first", async () => {
    const session = await createSession(tenant.key, { user_id: "searcher", toolkits: ["gmail", "github"] });
    const { data } = await search(session.session_id, { queries: [{ use_case: "put the Receipts label on this email" }, { use_case: "create an issue in octocat/hello-world" }] });
    const [label, issue] = data.results as (SearchData["results"][number] & { recommended_plan_steps?: string[]; known_pitfalls?: string[]; reasoning: string })[];
    expect(label?.primary_tool_slugs[0]).toBe("GMAIL_ADD_LABEL_TO_EMAIL");
    expect(label?.recommended_plan_steps?.[0]).toMatch(/^Connect Gmail/);
    expect(label?.recommended_plan_steps?.join(" ")).toContain("GMAIL_LIST_LABELS");
    expect(label?.recommended_plan_steps?.at(-1)).toBe("Call GMAIL_ADD_LABEL_TO_EMAIL.");
    expect(label?.known_pitfalls?.[0]).toContain("GMAIL_LIST_LABELS");
    // GitHub is connected for this user: no connection step.
    expect(issue?.recommended_plan_steps?.at(-1)).toBe("Call GITHUB_CREATE_AN_ISSUE.");
    expect(issue?.recommended_plan_steps?.join(" ")).not.toContain("Connect");
    expect(issue?.reasoning).toContain("GITHUB_CREATE_AN_ISSUE");
  });

  it("among tools that fit equally, offers the connected toolkit's first", async () => {
    const discordConfig = await createAuthConfig(tenant.key, "discord", "API_KEY");
    await connectAccount(tenant.key, discordConfig, "discorder", "API_KEY", { api_key: "discord-search-key" });
    const useCase = { use_case: "send a message to the channel" };
    const connected = await search((await createSession(tenant.key, { user_id: "discorder", toolkits: ["slack", "discord"] })).session_id, { queries: [useCase] });
    expect(connected.data.results[0]?.primary_tool_slugs[0]).toBe("DISCORD_SEND_MESSAGE");
    const neither = await search((await createSession(tenant.key, { user_id: "searcher", toolkits: ["slack", "discord"] })).session_id, { queries: [useCase] });
    expect(neither.data.results[0]?.primary_tool_slugs[0]).toBe("SLACK_SEND_MESSAGE");
  });

  it("rejects malformed queries as a failed result naming the argument", async () => {
    const session = await createSession(tenant.key, { user_id: "searcher" });
    for (const args of [{}, { queries: [] }, { queries: [{ use_case: "" }] }, { queries: [{ use_case: "x".repeat(1025) }] }]) {
      const result = await search(session.session_id, args);
      expect(result.successful, JSON.stringify(args).slice(0, 80)).toBe(false);
      expect(result.error).toContain("arguments.queries");
    }
  });
});

describe("COMPOSIO_SEARCH_TOOLS in restricted sessions, over the eval's use cases", () => {
  it("never offers a tool outside the session's toolkits, and names the missing toolkit when the right tool is outside", async () => {
    const cases = (tuneJson as { query: string; expected: string[]; toolkit: string }[]).filter((_, i) => i % 9 === 0);
    const session = await createSession(tenant.key, { user_id: "searcher", toolkits: ["gmail", "slack"] });
    const { data } = await search(session.session_id, { queries: cases.slice(0, 10).map((c) => ({ use_case: c.query })) });
    const more = await search(session.session_id, { queries: cases.slice(10, 20).map((c) => ({ use_case: c.query })) });
    const results = [...data.results, ...more.data.results] as (SearchData["results"][number] & { not_in_session?: string })[];
    expect(results).toHaveLength(Math.min(20, cases.length));
    results.forEach((result, i) => {
      const offered = [...result.primary_tool_slugs, ...result.related_tool_slugs];
      expect(offered.every((slug) => slug.startsWith("GMAIL_") || slug.startsWith("SLACK_")), result.use_case).toBe(true);
      const wanted = cases[i];
      // When every acceptable tool is outside, the answer has no primary tool from inside that claims to fit… unless one covers the request.
      if (wanted && wanted.expected.every((slug) => !slug.startsWith("GMAIL_") && !slug.startsWith("SLACK_")) && result.primary_tool_slugs.length === 0) {
        expect(result.error ?? "", result.use_case).toMatch(/not available here|does not include|No tool in this session/);
      }
    });
  });
});
