import type { ToolkitInput } from "../definition.ts";

/**
 * Jira Cloud platform REST API v3 (https://developer.atlassian.com/cloud/jira/platform/rest/v3/),
 * reached through Atlassian's API gateway: https://api.atlassian.com/ex/jira/{cloud_id}/rest/api/3/….
 * That URL works for OAuth 2.0 (3LO) tokens and for scoped API tokens with basic auth, so every
 * tool takes the site's `cloud_id` as a path argument (JIRA_GET_ACCESSIBLE_RESOURCES lists them).
 */

const VERSION = "20261101_00";
const READ = ["readOnlyHint", "openWorldHint", "issues"];
const CREATE = ["openWorldHint", "issues"];
const IDEMPOTENT = ["idempotentHint", "openWorldHint", "issues"];
const OVERWRITE = ["destructiveHint", "idempotentHint", "openWorldHint", "issues"];
const API = "/{cloud_id}/rest/api/3";

const cloud_id = {
  type: "string",
  description:
    "Cloud ID (a UUID) of the Jira site, from JIRA_GET_ACCESSIBLE_RESOURCES or https://<site>.atlassian.net/_edge/tenant_info.",
};
const issue_id_or_key = { type: "string", description: "Issue key, e.g. \"PROJ-123\", or numeric issue ID." };
const project_id_or_key = { type: "string", description: "Project key, e.g. \"PROJ\", or numeric project ID." };
const start_at = { type: "integer", description: "Index of the first item to return (0-based), for paging.", default: 0 };
const max_results = { type: "integer", description: "Maximum items per page.", default: 50 };
const adf = (what: string) => ({
  type: "object",
  description: `${what} in Atlassian Document Format, e.g. {"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"Hello"}]}]}.`,
});
const update = {
  type: "object",
  description:
    "Field operations instead of plain values, e.g. {\"labels\":[{\"add\":\"urgent\"}],\"comment\":[{\"add\":{\"body\":<ADF>}}]}.",
};
const pathArgs = { cloud_id: "path", issue_id_or_key: "path" } as const;

export const jira: ToolkitInput = {
  slug: "jira",
  name: "Jira",
  description:
    "Create, search (JQL), read, edit, transition, assign and comment on Jira Cloud issues, and look up projects, users and fields.",
  categories: ["issues", "productivity"],
  logo: "https://www.atlassian.com/favicon.ico",
  baseUrl: "https://api.atlassian.com/ex/jira",
  authSchemes: [
    {
      type: "OAUTH2",
      authorizeUrl: "https://auth.atlassian.com/authorize",
      tokenUrl: "https://auth.atlassian.com/oauth/token",
      defaultScopes: ["read:jira-work", "write:jira-work", "read:jira-user", "offline_access"],
      pkce: false,
      tokenEndpointAuthMethod: "client_secret_post",
      authorizeParams: { audience: "api.atlassian.com", prompt: "consent" },
    },
    // Atlassian account email + scoped API token (Basic auth), valid on the api.atlassian.com gateway.
    { type: "BASIC" },
  ],
  tools: [
    {
      slug: "JIRA_GET_ACCESSIBLE_RESOURCES",
      name: "List accessible sites",
      description:
        "List the Atlassian sites (cloud IDs, URLs, granted scopes) the OAuth token can access. Call it first to get the cloud_id the other Jira tools need; OAuth connections only.",
      inputSchema: { type: "object", properties: {}, additionalProperties: false },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/oauth/token/accessible-resources", baseUrl: "https://api.atlassian.com" },
    },
    {
      slug: "JIRA_SEARCH_ISSUES",
      name: "Search issues (JQL)",
      description:
        "Find issues with a JQL query, e.g. \"project = PROJ AND status != Done AND assignee = currentUser() ORDER BY updated DESC\". Pages with nextPageToken.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          jql: { type: "string", description: "JQL query. Must be bounded (include a restriction such as project or a date)." },
          fields: {
            type: "array",
            items: { type: "string", description: "A field ID or name." },
            description: "Fields to return per issue; [\"*all\"] for all, [\"*navigable\"] for the navigable ones.",
            default: ["summary", "status", "assignee", "reporter", "priority", "issuetype", "project", "labels", "created", "updated", "duedate"],
          },
          max_results: { type: "integer", description: "Maximum issues per page (1–5000; fewer when many fields are requested).", default: 50 },
          next_page_token: { type: "string", description: "`nextPageToken` from the previous page. Omit for the first page." },
          expand: { type: "string", description: "Comma-separated extras, e.g. \"renderedFields,names,transitions,changelog\"." },
        },
        required: ["cloud_id", "jql"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read:jira-work"],
      http: {
        method: "POST",
        path: `${API}/search/jql`,
        args: { cloud_id: "path" },
        wireNames: { max_results: "maxResults", next_page_token: "nextPageToken" },
      },
    },
    {
      slug: "JIRA_GET_ISSUE",
      name: "Get issue",
      description: "Get an issue's fields (summary, description, status, people, dates, custom fields…) by key or ID.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          issue_id_or_key,
          fields: { type: "string", description: "Comma-separated fields to return, e.g. \"summary,status,assignee\"; default all navigable fields." },
          expand: { type: "string", description: "Comma-separated extras, e.g. \"renderedFields,names,transitions,changelog\"." },
        },
        required: ["cloud_id", "issue_id_or_key"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read:jira-work"],
      http: { method: "GET", path: `${API}/issue/{issue_id_or_key}`, args: pathArgs },
    },
    {
      slug: "JIRA_CREATE_ISSUE",
      name: "Create issue",
      description:
        "Create an issue (task, bug, story, sub-task…) in a project. Use JIRA_LIST_ISSUE_TYPES_FOR_PROJECT and JIRA_GET_ISSUE_TYPE_FIELDS to see valid types and required fields.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          fields: {
            type: "object",
            description:
              "Field values. Besides the properties below, pass custom fields by ID, e.g. \"customfield_10016\": 5.",
            properties: {
              project: {
                type: "object",
                description: "The project: {\"key\":\"PROJ\"} or {\"id\":\"10000\"}.",
                properties: {
                  key: { type: "string", description: "Project key." },
                  id: { type: "string", description: "Project ID." },
                },
              },
              summary: { type: "string", description: "One-line summary (title)." },
              issuetype: {
                type: "object",
                description: "The issue type: {\"name\":\"Task\"} or {\"id\":\"10001\"}.",
                properties: {
                  name: { type: "string", description: "Issue type name, e.g. Task, Bug, Story, Epic, Subtask." },
                  id: { type: "string", description: "Issue type ID." },
                },
              },
              description: adf("Description"),
              assignee: {
                type: "object",
                description: "Assignee: {\"accountId\":\"…\"}.",
                properties: { accountId: { type: "string", description: "Atlassian account ID (from JIRA_FIND_USERS)." } },
              },
              priority: {
                type: "object",
                description: "Priority: {\"name\":\"High\"}.",
                properties: { name: { type: "string", description: "Priority name, e.g. Highest, High, Medium, Low." } },
              },
              labels: { type: "array", items: { type: "string", description: "A label (no spaces)." }, description: "Labels." },
              parent: {
                type: "object",
                description: "Parent issue for sub-tasks or epic children: {\"key\":\"PROJ-1\"}.",
                properties: { key: { type: "string", description: "Parent issue key." } },
              },
              duedate: { type: "string", format: "date", description: "Due date, YYYY-MM-DD." },
              components: {
                type: "array",
                description: "Components, e.g. [{\"name\":\"Backend\"}].",
                items: {
                  type: "object",
                  description: "A component reference.",
                  properties: { name: { type: "string", description: "Component name." } },
                },
              },
            },
            required: ["project", "summary", "issuetype"],
          },
          update,
        },
        required: ["cloud_id", "fields"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      scopes: ["write:jira-work"],
      http: { method: "POST", path: `${API}/issue`, args: { cloud_id: "path" } },
    },
    {
      slug: "JIRA_EDIT_ISSUE",
      name: "Edit issue",
      description:
        "Change an issue's fields (summary, description, priority, labels, due date, custom fields…). Status changes need JIRA_TRANSITION_ISSUE instead.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          issue_id_or_key,
          fields: {
            type: "object",
            description:
              "Field values to set, e.g. {\"summary\":\"New title\",\"priority\":{\"name\":\"High\"},\"labels\":[\"urgent\"],\"description\":<ADF>}.",
          },
          update,
          notify_users: { type: "boolean", description: "Send the change notification email to watchers.", default: true },
        },
        required: ["cloud_id", "issue_id_or_key"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: ["write:jira-work"],
      http: {
        method: "PUT",
        path: `${API}/issue/{issue_id_or_key}`,
        args: { ...pathArgs, notify_users: "query" },
        wireNames: { notify_users: "notifyUsers" },
      },
    },
    {
      slug: "JIRA_DELETE_ISSUE",
      name: "Delete issue",
      description: "Permanently delete an issue. An issue with sub-tasks can be deleted only with delete_subtasks=true.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          issue_id_or_key,
          delete_subtasks: { type: "boolean", description: "Also delete the issue's sub-tasks.", default: false },
        },
        required: ["cloud_id", "issue_id_or_key"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: ["write:jira-work"],
      http: {
        method: "DELETE",
        path: `${API}/issue/{issue_id_or_key}`,
        args: { ...pathArgs, delete_subtasks: "query" },
        wireNames: { delete_subtasks: "deleteSubtasks" },
      },
    },
    {
      slug: "JIRA_ASSIGN_ISSUE",
      name: "Assign issue",
      description:
        "Assign an issue to a user by account ID, or to the project's default assignee with \"-1\". To unassign, use JIRA_EDIT_ISSUE with fields {\"assignee\":null}.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          issue_id_or_key,
          account_id: { type: "string", description: "Account ID of the new assignee (from JIRA_FIND_USERS), or \"-1\" for the default assignee." },
        },
        required: ["cloud_id", "issue_id_or_key", "account_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: ["write:jira-work"],
      http: { method: "PUT", path: `${API}/issue/{issue_id_or_key}/assignee`, args: pathArgs, wireNames: { account_id: "accountId" } },
    },
    {
      slug: "JIRA_GET_TRANSITIONS",
      name: "Get transitions",
      description: "List the workflow transitions currently available for an issue (e.g. \"Start progress\", \"Done\") with their IDs.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          issue_id_or_key,
          expand: { type: "string", description: "\"transitions.fields\" to include the fields each transition's screen accepts." },
        },
        required: ["cloud_id", "issue_id_or_key"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read:jira-work"],
      http: { method: "GET", path: `${API}/issue/{issue_id_or_key}/transitions`, args: pathArgs },
    },
    {
      slug: "JIRA_TRANSITION_ISSUE",
      name: "Transition issue",
      description:
        "Move an issue through its workflow (change its status), using a transition ID from JIRA_GET_TRANSITIONS; optionally set fields such as resolution.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          issue_id_or_key,
          transition: {
            type: "object",
            description: "The transition to perform: {\"id\":\"31\"}.",
            properties: { id: { type: "string", description: "Transition ID." } },
            required: ["id"],
          },
          fields: { type: "object", description: "Fields on the transition screen, e.g. {\"resolution\":{\"name\":\"Done\"}}." },
          update,
        },
        required: ["cloud_id", "issue_id_or_key", "transition"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      scopes: ["write:jira-work"],
      http: { method: "POST", path: `${API}/issue/{issue_id_or_key}/transitions`, args: pathArgs },
    },
    {
      slug: "JIRA_ADD_COMMENT",
      name: "Add comment",
      description: "Add a comment to an issue, optionally visible only to a role or group.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          issue_id_or_key,
          body: adf("The comment"),
          visibility: {
            type: "object",
            description: "Restrict who can see the comment, e.g. {\"type\":\"role\",\"value\":\"Administrators\"}.",
            properties: {
              type: { type: "string", enum: ["role", "group"], description: "Restrict by project role or by group." },
              value: { type: "string", description: "Role or group name." },
            },
          },
        },
        required: ["cloud_id", "issue_id_or_key", "body"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      scopes: ["write:jira-work"],
      http: { method: "POST", path: `${API}/issue/{issue_id_or_key}/comment`, args: pathArgs },
    },
    {
      slug: "JIRA_LIST_ISSUE_COMMENTS",
      name: "List comments",
      description: "List an issue's comments, oldest first by default.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          issue_id_or_key,
          start_at,
          max_results,
          order_by: { type: "string", enum: ["created", "-created"], description: "\"-created\" for newest first.", default: "created" },
        },
        required: ["cloud_id", "issue_id_or_key"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read:jira-work"],
      http: {
        method: "GET",
        path: `${API}/issue/{issue_id_or_key}/comment`,
        args: pathArgs,
        wireNames: { start_at: "startAt", max_results: "maxResults", order_by: "orderBy" },
      },
    },
    {
      slug: "JIRA_ADD_WATCHER",
      name: "Add watcher",
      description: "Add a user as a watcher of an issue so they get its notifications.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          issue_id_or_key,
          account_id: { type: "string", description: "Account ID of the user to add." },
        },
        required: ["cloud_id", "issue_id_or_key", "account_id"],
        additionalProperties: false,
      },
      tags: IDEMPOTENT,
      version: VERSION,
      scopes: ["write:jira-work"],
      // The body is the account ID as a bare JSON string.
      http: { method: "POST", path: `${API}/issue/{issue_id_or_key}/watchers`, args: pathArgs, rawBodyArg: "account_id" },
    },
    {
      slug: "JIRA_CREATE_ISSUE_LINK",
      name: "Link issues",
      description: "Link two issues with a link type such as Blocks, Relates or Duplicate.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          type: {
            type: "object",
            description: "Link type: {\"name\":\"Blocks\"}.",
            properties: { name: { type: "string", description: "Link type name, e.g. Blocks, Relates, Duplicate, Cloners." } },
            required: ["name"],
          },
          inward_issue: {
            type: "object",
            description: "The inward issue, e.g. the blocked one for Blocks: {\"key\":\"PROJ-2\"}.",
            properties: { key: { type: "string", description: "Issue key." } },
            required: ["key"],
          },
          outward_issue: {
            type: "object",
            description: "The outward issue, e.g. the blocking one for Blocks: {\"key\":\"PROJ-1\"}.",
            properties: { key: { type: "string", description: "Issue key." } },
            required: ["key"],
          },
        },
        required: ["cloud_id", "type", "inward_issue", "outward_issue"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      scopes: ["write:jira-work"],
      http: {
        method: "POST",
        path: `${API}/issueLink`,
        args: { cloud_id: "path" },
        wireNames: { inward_issue: "inwardIssue", outward_issue: "outwardIssue" },
      },
    },
    {
      slug: "JIRA_LIST_PROJECTS",
      name: "List projects",
      description: "List or search the projects visible to the user, with their keys and IDs.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          query: { type: "string", description: "Filter by text in the project key or name." },
          start_at,
          max_results,
          order_by: {
            type: "string",
            enum: ["key", "-key", "name", "-name", "category", "lastIssueUpdatedTime", "-lastIssueUpdatedTime"],
            description: "Sort order.",
            default: "key",
          },
        },
        required: ["cloud_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read:jira-work"],
      http: {
        method: "GET",
        path: `${API}/project/search`,
        args: { cloud_id: "path" },
        wireNames: { start_at: "startAt", max_results: "maxResults", order_by: "orderBy" },
      },
    },
    {
      slug: "JIRA_GET_PROJECT",
      name: "Get project",
      description: "Get a project's details: lead, issue types, components and versions.",
      inputSchema: {
        type: "object",
        properties: { cloud_id, project_id_or_key },
        required: ["cloud_id", "project_id_or_key"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read:jira-work"],
      http: { method: "GET", path: `${API}/project/{project_id_or_key}`, args: { cloud_id: "path", project_id_or_key: "path" } },
    },
    {
      slug: "JIRA_LIST_ISSUE_TYPES_FOR_PROJECT",
      name: "List issue types for project",
      description: "List the issue types that can be created in a project, with their IDs.",
      inputSchema: {
        type: "object",
        properties: { cloud_id, project_id_or_key, start_at, max_results },
        required: ["cloud_id", "project_id_or_key"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read:jira-work"],
      http: {
        method: "GET",
        path: `${API}/issue/createmeta/{project_id_or_key}/issuetypes`,
        args: { cloud_id: "path", project_id_or_key: "path" },
        wireNames: { start_at: "startAt", max_results: "maxResults" },
      },
    },
    {
      slug: "JIRA_GET_ISSUE_TYPE_FIELDS",
      name: "Get create fields",
      description:
        "List the fields for creating an issue of one type in a project, including which are required, custom field IDs and allowed values.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          project_id_or_key,
          issue_type_id: { type: "string", description: "Issue type ID (from JIRA_LIST_ISSUE_TYPES_FOR_PROJECT)." },
          start_at,
          max_results,
        },
        required: ["cloud_id", "project_id_or_key", "issue_type_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read:jira-work"],
      http: {
        method: "GET",
        path: `${API}/issue/createmeta/{project_id_or_key}/issuetypes/{issue_type_id}`,
        args: { cloud_id: "path", project_id_or_key: "path", issue_type_id: "path" },
        wireNames: { start_at: "startAt", max_results: "maxResults" },
      },
    },
    {
      slug: "JIRA_LIST_FIELDS",
      name: "List fields",
      description: "List all system and custom fields with their IDs (e.g. customfield_10016 for story points) and types.",
      inputSchema: {
        type: "object",
        properties: { cloud_id },
        required: ["cloud_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read:jira-work"],
      http: { method: "GET", path: `${API}/field`, args: { cloud_id: "path" } },
    },
    {
      slug: "JIRA_FIND_USERS",
      name: "Find users",
      description: "Find users by name or email to get their account IDs, e.g. to assign an issue.",
      inputSchema: {
        type: "object",
        properties: {
          cloud_id,
          query: { type: "string", description: "Text matched against display name and email, e.g. \"ada\"." },
          start_at,
          max_results,
        },
        required: ["cloud_id", "query"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read:jira-user"],
      http: {
        method: "GET",
        path: `${API}/user/search`,
        args: { cloud_id: "path" },
        wireNames: { start_at: "startAt", max_results: "maxResults" },
      },
    },
    {
      slug: "JIRA_GET_CURRENT_USER",
      name: "Get current user",
      description: "Get the authenticated user's account ID, name, email and time zone.",
      inputSchema: {
        type: "object",
        properties: { cloud_id },
        required: ["cloud_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read:jira-user"],
      http: { method: "GET", path: `${API}/myself`, args: { cloud_id: "path" } },
    },
  ],
  aliases: {
    JIRA_SEARCH_FOR_ISSUES_USING_JQL_POST: "JIRA_SEARCH_ISSUES",
    JIRA_GET_ALL_PROJECTS: "JIRA_LIST_PROJECTS",
  },
};
