import type { ToolkitInput } from "../definition.ts";

/**
 * HubSpot CRM API v3 (https://developers.hubspot.com/docs/api-reference/crm-contacts-v3):
 * contacts, companies, deals and tickets share one object API (create, read, update, list,
 * search), plus notes and tasks as engagements, owners, pipelines, properties and
 * associations (v4).
 */

const VERSION = "20261101_00";
const READ = ["readOnlyHint", "openWorldHint", "crm"];
const CREATE = ["openWorldHint", "crm"];
const OVERWRITE = ["destructiveHint", "idempotentHint", "openWorldHint", "crm"];
const IDEMPOTENT = ["idempotentHint", "openWorldHint", "crm"];

const after = { type: "string", description: "Paging cursor: `paging.next.after` from the previous response. Omit for the first page." };
const propertiesToReturn = (example: string) => ({
  type: "string",
  description: `Comma-separated property names to return, e.g. "${example}"; default a small standard set.`,
});
const associationsToReturn = {
  type: "string",
  description: "Comma-separated object types whose associated record IDs to include, e.g. \"contacts,companies,deals\".",
};
const archived = { type: "boolean", description: "Return archived records instead of active ones.", default: false };

const associations = (typeIds: string) => ({
  type: "array",
  description: `Records to associate on creation. Default association type IDs (category HUBSPOT_DEFINED): ${typeIds}.`,
  items: {
    type: "object",
    description: "{\"to\":{\"id\":\"123\"},\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":202}]}",
    properties: {
      to: {
        type: "object",
        description: "The record to associate with.",
        properties: { id: { type: "string", description: "The record's ID." } },
        required: ["id"],
      },
      types: {
        type: "array",
        description: "Association types (labels) to apply.",
        items: {
          type: "object",
          description: "An association type.",
          properties: {
            associationCategory: {
              type: "string",
              enum: ["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED"],
              description: "HUBSPOT_DEFINED for the default types.",
            },
            associationTypeId: { type: "integer", description: "Association type ID." },
          },
          required: ["associationCategory", "associationTypeId"],
        },
      },
    },
    required: ["to", "types"],
  },
});

const searchProperties = (object: string, example: string) => ({
  filter_groups: {
    type: "array",
    description:
      "Up to 5 filter groups, OR-ed together; the filters inside a group (up to 6) are AND-ed. E.g. [{\"filters\":[{\"propertyName\":\"email\",\"operator\":\"EQ\",\"value\":\"ada@example.com\"}]}].",
    items: {
      type: "object",
      description: "A group of filters that must all match.",
      properties: {
        filters: {
          type: "array",
          description: "Filters that must all match.",
          items: {
            type: "object",
            description: "One property condition.",
            properties: {
              propertyName: { type: "string", description: `Internal property name, e.g. ${example}.` },
              operator: {
                type: "string",
                enum: ["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"],
                description: "Comparison operator. CONTAINS_TOKEN supports * wildcards, e.g. \"*@example.com\".",
              },
              value: { type: "string", description: "Value to compare with; dates as epoch milliseconds or ISO 8601." },
              highValue: { type: "string", description: "Upper bound for BETWEEN." },
              values: { type: "array", items: { type: "string", description: "A value." }, description: "Values for IN / NOT_IN." },
            },
            required: ["propertyName", "operator"],
          },
        },
      },
      required: ["filters"],
    },
  },
  query: { type: "string", description: `Free-text search across the ${object}' default searchable properties.` },
  sorts: {
    type: "array",
    description: "One sort rule, e.g. [{\"propertyName\":\"createdate\",\"direction\":\"DESCENDING\"}].",
    items: {
      type: "object",
      description: "A sort rule.",
      properties: {
        propertyName: { type: "string", description: "Property to sort by." },
        direction: { type: "string", enum: ["ASCENDING", "DESCENDING"], description: "Sort direction." },
      },
      required: ["propertyName", "direction"],
    },
  },
  properties: {
    type: "array",
    items: { type: "string", description: "A property name." },
    description: `Properties to return for each result, e.g. [${example}]; default a small standard set.`,
  },
  limit: { type: "integer", description: "Results per page (1–200).", default: 20 },
  after,
});

type Obj = {
  type: string; // API object type, e.g. "contacts"
  one: string; // "contact"
  many: string; // "contacts"
  Noun: string; // "CONTACT"
  Nouns: string; // "CONTACTS"
  read: string[];
  write: string[];
  props: string; // example property names
  createExample: string;
  assoc: string;
};

const OBJECTS: Obj[] = [
  {
    type: "contacts",
    one: "contact",
    many: "contacts",
    Noun: "CONTACT",
    Nouns: "CONTACTS",
    read: ["crm.objects.contacts.read"],
    write: ["crm.objects.contacts.write"],
    props: "email,firstname,lastname,phone,company,jobtitle,lifecyclestage",
    createExample:
      "{\"email\":\"ada@example.com\",\"firstname\":\"Ada\",\"lastname\":\"Lovelace\",\"phone\":\"+44 20 7946 0000\",\"company\":\"Analytical Engines\",\"jobtitle\":\"CTO\",\"lifecyclestage\":\"lead\"}",
    assoc: "to company 279 (primary 1), to deal 4, to ticket 15",
  },
  {
    type: "companies",
    one: "company",
    many: "companies",
    Noun: "COMPANY",
    Nouns: "COMPANIES",
    read: ["crm.objects.companies.read"],
    write: ["crm.objects.companies.write"],
    props: "name,domain,industry,city,country,numberofemployees,annualrevenue",
    createExample: "{\"name\":\"Analytical Engines\",\"domain\":\"analytical.example\",\"industry\":\"COMPUTER_SOFTWARE\",\"city\":\"London\"}",
    assoc: "to contact 280, to deal 342 (primary 6), to ticket 340",
  },
  {
    type: "deals",
    one: "deal",
    many: "deals",
    Noun: "DEAL",
    Nouns: "DEALS",
    read: ["crm.objects.deals.read"],
    write: ["crm.objects.deals.write"],
    props: "dealname,amount,dealstage,pipeline,closedate,hubspot_owner_id",
    createExample:
      "{\"dealname\":\"Acme renewal\",\"amount\":\"12000\",\"pipeline\":\"default\",\"dealstage\":\"appointmentscheduled\",\"closedate\":\"2026-12-31T00:00:00Z\"}",
    assoc: "to contact 3, to company 341 (primary 5), to ticket 27",
  },
  {
    type: "tickets",
    one: "ticket",
    many: "tickets",
    Noun: "TICKET",
    Nouns: "TICKETS",
    read: ["tickets"],
    write: ["tickets"],
    props: "subject,content,hs_pipeline,hs_pipeline_stage,hs_ticket_priority,hubspot_owner_id",
    createExample:
      "{\"subject\":\"Cannot log in\",\"content\":\"Customer reports a 500 on login\",\"hs_pipeline\":\"0\",\"hs_pipeline_stage\":\"1\",\"hs_ticket_priority\":\"HIGH\"}",
    assoc: "to contact 16, to company 339 (primary 26), to deal 28",
  },
];

function objectTools(o: Obj): ToolkitInput["tools"] {
  const id = `${o.one}_id`;
  const idProp = {
    type: "string",
    description: `The ${o.one}'s record ID${o.type === "contacts" ? ", or its email with id_property=\"email\"" : ""}.`,
  };
  const idProperty = {
    type: "string",
    description: `Look the ${o.one} up by this unique property instead of its record ID${o.type === "contacts" ? ", e.g. \"email\"" : ""}.`,
  };
  const propsObject = (verb: string) => ({
    type: "object",
    description: `Property values to ${verb}, keyed by internal property name (all values as strings), e.g. ${o.createExample}.`,
  });
  const slugBase = `HUBSPOT_`;
  return [
    {
      slug: `${slugBase}CREATE_${o.Noun}`,
      name: `Create ${o.one}`,
      description: `Create a ${o.one} with the given properties, optionally associated with existing records.`,
      inputSchema: {
        type: "object",
        properties: { properties: propsObject("set"), associations: associations(o.assoc) },
        required: ["properties"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      scopes: o.write,
      http: { method: "POST", path: `/crm/v3/objects/${o.type}` },
    },
    {
      slug: `${slugBase}GET_${o.Noun}`,
      name: `Get ${o.one}`,
      description: `Get one ${o.one} by ID${o.type === "contacts" ? " or email" : ""}, with chosen properties and associated record IDs.`,
      inputSchema: {
        type: "object",
        properties: {
          [id]: idProp,
          properties: propertiesToReturn(o.props),
          associations: associationsToReturn,
          id_property: idProperty,
          archived,
        },
        required: [id],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: o.read,
      http: {
        method: "GET",
        path: `/crm/v3/objects/${o.type}/{${id}}`,
        args: { [id]: "path" },
        wireNames: { id_property: "idProperty" },
      },
    },
    {
      slug: `${slugBase}UPDATE_${o.Noun}`,
      name: `Update ${o.one}`,
      description: `Update a ${o.one}'s properties; only the properties given change. An empty string clears a value.`,
      inputSchema: {
        type: "object",
        properties: { [id]: idProp, properties: propsObject("change"), id_property: idProperty },
        required: [id, "properties"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: o.write,
      http: {
        method: "PATCH",
        path: `/crm/v3/objects/${o.type}/{${id}}`,
        args: { [id]: "path", id_property: "query" },
        wireNames: { id_property: "idProperty" },
      },
    },
    {
      slug: `${slugBase}LIST_${o.Nouns}`,
      name: `List ${o.many}`,
      description: `List ${o.many} page by page, oldest first. To filter or sort, use HUBSPOT_SEARCH_${o.Nouns}.`,
      inputSchema: {
        type: "object",
        properties: {
          limit: { type: "integer", description: "Records per page (1–100).", default: 20 },
          after,
          properties: propertiesToReturn(o.props),
          associations: associationsToReturn,
          archived,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: o.read,
      http: { method: "GET", path: `/crm/v3/objects/${o.type}` },
    },
    {
      slug: `${slugBase}SEARCH_${o.Nouns}`,
      name: `Search ${o.many}`,
      description: `Search ${o.many} by property filters and/or free text, with sorting. Returns at most 10,000 results in total.`,
      inputSchema: {
        type: "object",
        properties: searchProperties(o.many, o.props.split(",").slice(0, 3).map((p) => `"${p}"`).join(", ")),
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: o.read,
      http: { method: "POST", path: `/crm/v3/objects/${o.type}/search`, wireNames: { filter_groups: "filterGroups" } },
    },
  ];
}

const [contacts, companies, deals, tickets] = OBJECTS.map(objectTools);

export const hubspot: ToolkitInput = {
  slug: "hubspot",
  name: "HubSpot",
  description:
    "Create, find and update HubSpot CRM contacts, companies, deals and tickets, log notes and tasks, and look up owners, pipelines and properties.",
  categories: ["crm", "sales"],
  logo: "https://www.hubspot.com/favicon.ico",
  baseUrl: "https://api.hubapi.com",
  authSchemes: [
    {
      type: "OAUTH2",
      authorizeUrl: "https://app.hubspot.com/oauth/authorize",
      tokenUrl: "https://api.hubapi.com/oauth/v1/token",
      defaultScopes: [
        "oauth",
        "crm.objects.contacts.read",
        "crm.objects.contacts.write",
        "crm.objects.companies.read",
        "crm.objects.companies.write",
        "crm.objects.deals.read",
        "crm.objects.deals.write",
        "crm.objects.owners.read",
        "crm.schemas.contacts.read",
        "crm.schemas.companies.read",
        "crm.schemas.deals.read",
        "tickets",
      ],
      pkce: false,
      tokenEndpointAuthMethod: "client_secret_post",
    },
    // A private app access token (pat-…), sent as `Authorization: Bearer`.
    { type: "BEARER_TOKEN" },
  ],
  tools: [
    ...contacts!,
    {
      slug: "HUBSPOT_ARCHIVE_CONTACT",
      name: "Archive contact",
      description: "Archive (delete) a contact; it can be restored from the recycling bin for 90 days.",
      inputSchema: {
        type: "object",
        properties: { contact_id: { type: "string", description: "The contact's record ID." } },
        required: ["contact_id"],
        additionalProperties: false,
      },
      tags: OVERWRITE,
      version: VERSION,
      scopes: ["crm.objects.contacts.write"],
      http: { method: "DELETE", path: "/crm/v3/objects/contacts/{contact_id}", args: { contact_id: "path" } },
    },
    ...companies!,
    ...deals!,
    ...tickets!,
    {
      slug: "HUBSPOT_CREATE_NOTE",
      name: "Create note",
      description: "Log a note on the timeline of one or more contacts, companies, deals or tickets.",
      inputSchema: {
        type: "object",
        properties: {
          properties: {
            type: "object",
            description:
              "Note properties: hs_timestamp (required; ISO 8601 or epoch ms), hs_note_body (text or HTML), hubspot_owner_id. E.g. {\"hs_timestamp\":\"2026-11-01T10:00:00Z\",\"hs_note_body\":\"Call went well\"}.",
            properties: {
              hs_timestamp: { type: "string", description: "When the note happened; ISO 8601 or epoch milliseconds." },
              hs_note_body: { type: "string", description: "Note text; HTML allowed, up to 65,536 characters." },
              hubspot_owner_id: { type: "string", description: "Owner ID shown as the note's creator." },
            },
            required: ["hs_timestamp"],
          },
          associations: associations("to contact 202, to company 190, to deal 214, to ticket 228"),
        },
        required: ["properties"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      scopes: ["crm.objects.contacts.write"],
      http: { method: "POST", path: "/crm/v3/objects/notes" },
    },
    {
      slug: "HUBSPOT_CREATE_TASK",
      name: "Create task",
      description: "Create a to-do task, optionally assigned to an owner and associated with CRM records.",
      inputSchema: {
        type: "object",
        properties: {
          properties: {
            type: "object",
            description:
              "Task properties, e.g. {\"hs_timestamp\":\"2026-11-05T09:00:00Z\",\"hs_task_subject\":\"Send proposal\",\"hs_task_status\":\"NOT_STARTED\",\"hs_task_priority\":\"HIGH\",\"hs_task_type\":\"TODO\"}.",
            properties: {
              hs_timestamp: { type: "string", description: "Due date; ISO 8601 or epoch milliseconds." },
              hs_task_subject: { type: "string", description: "Task title." },
              hs_task_body: { type: "string", description: "Task notes." },
              hs_task_status: { type: "string", enum: ["NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"], description: "Task status." },
              hs_task_priority: { type: "string", enum: ["NONE", "LOW", "MEDIUM", "HIGH"], description: "Task priority." },
              hs_task_type: { type: "string", enum: ["TODO", "CALL", "EMAIL"], description: "Task type." },
              hubspot_owner_id: { type: "string", description: "Owner ID to assign the task to (from HUBSPOT_LIST_OWNERS)." },
            },
            required: ["hs_timestamp", "hs_task_subject"],
          },
          associations: associations("to contact 204, to company 192, to deal 216, to ticket 230"),
        },
        required: ["properties"],
        additionalProperties: false,
      },
      tags: CREATE,
      version: VERSION,
      scopes: ["crm.objects.contacts.write"],
      http: { method: "POST", path: "/crm/v3/objects/tasks" },
    },
    {
      slug: "HUBSPOT_ASSOCIATE_OBJECTS",
      name: "Associate records",
      description:
        "Link two existing CRM records with their default association, e.g. a contact to a company or a deal to a contact.",
      inputSchema: {
        type: "object",
        properties: {
          from_object_type: { type: "string", enum: ["contacts", "companies", "deals", "tickets", "notes", "tasks"], description: "Type of the first record." },
          from_object_id: { type: "string", description: "ID of the first record." },
          to_object_type: { type: "string", enum: ["contacts", "companies", "deals", "tickets", "notes", "tasks"], description: "Type of the second record." },
          to_object_id: { type: "string", description: "ID of the second record." },
        },
        required: ["from_object_type", "from_object_id", "to_object_type", "to_object_id"],
        additionalProperties: false,
      },
      tags: IDEMPOTENT,
      version: VERSION,
      http: {
        method: "PUT",
        path: "/crm/v4/objects/{from_object_type}/{from_object_id}/associations/default/{to_object_type}/{to_object_id}",
        args: { from_object_type: "path", from_object_id: "path", to_object_type: "path", to_object_id: "path" },
      },
    },
    {
      slug: "HUBSPOT_LIST_OWNERS",
      name: "List owners",
      description: "List the account's owners (users who can own records) with their owner IDs, names and emails.",
      inputSchema: {
        type: "object",
        properties: {
          email: { type: "string", description: "Only the owner with this email." },
          limit: { type: "integer", description: "Owners per page (1–500).", default: 100 },
          after,
          archived,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: ["crm.objects.owners.read"],
      http: { method: "GET", path: "/crm/v3/owners" },
    },
    {
      slug: "HUBSPOT_LIST_PIPELINES",
      name: "List pipelines",
      description: "List the deal or ticket pipelines with their stage IDs and labels, needed to set dealstage or hs_pipeline_stage.",
      inputSchema: {
        type: "object",
        properties: {
          object_type: { type: "string", enum: ["deals", "tickets"], description: "Which pipelines to list.", default: "deals" },
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/crm/v3/pipelines/{object_type}", args: { object_type: "path" } },
    },
    {
      slug: "HUBSPOT_LIST_PROPERTIES",
      name: "List properties",
      description:
        "List the property definitions of an object type (internal names, labels, types, enumeration options), including custom properties.",
      inputSchema: {
        type: "object",
        properties: {
          object_type: {
            type: "string",
            enum: ["contacts", "companies", "deals", "tickets", "notes", "tasks"],
            description: "The object type.",
          },
          archived,
        },
        required: ["object_type"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      http: { method: "GET", path: "/crm/v3/properties/{object_type}", args: { object_type: "path" } },
    },
  ],
  aliases: {
    HUBSPOT_SEARCH_CONTACTS_BY_CRITERIA: "HUBSPOT_SEARCH_CONTACTS",
    HUBSPOT_READ_CONTACT: "HUBSPOT_GET_CONTACT",
  },
};
