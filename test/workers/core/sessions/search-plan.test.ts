import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { loadTool, type CatalogTool } from "../../../../core/catalog/registry.ts";
import { planFor, referencedObject } from "../../../../core/sessions/meta-tools/search-plan.ts";

async function tool(slug: string): Promise<CatalogTool> {
  const entry = await loadTool(env, slug);
  if (!entry) throw new Error(`no tool ${slug}`);
  return entry;
}

describe("referencedObject", () => {
  it("names the object an ID argument refers to", () => {
    expect(referencedObject("label_ids", undefined)).toBe("label");
    expect(referencedObject("calendarId", undefined)).toBe("calendar");
    expect(referencedObject("issueIdOrKey", undefined)).toBe("issue");
    expect(referencedObject("channel", { description: "Conversation ID, e.g. C0123." })).toBe("channel");
  });

  it("leaves arguments that are not IDs alone", () => {
    expect(referencedObject("title", { description: "The title." })).toBeUndefined();
    expect(referencedObject("issue_field_values", { description: "Field values, by field ID." })).toBeUndefined();
  });
});

describe("planFor", () => {
  const everything = () => true;

  it("says where each ID comes from, then the call, with the toolkit's pitfall", async () => {
    const plan = planFor(await tool("SLACK_SEND_MESSAGE"), everything);
    expect(plan.steps[0]).toMatch(/channel ID for `channel` with SLACK_LIST_ALL_CHANNELS/);
    expect(plan.steps.at(-1)).toBe("Call SLACK_SEND_MESSAGE.");
    expect(plan.pitfalls.length).toBe(1);
  });

  it("suggests only finders the session allows and never the tool that needs the ID itself", async () => {
    const plan = planFor(await tool("SLACK_SEND_MESSAGE"), (entry) => entry.tool.slug !== "SLACK_LIST_ALL_CHANNELS");
    expect(plan.steps.join(" ")).not.toContain("SLACK_LIST_ALL_CHANNELS");
    const labels = planFor(await tool("GMAIL_ADD_LABEL_TO_EMAIL"), everything);
    expect(labels.steps.join(" ")).toContain("GMAIL_LIST_LABELS");
    expect(labels.steps.join(" ")).not.toContain("GMAIL_FETCH_MESSAGE_BY_MESSAGE_ID");
  });
});
