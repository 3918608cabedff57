import type { ToolkitInput } from "../definition.ts";

/**
 * Notion REST API (https://developers.notion.com/reference), pinned to API version
 * 2022-06-28 through the `Notion-Version` header every tool sends.
 */

const VERSION = "20261101_00";
const READ = ["readOnlyHint", "openWorldHint", "docs"];
const CREATE = ["openWorldHint", "docs"];
const OVERWRITE = ["destructiveHint", "idempotentHint", "openWorldHint", "docs"];

const notion_version = {
  type: "string",
  description: "Notion API version sent as the Notion-Version header; leave at the default.",
  default: "2022-06-28",
};
const wireNames = { notion_version: "Notion-Version" };

const page_id = { type: "string", description: "Page ID (a UUID, with or without dashes, e.g. from the page URL)." };
const database_id = { type: "string", description: "Database ID (a UUID, with or without dashes, e.g. from the database URL)." };
const block_id = { type: "string", description: "Block ID (a UUID). A page ID works too, since pages are blocks." };
const start_cursor = { type: "string", description: "Pagination cursor: `next_cursor` from the previous response. Omit for the first page." };
const page_size = { type: "integer", description: "Results per page (1–100).", default: 100 };
const rich_text = {
  type: "array",
  description: "Rich text array, e.g. [{\"type\":\"text\",\"text\":{\"content\":\"Hello\"}}].",
  items: { type: "object", description: "A rich text object." },
};
const children = {
  type: "array",
  description:
    "Block objects (at most 100), e.g. [{\"object\":\"block\",\"type\":\"paragraph\",\"paragraph\":{\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"Hello\"}}]}}]. Other types: heading_1/2/3, bulleted_list_item, numbered_list_item, to_do, code, quote, callout, divider.",
  items: { type: "object", description: "A Notion block object." },
};
const icon = {
  type: "object",
  description: "Page icon: {\"type\":\"emoji\",\"emoji\":\"🚀\"} or {\"type\":\"external\",\"external\":{\"url\":\"https://…\"}}.",
};
const cover = { type: "object", description: "Cover image: {\"type\":\"external\",\"external\":{\"url\":\"https://…\"}}." };

export const notion: ToolkitInput = {
  slug: "notion",
  name: "Notion",
  description:
    "Search, read, create and update Notion pages, databases, blocks and comments. The integration only sees pages and databases shared with it.",
  categories: ["docs", "productivity"],
  logo: "https://www.notion.so/images/favicon.ico",
  baseUrl: "https://api.notion.com/v1",
  authSchemes: [
    {
      type: "OAUTH2",
      authorizeUrl: "https://api.notion.com/v1/oauth/authorize",
      tokenUrl: "https://api.notion.com/v1/oauth/token",
      revokeUrl: "https://api.notion.com/v1/oauth/revoke",
      // Notion has no OAuth scopes: capabilities are set on the integration and pages are picked by the user.
      defaultScopes: [],
      pkce: false,
      tokenEndpointAuthMethod: "client_secret_basic",
      authorizeParams: { owner: "user" },
    },
    // An internal integration secret (ntn_… / secret_…), sent as `Authorization: Bearer`.
    { type: "BEARER_TOKEN" },
  ],
  tools: [
    {
      slug: "NOTION_SEARCH_NOTION_PAGE",
      name: "Search pages and databases",
      description:
        "Search the pages and databases shared with the integration by title. Use it to find a page or database ID; an empty query lists everything accessible.",
      inputSchema: {
        type: "object",
        properties: {
          query: { type: "string", description: "Text to match against titles; omit to list all accessible items." },
          filter: {
            type: "object",
            description: "Restrict results to pages or to databases.",
            properties: {
              property: { type: "string", enum: ["object"], description: "Always \"object\"." },
              value: { type: "string", enum: ["page", "database"], description: "The object type to keep." },
            },
            required: ["property", "value"],
          },
          sort: {
            type: "object",
            description: "Sort order; by default results are sorted by relevance.",
            properties: {
              timestamp: { type: "string", enum: ["last_edited_time"], description: "Always \"last_edited_time\"." },
              direction: { type: "string", enum: ["ascending", "descending"], description: "Sort direction." },
            },
            required: ["timestamp", "direction"],
          },
          start_cursor,
          page_size,
          notion_version,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "POST", path: "/search", args: { notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_GET_PAGE",
      name: "Get page",
      description:
        "Get a page's properties and metadata (parent, URL, timestamps). The page body is not included; read it with NOTION_FETCH_BLOCK_CHILDREN.",
      inputSchema: {
        type: "object",
        properties: { page_id, notion_version },
        required: ["page_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/pages/{page_id}", args: { page_id: "path", notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_CREATE_PAGE",
      name: "Create page",
      description:
        "Create a page under a parent page, or a new row in a database, optionally with body content. For a database row, `properties` must match the database's schema.",
      inputSchema: {
        type: "object",
        properties: {
          parent: {
            type: "object",
            description: "Where to create the page: give exactly one of page_id or database_id.",
            properties: {
              page_id: { type: "string", description: "ID of the parent page." },
              database_id: { type: "string", description: "ID of the parent database (creates a row)." },
            },
          },
          properties: {
            type: "object",
            description:
              "Page property values keyed by property name. Under a page, only the title: {\"title\":{\"title\":[{\"text\":{\"content\":\"Meeting notes\"}}]}}. In a database, e.g. {\"Name\":{\"title\":[{\"text\":{\"content\":\"Task\"}}]},\"Status\":{\"select\":{\"name\":\"Todo\"}},\"Due\":{\"date\":{\"start\":\"2026-11-01\"}}}.",
          },
          children,
          icon,
          cover,
          notion_version,
        },
        required: ["parent", "properties"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      http: { method: "POST", path: "/pages", args: { notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_UPDATE_PAGE",
      name: "Update page",
      description:
        "Update a page's property values, icon or cover, e.g. to change a database row's status. Only the properties given change; the page body is edited with block tools.",
      inputSchema: {
        type: "object",
        properties: {
          page_id,
          properties: {
            type: "object",
            description: "Property values to set, keyed by property name or ID, e.g. {\"Status\":{\"select\":{\"name\":\"Done\"}}}.",
          },
          icon,
          cover,
          archived: { type: "boolean", description: "Set true to move the page to the trash, false to restore it." },
          notion_version,
        },
        required: ["page_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      http: { method: "PATCH", path: "/pages/{page_id}", args: { page_id: "path", notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_ARCHIVE_PAGE",
      name: "Archive page",
      description: "Move a page (or database row) to the trash, or restore it from the trash with archive=false.",
      inputSchema: {
        type: "object",
        properties: {
          page_id,
          archive: { type: "boolean", description: "true to archive (trash) the page, false to restore it.", default: true },
          notion_version,
        },
        required: ["page_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      http: {
        method: "PATCH",
        path: "/pages/{page_id}",
        args: { page_id: "path", notion_version: "header" },
        wireNames: { ...wireNames, archive: "archived" },
      },
    },
    {
      slug: "NOTION_GET_PAGE_PROPERTY",
      name: "Get page property",
      description:
        "Get one property value of a page, paginated; use it for long values (relations, rollups, rich text with more than 25 items) that NOTION_GET_PAGE truncates.",
      inputSchema: {
        type: "object",
        properties: {
          page_id,
          property_id: { type: "string", description: "The property's ID, from the page's or database's `properties` object." },
          start_cursor,
          page_size,
          notion_version,
        },
        required: ["page_id", "property_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: {
        method: "GET",
        path: "/pages/{page_id}/properties/{property_id}",
        args: { page_id: "path", property_id: "path", notion_version: "header" },
        wireNames,
      },
    },
    {
      slug: "NOTION_FETCH_BLOCK_CHILDREN",
      name: "Fetch block children",
      description:
        "Read the content of a page or block: its child blocks, one level deep. Blocks with has_children=true need their own call to read nested content.",
      inputSchema: {
        type: "object",
        properties: { block_id, start_cursor, page_size, notion_version },
        required: ["block_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/blocks/{block_id}/children", args: { block_id: "path", notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_APPEND_BLOCK_CHILDREN",
      name: "Append blocks",
      description: "Add content to a page or block: append up to 100 new blocks at the end, or after a given child block.",
      inputSchema: {
        type: "object",
        properties: {
          block_id,
          children,
          after: { type: "string", description: "ID of an existing child block to insert the new blocks after." },
          notion_version,
        },
        required: ["block_id", "children"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      http: { method: "PATCH", path: "/blocks/{block_id}/children", args: { block_id: "path", notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_GET_BLOCK",
      name: "Get block",
      description: "Get a single block's type, content and whether it has children.",
      inputSchema: {
        type: "object",
        properties: { block_id, notion_version },
        required: ["block_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/blocks/{block_id}", args: { block_id: "path", notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_UPDATE_BLOCK",
      name: "Update block",
      description: "Replace the content of an existing block, e.g. rewrite a paragraph or tick a to-do. The block's type cannot change.",
      inputSchema: {
        type: "object",
        properties: {
          block_id,
          block: {
            type: "object",
            description:
              "The update, keyed by the block's type, e.g. {\"paragraph\":{\"rich_text\":[{\"type\":\"text\",\"text\":{\"content\":\"New text\"}}]}} or {\"to_do\":{\"checked\":true}}.",
          },
          notion_version,
        },
        required: ["block_id", "block"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      http: {
        method: "PATCH",
        path: "/blocks/{block_id}",
        args: { block_id: "path", notion_version: "header" },
        rawBodyArg: "block",
        wireNames,
      },
    },
    {
      slug: "NOTION_DELETE_BLOCK",
      name: "Delete block",
      description: "Move a block (or a page, by its ID) to the trash.",
      inputSchema: {
        type: "object",
        properties: { block_id, notion_version },
        required: ["block_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      http: { method: "DELETE", path: "/blocks/{block_id}", args: { block_id: "path", notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_QUERY_DATABASE",
      name: "Query database",
      description: "List a database's rows (pages), optionally filtered and sorted by property values.",
      inputSchema: {
        type: "object",
        properties: {
          database_id,
          filter: {
            type: "object",
            description:
              "Notion filter, e.g. {\"property\":\"Status\",\"select\":{\"equals\":\"Done\"}} or {\"and\":[{\"property\":\"Due\",\"date\":{\"before\":\"2026-12-01\"}},{\"property\":\"Done\",\"checkbox\":{\"equals\":false}}]}.",
          },
          sorts: {
            type: "array",
            description: "Sort criteria, applied in order.",
            items: {
              type: "object",
              description: "{\"property\":\"Due\",\"direction\":\"ascending\"} or {\"timestamp\":\"last_edited_time\",\"direction\":\"descending\"}.",
              properties: {
                property: { type: "string", description: "Property name to sort by." },
                timestamp: { type: "string", enum: ["created_time", "last_edited_time"], description: "Sort by a timestamp instead of a property." },
                direction: { type: "string", enum: ["ascending", "descending"], description: "Sort direction." },
              },
            },
          },
          start_cursor,
          page_size,
          notion_version,
        },
        required: ["database_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "POST", path: "/databases/{database_id}/query", args: { database_id: "path", notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_FETCH_DATABASE",
      name: "Get database",
      description: "Get a database's title and property schema (names, types, select options). Read it before creating or filtering rows.",
      inputSchema: {
        type: "object",
        properties: { database_id, notion_version },
        required: ["database_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/databases/{database_id}", args: { database_id: "path", notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_CREATE_DATABASE",
      name: "Create database",
      description: "Create a database as a child of a page, with a title and property schema.",
      inputSchema: {
        type: "object",
        properties: {
          parent: {
            type: "object",
            description: "The parent page: {\"type\":\"page_id\",\"page_id\":\"…\"}.",
            properties: {
              type: { type: "string", enum: ["page_id"], description: "Always \"page_id\"." },
              page_id: { type: "string", description: "ID of the parent page." },
            },
            required: ["type", "page_id"],
          },
          title: { ...rich_text, description: "Database title as a rich text array, e.g. [{\"type\":\"text\",\"text\":{\"content\":\"Tasks\"}}]." },
          properties: {
            type: "object",
            description:
              "Property schema keyed by name; exactly one must be a title. E.g. {\"Name\":{\"title\":{}},\"Status\":{\"select\":{\"options\":[{\"name\":\"Todo\"},{\"name\":\"Done\"}]}},\"Due\":{\"date\":{}}}.",
          },
          is_inline: { type: "boolean", description: "Show the database inline in the parent page rather than as a child page." },
          icon,
          cover,
          notion_version,
        },
        required: ["parent", "properties"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      http: { method: "POST", path: "/databases", args: { notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_UPDATE_DATABASE",
      name: "Update database",
      description: "Rename a database, change its description, or add, rename or remove properties in its schema.",
      inputSchema: {
        type: "object",
        properties: {
          database_id,
          title: { ...rich_text, description: "New database title as a rich text array." },
          description: { ...rich_text, description: "New description as a rich text array." },
          properties: {
            type: "object",
            description:
              "Schema changes keyed by property name or ID, e.g. {\"Priority\":{\"select\":{\"options\":[{\"name\":\"High\"}]}}}; {\"Old\":{\"name\":\"New\"}} renames and {\"Old\":null} removes.",
          },
          notion_version,
        },
        required: ["database_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      http: { method: "PATCH", path: "/databases/{database_id}", args: { database_id: "path", notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_CREATE_COMMENT",
      name: "Create comment",
      description: "Add a comment to a page, or reply in an existing discussion thread. Give either parent or discussion_id.",
      inputSchema: {
        type: "object",
        properties: {
          parent: {
            type: "object",
            description: "The page to comment on, to start a new discussion.",
            properties: { page_id: { type: "string", description: "ID of the page." } },
            required: ["page_id"],
          },
          discussion_id: { type: "string", description: "ID of an existing discussion thread to reply in." },
          rich_text: { ...rich_text, description: "The comment text as a rich text array, e.g. [{\"type\":\"text\",\"text\":{\"content\":\"Looks good\"}}]." },
          notion_version,
        },
        required: ["rich_text"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      http: { method: "POST", path: "/comments", args: { notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_FETCH_COMMENTS",
      name: "List comments",
      description: "List the unresolved comments on a page or block.",
      inputSchema: {
        type: "object",
        properties: { block_id, start_cursor, page_size, notion_version },
        required: ["block_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/comments", args: { block_id: "query", notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_LIST_USERS",
      name: "List users",
      description: "List the workspace's people and bots with their IDs, names and (for people) emails.",
      inputSchema: {
        type: "object",
        properties: { start_cursor, page_size, notion_version },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/users", args: { notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_GET_USER",
      name: "Get user",
      description: "Get a user or bot by ID.",
      inputSchema: {
        type: "object",
        properties: { user_id: { type: "string", description: "The user's ID (a UUID)." }, notion_version },
        required: ["user_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/users/{user_id}", args: { user_id: "path", notion_version: "header" }, wireNames },
    },
    {
      slug: "NOTION_GET_ABOUT_ME",
      name: "Get integration bot user",
      description: "Get the bot user of the current token, including the workspace name and who installed it.",
      inputSchema: {
        type: "object",
        properties: { notion_version },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/users/me", args: { notion_version: "header" }, wireNames },
    },
  ],
  aliases: {
    NOTION_CREATE_NOTION_PAGE: "NOTION_CREATE_PAGE",
    NOTION_RETRIEVE_PAGE: "NOTION_GET_PAGE",
    NOTION_ARCHIVE_NOTION_PAGE: "NOTION_ARCHIVE_PAGE",
    NOTION_FETCH_BLOCK_CONTENTS: "NOTION_FETCH_BLOCK_CHILDREN",
    NOTION_FETCH_BLOCK_METADATA: "NOTION_GET_BLOCK",
    NOTION_UPDATE_SCHEMA_DATABASE: "NOTION_UPDATE_DATABASE",
    NOTION_GET_ABOUT_USER: "NOTION_GET_USER",
    NOTION_GET_PAGE_PROPERTY_ACTION: "NOTION_GET_PAGE_PROPERTY",
  },
};
