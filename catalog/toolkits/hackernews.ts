import type { ToolkitInput } from "../definition.ts";

/** A no-auth toolkit for demos: the official Hacker News Firebase API and its Algolia search. */
export const hackernews: ToolkitInput = {
  slug: "hackernews",
  name: "Hacker News",
  description: "Read stories, comments and users on Hacker News. No account needed.",
  categories: ["news"],
  logo: "https://news.ycombinator.com/y18.svg",
  baseUrl: "https://hacker-news.firebaseio.com/v0",
  authSchemes: [{ type: "NO_AUTH" }],
  tools: [
    {
      slug: "HACKERNEWS_GET_ITEM",
      name: "Get item",
      description: "Get a Hacker News story, comment, job or poll by its numeric id.",
      inputSchema: {
        type: "object",
        properties: { id: { type: "integer", description: "The item's id, e.g. 8863." } },
        required: ["id"],
        additionalProperties: false,
      },
      tags: ["readOnlyHint", "openWorldHint"],
      version: "20261101_00",
      http: { method: "GET", path: "/item/{id}.json", args: { id: "path" } },
    },
  ],
};
