import { AuthScheme, type Composio } from "@composio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { sharedGateway } from "./shared-gateway.ts";
import { newSdkTenant } from "./sdk-tenant.ts";

/**
 * Auth configs and connected accounts driven by the official SDK against the real
 * gateway: every call must parse with the SDK's own response schemas.
 */
let gateway: LocalGateway;
let composio: Composio;

beforeAll(async () => {
  gateway = await sharedGateway();
  ({ composio } = await newSdkTenant(gateway, "accounts-sdk"));
});

afterAll(async () => {
  await gateway?.destroy();
});

describe("auth configs through the official SDK", () => {
  it("creates, reads, lists, updates, disables, enables and deletes", async () => {
    const managed = await composio.authConfigs.create("slack", { type: "use_composio_managed_auth" });
    expect(managed).toMatchObject({ authScheme: "OAUTH2", isComposioManaged: true, toolkit: "slack" });

    const own = await composio.authConfigs.create("github", {
      type: "use_custom_auth",
      authScheme: "OAUTH2",
      name: "GitHub app",
      credentials: { client_id: "Iv1.sdk", client_secret: "sdk-secret-one" },
    });
    const fetched = await composio.authConfigs.get(own.id);
    expect(fetched).toMatchObject({ id: own.id, name: "GitHub app", status: "ENABLED", noOfConnections: 0, isComposioManaged: false, toolkit: { slug: "github" } });
    expect(JSON.stringify(fetched)).not.toContain("sdk-secret-one");

    await composio.authConfigs.update(own.id, { type: "custom", credentials: { client_secret: "sdk-secret-two", scopes: "repo" } });
    expect((await composio.authConfigs.get(own.id)).credentials).toEqual({ scopes: ["repo"] });
    await composio.authConfigs.update(managed.id, { type: "default", scopes: "chat:write" });
    expect((await composio.authConfigs.get(managed.id)).credentials).toEqual({ scopes: ["chat:write"] });

    const listed = await composio.authConfigs.list({ toolkit: "github" });
    expect(listed.items.map((i) => i.id)).toEqual([own.id]);
    expect(listed.totalPages).toBe(1);
    expect((await composio.authConfigs.list({ isComposioManaged: true })).items.map((i) => i.id)).toEqual([managed.id]);

    await composio.authConfigs.disable(own.id);
    expect((await composio.authConfigs.get(own.id)).status).toBe("DISABLED");
    expect((await composio.authConfigs.list({ toolkit: "github" })).items).toEqual([]);
    expect((await composio.authConfigs.list({ toolkit: "github", showDisabled: true })).items).toHaveLength(1);
    await composio.authConfigs.enable(own.id);

    await composio.authConfigs.delete(own.id);
    await expect(composio.authConfigs.get(own.id)).rejects.toThrow();
  });
});

describe("connected accounts through the official SDK", () => {
  it("lists, gets, disables, enables, refuses to refresh a key-based account, and deletes", async () => {
    const authConfig = await composio.authConfigs.create("github", { type: "use_custom_auth", authScheme: "BEARER_TOKEN", credentials: {} });
    const work = await composio.connectedAccounts.initiate("sdk-user", authConfig.id, { config: AuthScheme.BearerToken({ token: "ghp_sdk_work" }), alias: "work" });
    const personal = await composio.connectedAccounts.initiate("sdk-user", authConfig.id, {
      config: AuthScheme.BearerToken({ token: "ghp_sdk_personal" }),
      alias: "personal",
      allowMultiple: true,
    });

    const listed = await composio.connectedAccounts.list({ userIds: ["sdk-user"], toolkitSlugs: ["github"] });
    expect(listed.items.map((a) => [a.id, a.alias])).toEqual([
      [work.id, "work"],
      [personal.id, "personal"],
    ]);
    expect((await composio.authConfigs.get(authConfig.id)).noOfConnections).toBe(2);

    await composio.connectedAccounts.disable(work.id);
    expect(await composio.connectedAccounts.get(work.id)).toMatchObject({ status: "INACTIVE", isDisabled: true });
    await composio.connectedAccounts.enable(work.id);
    expect(await composio.connectedAccounts.get(work.id)).toMatchObject({ status: "ACTIVE", isDisabled: false });
    await composio.connectedAccounts.update(work.id, { enabled: false });
    expect((await composio.connectedAccounts.list({ statuses: ["INACTIVE"] })).items.map((a) => a.id)).toEqual([work.id]);

    await expect(composio.connectedAccounts.refresh(personal.id)).rejects.toThrow(/no tokens to refresh/);

    expect(await composio.connectedAccounts.delete(personal.id)).toEqual({ success: true });
    await expect(composio.connectedAccounts.get(personal.id)).rejects.toThrow();
  });
});
