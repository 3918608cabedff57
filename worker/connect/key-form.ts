import type { AuthScheme } from "../../catalog/definition.ts";
import type { ToolkitInfo } from "../../core/catalog/registry.ts";
import { toolkitScheme } from "../../core/connect/key-credentials.ts";

/** What the Connect page's form asks for when the account is connected with a key rather than OAuth. */
export interface KeyField {
  name: string;
  label: string;
  type: "text" | "password";
  hint?: string | undefined;
}

const KEY_FIELDS: Record<string, KeyField[]> = {
  API_KEY: [{ name: "api_key", label: "API key", type: "password" }],
  BEARER_TOKEN: [{ name: "token", label: "Access token", type: "password" }],
  BASIC: [
    { name: "username", label: "Username", type: "text" },
    { name: "password", label: "Password", type: "password" },
  ],
};

/** The credentials an API_KEY scheme sends beside the key (Trello's token): asked for on the same form. */
function additionalFields(scheme: AuthScheme | undefined): KeyField[] {
  if (scheme?.type !== "API_KEY") return [];
  return (scheme.additionalFields ?? [])
    .filter((part) => part.default === undefined)
    .map((part) => ({ name: part.field, label: part.displayName, type: "password", hint: part.description }));
}

/** The form's fields for this scheme, or undefined when the page cannot take it (the scheme is not a key, token or password). */
export function keyFormFields(toolkit: ToolkitInfo, authScheme: string): KeyField[] | undefined {
  const fields = Object.hasOwn(KEY_FIELDS, authScheme) ? KEY_FIELDS[authScheme] : undefined;
  return fields && [...fields, ...additionalFields(toolkitScheme(toolkit, authScheme))];
}

/**
 * Where to find the key. The catalog says nothing per toolkit about it, so this is the
 * sentence that holds for nearly every API; a field's own description, where the catalog
 * has one, is shown under that field.
 */
export function keyHint(toolkitName: string, appName: string, authScheme: string): string | undefined {
  if (authScheme !== "API_KEY" && authScheme !== "BEARER_TOKEN") return undefined;
  const what = authScheme === "API_KEY" ? "an API key" : "an access token";
  return `You can create ${what} in your ${toolkitName} account settings, usually under API, Developer or Integrations. A separate one for ${appName} lets you revoke it on its own later. It is stored encrypted.`;
}
