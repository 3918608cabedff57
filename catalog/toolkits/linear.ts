import type { ToolkitInput } from "../definition.ts";

/**
 * Linear's GraphQL API (https://linear.app/developers/graphql). Every tool posts
 * `{ query, variables }` to https://api.linear.app/graphql; its arguments are the
 * GraphQL variables, so argument names match the `$variables` in the query.
 */

const VERSION = "20261101_00";
const READ = ["readOnlyHint", "openWorldHint", "issues"];
const CREATE = ["openWorldHint", "issues"];
const OVERWRITE = ["destructiveHint", "idempotentHint", "openWorldHint", "issues"];
const IDEMPOTENT = ["idempotentHint", "openWorldHint", "issues"];

const first = { type: "integer", description: "Page size (1–250).", default: 50 };
const after = { type: "string", description: "Pagination cursor: `pageInfo.endCursor` from the previous page. Omit for the first page." };
const include_archived = { type: "boolean", description: "Include archived items.", default: false };
const issue_id = { type: "string", description: "Issue UUID or human identifier, e.g. \"ENG-123\"." };
const PAGE_INFO = "pageInfo { hasNextPage endCursor }";
const ISSUE_FIELDS =
  "id identifier title priority priorityLabel url createdAt updatedAt dueDate estimate state { id name type } assignee { id name email } team { id key name } project { id name } labels { nodes { id name } }";

export const linear: ToolkitInput = {
  slug: "linear",
  name: "Linear",
  description:
    "Create, find, update and comment on Linear issues, and look up the teams, projects, cycles, workflow states, labels and users they refer to.",
  categories: ["issues", "productivity"],
  logo: "https://linear.app/favicon.ico",
  baseUrl: "https://api.linear.app",
  authSchemes: [
    {
      type: "OAUTH2",
      authorizeUrl: "https://linear.app/oauth/authorize",
      tokenUrl: "https://api.linear.app/oauth/token",
      revokeUrl: "https://api.linear.app/oauth/revoke",
      defaultScopes: ["read", "write"],
      scopeSeparator: ",",
      pkce: true,
      tokenEndpointAuthMethod: "client_secret_post",
    },
    // A personal API key (lin_api_…), sent as the bare `Authorization` header value.
    { type: "API_KEY", in: "header", name: "Authorization", prefix: "" },
  ],
  tools: [
    {
      slug: "LINEAR_CREATE_LINEAR_ISSUE",
      name: "Create issue",
      description:
        "Create an issue in a team, optionally with assignee, state, priority, labels, project, cycle, estimate, due date or parent. Look up IDs with the list tools first.",
      inputSchema: {
        type: "object",
        properties: {
          team_id: { type: "string", description: "ID of the team that owns the issue (from LINEAR_LIST_LINEAR_TEAMS)." },
          title: { type: "string", description: "Issue title." },
          description: { type: "string", description: "Issue description in Markdown." },
          assignee_id: { type: "string", description: "ID of the user to assign." },
          priority: { type: "integer", enum: [0, 1, 2, 3, 4], description: "0 none, 1 urgent, 2 high, 3 medium, 4 low." },
          state_id: { type: "string", description: "Workflow state ID (from LINEAR_LIST_LINEAR_STATES); defaults to the team's default state." },
          label_ids: { type: "array", items: { type: "string", description: "A label ID." }, description: "IDs of labels to apply." },
          project_id: { type: "string", description: "ID of the project to add the issue to." },
          cycle_id: { type: "string", description: "ID of the cycle to add the issue to." },
          parent_id: { type: "string", description: "ID of the parent issue, to create a sub-issue." },
          estimate: { type: "integer", description: "Estimate in the team's points scale." },
          due_date: { type: "string", format: "date", description: "Due date, YYYY-MM-DD." },
        },
        required: ["team_id", "title"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      scopes: ["write"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `mutation CreateIssue($team_id: String!, $title: String!, $description: String, $assignee_id: String, $priority: Int, $state_id: String, $label_ids: [String!], $project_id: String, $cycle_id: String, $parent_id: String, $estimate: Int, $due_date: TimelessDate) {
  issueCreate(input: { teamId: $team_id, title: $title, description: $description, assigneeId: $assignee_id, priority: $priority, stateId: $state_id, labelIds: $label_ids, projectId: $project_id, cycleId: $cycle_id, parentId: $parent_id, estimate: $estimate, dueDate: $due_date }) {
    success
    issue { ${ISSUE_FIELDS} }
  }
}`,
      },
    },
    {
      slug: "LINEAR_LIST_LINEAR_ISSUES",
      name: "List issues",
      description:
        "List issues, optionally filtered with a Linear IssueFilter (team, assignee, state, project, label, dates…), most recently created first. For free-text search use LINEAR_SEARCH_ISSUES.",
      inputSchema: {
        type: "object",
        properties: {
          filter: {
            type: "object",
            description:
              "Linear IssueFilter, e.g. {\"team\":{\"id\":{\"eq\":\"TEAM_ID\"}},\"assignee\":{\"isMe\":{\"eq\":true}},\"state\":{\"type\":{\"in\":[\"unstarted\",\"started\"]}}}. Other keys: project, labels ({\"some\":{\"name\":{\"eq\":\"Bug\"}}}), priority, dueDate, createdAt, and/or.",
          },
          first,
          after,
          order_by: { type: "string", enum: ["createdAt", "updatedAt"], description: "Sort field.", default: "createdAt" },
          include_archived,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `query ListIssues($filter: IssueFilter, $first: Int, $after: String, $order_by: PaginationOrderBy, $include_archived: Boolean) {
  issues(filter: $filter, first: $first, after: $after, orderBy: $order_by, includeArchived: $include_archived) {
    nodes { ${ISSUE_FIELDS} }
    ${PAGE_INFO}
  }
}`,
      },
    },
    {
      slug: "LINEAR_SEARCH_ISSUES",
      name: "Search issues",
      description: "Full-text search of issues by title, description and optionally comments. Use it to find issues by keywords.",
      inputSchema: {
        type: "object",
        properties: {
          term: { type: "string", description: "Search text, e.g. \"login timeout\"." },
          team_id: { type: "string", description: "Boost results from this team." },
          filter: { type: "object", description: "Optional IssueFilter to narrow results, as in LINEAR_LIST_LINEAR_ISSUES." },
          include_comments: { type: "boolean", description: "Also search issue comments.", default: false },
          first,
          after,
        },
        required: ["term"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `query SearchIssues($term: String!, $team_id: String, $filter: IssueFilter, $include_comments: Boolean, $first: Int, $after: String) {
  searchIssues(term: $term, teamId: $team_id, filter: $filter, includeComments: $include_comments, first: $first, after: $after) {
    totalCount
    nodes { ${ISSUE_FIELDS} }
    ${PAGE_INFO}
  }
}`,
      },
    },
    {
      slug: "LINEAR_GET_LINEAR_ISSUE",
      name: "Get issue",
      description:
        "Get one issue with its description, state, people, project, cycle, labels, parent, sub-issues and latest comments.",
      inputSchema: {
        type: "object",
        properties: { issue_id },
        required: ["issue_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `query GetIssue($issue_id: String!) {
  issue(id: $issue_id) {
    ${ISSUE_FIELDS}
    description branchName completedAt
    creator { id name }
    cycle { id number name }
    parent { id identifier title }
    children { nodes { id identifier title state { name type } } }
    comments(first: 50) { nodes { id body createdAt user { id name } } }
  }
}`,
      },
    },
    {
      slug: "LINEAR_UPDATE_ISSUE",
      name: "Update issue",
      description:
        "Update an issue's title, description, state, assignee, priority, labels, project, cycle, estimate, due date, parent or team. Only the fields given change.",
      inputSchema: {
        type: "object",
        properties: {
          issue_id,
          title: { type: "string", description: "New title." },
          description: { type: "string", description: "New description in Markdown (replaces the old one)." },
          state_id: { type: "string", description: "New workflow state ID, e.g. the team's \"Done\" state." },
          assignee_id: { type: "string", description: "ID of the new assignee." },
          priority: { type: "integer", enum: [0, 1, 2, 3, 4], description: "0 none, 1 urgent, 2 high, 3 medium, 4 low." },
          label_ids: { type: "array", items: { type: "string", description: "A label ID." }, description: "Replace all labels with these." },
          added_label_ids: { type: "array", items: { type: "string", description: "A label ID." }, description: "Labels to add, keeping the others." },
          removed_label_ids: { type: "array", items: { type: "string", description: "A label ID." }, description: "Labels to remove." },
          project_id: { type: "string", description: "ID of the project to move the issue to." },
          cycle_id: { type: "string", description: "ID of the cycle to move the issue to." },
          parent_id: { type: "string", description: "ID of the new parent issue." },
          team_id: { type: "string", description: "ID of the team to move the issue to." },
          estimate: { type: "integer", description: "New estimate." },
          due_date: { type: "string", format: "date", description: "New due date, YYYY-MM-DD." },
        },
        required: ["issue_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: ["write"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `mutation UpdateIssue($issue_id: String!, $title: String, $description: String, $state_id: String, $assignee_id: String, $priority: Int, $label_ids: [String!], $added_label_ids: [String!], $removed_label_ids: [String!], $project_id: String, $cycle_id: String, $parent_id: String, $team_id: String, $estimate: Int, $due_date: TimelessDate) {
  issueUpdate(id: $issue_id, input: { title: $title, description: $description, stateId: $state_id, assigneeId: $assignee_id, priority: $priority, labelIds: $label_ids, addedLabelIds: $added_label_ids, removedLabelIds: $removed_label_ids, projectId: $project_id, cycleId: $cycle_id, parentId: $parent_id, teamId: $team_id, estimate: $estimate, dueDate: $due_date }) {
    success
    issue { ${ISSUE_FIELDS} }
  }
}`,
      },
    },
    {
      slug: "LINEAR_DELETE_LINEAR_ISSUE",
      name: "Delete issue",
      description: "Move an issue to the trash (it can be restored for 30 days).",
      inputSchema: {
        type: "object",
        properties: { issue_id },
        required: ["issue_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: ["write"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `mutation DeleteIssue($issue_id: String!) {
  issueDelete(id: $issue_id) { success }
}`,
      },
    },
    {
      slug: "LINEAR_ADD_LABEL_TO_ISSUE",
      name: "Add label to issue",
      description: "Add one label to an issue, keeping its other labels.",
      inputSchema: {
        type: "object",
        properties: { issue_id, label_id: { type: "string", description: "ID of the label (from LINEAR_LIST_LINEAR_LABELS)." } },
        required: ["issue_id", "label_id"],
        additionalProperties: false,
      },
      tags: IDEMPOTENT,
      version: VERSION,
      scopes: ["write"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `mutation AddLabel($issue_id: String!, $label_id: String!) {
  issueAddLabel(id: $issue_id, labelId: $label_id) { success issue { id identifier labels { nodes { id name } } } }
}`,
      },
    },
    {
      slug: "LINEAR_REMOVE_ISSUE_LABEL",
      name: "Remove label from issue",
      description: "Remove one label from an issue.",
      inputSchema: {
        type: "object",
        properties: { issue_id, label_id: { type: "string", description: "ID of the label to remove." } },
        required: ["issue_id", "label_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: ["write"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `mutation RemoveLabel($issue_id: String!, $label_id: String!) {
  issueRemoveLabel(id: $issue_id, labelId: $label_id) { success issue { id identifier labels { nodes { id name } } } }
}`,
      },
    },
    {
      slug: "LINEAR_CREATE_LINEAR_COMMENT",
      name: "Create comment",
      description: "Add a Markdown comment to an issue, or reply to an existing comment.",
      inputSchema: {
        type: "object",
        properties: {
          issue_id: { type: "string", description: "UUID of the issue to comment on." },
          body: { type: "string", description: "Comment text in Markdown." },
          parent_id: { type: "string", description: "ID of the comment to reply to." },
        },
        required: ["issue_id", "body"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      scopes: ["write"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `mutation CreateComment($issue_id: String!, $body: String!, $parent_id: String) {
  commentCreate(input: { issueId: $issue_id, body: $body, parentId: $parent_id }) {
    success
    comment { id body url createdAt user { id name } }
  }
}`,
      },
    },
    {
      slug: "LINEAR_LIST_LINEAR_TEAMS",
      name: "List teams",
      description: "List the workspace's teams with their IDs and keys. Team IDs are needed to create issues.",
      inputSchema: {
        type: "object",
        properties: { first, after },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `query ListTeams($first: Int, $after: String) {
  teams(first: $first, after: $after) {
    nodes { id key name description private }
    ${PAGE_INFO}
  }
}`,
      },
    },
    {
      slug: "LINEAR_LIST_LINEAR_PROJECTS",
      name: "List projects",
      description: "List projects with their status, progress, dates, lead and teams, optionally filtered.",
      inputSchema: {
        type: "object",
        properties: {
          filter: {
            type: "object",
            description:
              "Linear ProjectFilter, e.g. {\"name\":{\"containsIgnoreCase\":\"launch\"}} or {\"accessibleTeams\":{\"id\":{\"eq\":\"TEAM_ID\"}}}.",
          },
          first,
          after,
          include_archived,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `query ListProjects($filter: ProjectFilter, $first: Int, $after: String, $include_archived: Boolean) {
  projects(filter: $filter, first: $first, after: $after, includeArchived: $include_archived) {
    nodes { id name description url progress startDate targetDate status { id name type } lead { id name } teams { nodes { id key name } } }
    ${PAGE_INFO}
  }
}`,
      },
    },
    {
      slug: "LINEAR_CREATE_LINEAR_PROJECT",
      name: "Create project",
      description: "Create a project for one or more teams.",
      inputSchema: {
        type: "object",
        properties: {
          name: { type: "string", description: "Project name." },
          team_ids: { type: "array", items: { type: "string", description: "A team ID." }, description: "IDs of the teams the project belongs to (at least one)." },
          description: { type: "string", description: "Short summary (up to 255 characters)." },
          content: { type: "string", description: "Project overview in Markdown." },
          lead_id: { type: "string", description: "ID of the user leading the project." },
          start_date: { type: "string", format: "date", description: "Planned start date, YYYY-MM-DD." },
          target_date: { type: "string", format: "date", description: "Target completion date, YYYY-MM-DD." },
        },
        required: ["name", "team_ids"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      scopes: ["write"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `mutation CreateProject($name: String!, $team_ids: [String!]!, $description: String, $content: String, $lead_id: String, $start_date: TimelessDate, $target_date: TimelessDate) {
  projectCreate(input: { name: $name, teamIds: $team_ids, description: $description, content: $content, leadId: $lead_id, startDate: $start_date, targetDate: $target_date }) {
    success
    project { id name url }
  }
}`,
      },
    },
    {
      slug: "LINEAR_LIST_LINEAR_STATES",
      name: "List workflow states",
      description:
        "List workflow states (Backlog, Todo, In Progress, Done…) with their IDs and types. States are per team, so filter by team to pick the right ID.",
      inputSchema: {
        type: "object",
        properties: {
          filter: {
            type: "object",
            description: "Linear WorkflowStateFilter, e.g. {\"team\":{\"id\":{\"eq\":\"TEAM_ID\"}}} or {\"type\":{\"eq\":\"completed\"}}.",
          },
          first,
          after,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `query ListStates($filter: WorkflowStateFilter, $first: Int, $after: String) {
  workflowStates(filter: $filter, first: $first, after: $after) {
    nodes { id name type color position team { id key name } }
    ${PAGE_INFO}
  }
}`,
      },
    },
    {
      slug: "LINEAR_LIST_LINEAR_LABELS",
      name: "List labels",
      description: "List issue labels (workspace-wide and team labels) with their IDs.",
      inputSchema: {
        type: "object",
        properties: {
          filter: {
            type: "object",
            description: "Linear IssueLabelFilter, e.g. {\"name\":{\"eqIgnoreCase\":\"bug\"}} or {\"team\":{\"id\":{\"eq\":\"TEAM_ID\"}}}.",
          },
          first,
          after,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `query ListLabels($filter: IssueLabelFilter, $first: Int, $after: String) {
  issueLabels(filter: $filter, first: $first, after: $after) {
    nodes { id name color description isGroup parent { id name } team { id key } }
    ${PAGE_INFO}
  }
}`,
      },
    },
    {
      slug: "LINEAR_CREATE_LINEAR_LABEL",
      name: "Create label",
      description: "Create an issue label, for one team or the whole workspace.",
      inputSchema: {
        type: "object",
        properties: {
          name: { type: "string", description: "Label name." },
          team_id: { type: "string", description: "Team ID for a team label; omit for a workspace label." },
          color: { type: "string", description: "Hex color, e.g. \"#eb5757\"." },
          description: { type: "string", description: "Label description." },
          parent_id: { type: "string", description: "ID of a label group to nest the label under." },
        },
        required: ["name"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      scopes: ["write"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `mutation CreateLabel($name: String!, $team_id: String, $color: String, $description: String, $parent_id: String) {
  issueLabelCreate(input: { name: $name, teamId: $team_id, color: $color, description: $description, parentId: $parent_id }) {
    success
    issueLabel { id name color team { id key } }
  }
}`,
      },
    },
    {
      slug: "LINEAR_LIST_LINEAR_CYCLES",
      name: "List cycles",
      description: "List cycles (sprints) with their numbers, dates, progress and team, optionally filtered, e.g. to the active cycle.",
      inputSchema: {
        type: "object",
        properties: {
          filter: {
            type: "object",
            description: "Linear CycleFilter, e.g. {\"team\":{\"id\":{\"eq\":\"TEAM_ID\"}},\"isActive\":{\"eq\":true}}.",
          },
          first,
          after,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `query ListCycles($filter: CycleFilter, $first: Int, $after: String) {
  cycles(filter: $filter, first: $first, after: $after) {
    nodes { id number name startsAt endsAt completedAt isActive progress team { id key name } }
    ${PAGE_INFO}
  }
}`,
      },
    },
    {
      slug: "LINEAR_LIST_LINEAR_USERS",
      name: "List users",
      description: "List the workspace's users with their IDs, names and emails, e.g. to find an assignee.",
      inputSchema: {
        type: "object",
        properties: {
          filter: {
            type: "object",
            description: "Linear UserFilter, e.g. {\"email\":{\"eq\":\"ada@example.com\"}} or {\"name\":{\"containsIgnoreCase\":\"ada\"}}.",
          },
          include_disabled: { type: "boolean", description: "Include deactivated users.", default: false },
          first,
          after,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["read"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `query ListUsers($filter: UserFilter, $include_disabled: Boolean, $first: Int, $after: String) {
  users(filter: $filter, includeDisabled: $include_disabled, first: $first, after: $after) {
    nodes { id name displayName email active admin }
    ${PAGE_INFO}
  }
}`,
      },
    },
    {
      slug: "LINEAR_GET_CURRENT_USER",
      name: "Get current user",
      description: "Get the authenticated user, their organization and their teams.",
      inputSchema: { type: "object", properties: {}, additionalProperties: false },
      tags: READ,
      version: VERSION,
      scopes: ["read"],
      http: {
        method: "POST",
        path: "/graphql",
        graphqlQuery: `query Viewer {
  viewer {
    id name displayName email admin
    organization { id name urlKey }
    teams { nodes { id key name } }
  }
}`,
      },
    },
  ],
  aliases: {
    LINEAR_GET_ALL_LINEAR_TEAMS: "LINEAR_LIST_LINEAR_TEAMS",
    LINEAR_UPDATE_LINEAR_ISSUE: "LINEAR_UPDATE_ISSUE",
  },
};
