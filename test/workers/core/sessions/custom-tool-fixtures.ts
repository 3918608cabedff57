/**
 * Custom tools as `@composio/core` serialises them into `experimental` (see
 * serializeCustomTools / serializeCustomToolkits in its CustomTool module).
 */

export const WEATHER_TOOL = {
  slug: "GET_WEATHER",
  name: "Get weather",
  description: "Returns the current weather forecast for a city.",
  input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  output_schema: { type: "object", properties: { forecast: { type: "string" } } },
};

export const IMPORTANT_ISSUES_TOOL = {
  slug: "IMPORTANT_ISSUES",
  name: "Important issues",
  description: "Lists the repository issues labelled important.",
  extends_toolkit: "github",
  input_schema: { type: "object", properties: { repo: { type: "string" } } },
};

export const CRM_TOOLKIT = {
  slug: "crm",
  name: "In-house CRM",
  description: "The company's own customer records.",
  tools: [
    {
      slug: "FIND_CUSTOMER",
      name: "Find customer",
      description: "Looks up a customer record by email address in the in-house CRM.",
      input_schema: { type: "object", properties: { email: { type: "string" } }, required: ["email"] },
      preload: true,
    },
  ],
};

export const CUSTOM_EXPERIMENTAL = { custom_tools: [WEATHER_TOOL, IMPORTANT_ISSUES_TOOL], custom_toolkits: [CRM_TOOLKIT] };
