import type { ToolkitInput } from "../definition.ts";

const VERSION = "20261101_00";
const READ = ["readOnlyHint", "openWorldHint", "news"];
const ALGOLIA = "https://hn.algolia.com/api/v1";

type ToolInput = ToolkitInput["tools"][number];

const storyList = (slug: string, name: string, file: string, what: string): ToolInput => ({
  slug,
  name,
  description: `${what} Returns item IDs only, best first; fetch the ones you need with HACKERNEWS_GET_ITEM.`,
  inputSchema: { type: "object", properties: {}, additionalProperties: false },
  tags: READ,
  version: VERSION,
  http: { method: "GET", path: `/${file}.json` },
});

const searchProperties = {
  query: { type: "string", description: "Full-text query, e.g. \"rust async\"; omit to match everything." },
  tags: {
    type: "string",
    description:
      "Filter tags, comma = AND, parentheses = OR: story, comment, poll, show_hn, ask_hn, front_page, author_USERNAME, story_ID. E.g. \"story,author_pg\" or \"(story,poll)\".",
  },
  numeric_filters: {
    type: "string",
    description: "Numeric conditions on created_at_i, points or num_comments, comma-separated, e.g. \"points>100,created_at_i>1735689600\".",
  },
  page: { type: "integer", description: "Result page, starting at 0.", default: 0 },
  hits_per_page: { type: "integer", description: "Results per page (1–1000).", default: 20 },
};
const searchWireNames = { numeric_filters: "numericFilters", hits_per_page: "hitsPerPage" };

/** A no-auth toolkit for demos: the official Hacker News Firebase API and its Algolia search. */
export const hackernews: ToolkitInput = {
  slug: "hackernews",
  name: "Hacker News",
  description: "Read stories, comments and users on Hacker News, and search them. No account needed.",
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
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/item/{id}.json", args: { id: "path" } },
    },
    storyList("HACKERNEWS_GET_TOP_STORIES", "Top stories", "topstories", "Get the IDs of the current top stories (up to 500), as ranked on the front page."),
    storyList("HACKERNEWS_GET_NEW_STORIES", "New stories", "newstories", "Get the IDs of the newest stories (up to 500)."),
    storyList("HACKERNEWS_GET_BEST_STORIES", "Best stories", "beststories", "Get the IDs of the highest-voted recent stories (up to 500)."),
    storyList("HACKERNEWS_GET_ASK_STORIES", "Ask HN stories", "askstories", "Get the IDs of the latest Ask HN stories (up to 200)."),
    storyList("HACKERNEWS_GET_SHOW_STORIES", "Show HN stories", "showstories", "Get the IDs of the latest Show HN stories (up to 200)."),
    storyList("HACKERNEWS_GET_JOB_STORIES", "Job stories", "jobstories", "Get the IDs of the latest job postings (up to 200)."),
    {
      slug: "HACKERNEWS_GET_USER",
      name: "Get user",
      description: "Get a Hacker News user's profile: karma, creation date, about text and the IDs of their submissions.",
      inputSchema: {
        type: "object",
        properties: { username: { type: "string", description: "The username (case-sensitive), e.g. \"pg\"." } },
        required: ["username"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/user/{username}.json", args: { username: "path" } },
    },
    {
      slug: "HACKERNEWS_GET_MAX_ITEM_ID",
      name: "Get max item id",
      description: "Get the largest item ID so far, i.e. the newest story or comment; walk backwards from it to read everything new.",
      inputSchema: { type: "object", properties: {}, additionalProperties: false },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/maxitem.json" },
    },
    {
      slug: "HACKERNEWS_GET_UPDATES",
      name: "Get recent changes",
      description: "Get the IDs of recently changed items and profiles.",
      inputSchema: { type: "object", properties: {}, additionalProperties: false },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/updates.json" },
    },
    {
      slug: "HACKERNEWS_SEARCH",
      name: "Search by relevance",
      description:
        "Search stories and comments by relevance (then points and comment count) through the Algolia HN Search API, with tag and numeric filters.",
      inputSchema: { type: "object", properties: searchProperties, additionalProperties: false },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/search", baseUrl: ALGOLIA, wireNames: searchWireNames },
    },
    {
      slug: "HACKERNEWS_SEARCH_BY_DATE",
      name: "Search by date",
      description:
        "Search stories and comments, newest first, through the Algolia HN Search API; with no query it returns the latest posts.",
      inputSchema: { type: "object", properties: searchProperties, additionalProperties: false },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/search_by_date", baseUrl: ALGOLIA, wireNames: searchWireNames },
    },
    {
      slug: "HACKERNEWS_GET_FRONTPAGE",
      name: "Get front page",
      description: "Get the stories currently on the Hacker News front page, with titles, URLs, points and comment counts.",
      inputSchema: {
        type: "object",
        properties: {
          tags: { type: "string", enum: ["front_page"], description: "Always \"front_page\".", default: "front_page" },
          hits_per_page: { type: "integer", description: "Number of stories (1–1000).", default: 30 },
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/search", baseUrl: ALGOLIA, wireNames: { hits_per_page: "hitsPerPage" } },
    },
    {
      slug: "HACKERNEWS_GET_ITEM_WITH_COMMENTS",
      name: "Get item with comments",
      description: "Get a story or comment together with its whole comment tree in one call (via Algolia).",
      inputSchema: {
        type: "object",
        properties: { id: { type: "integer", description: "The item's id, e.g. 8863." } },
        required: ["id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/items/{id}", baseUrl: ALGOLIA, args: { id: "path" } },
    },
  ],
  aliases: {
    HACKERNEWS_GET_LATEST_POSTS: "HACKERNEWS_SEARCH_BY_DATE",
  },
};
