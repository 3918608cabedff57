import { describe, expect, it } from "vitest";
import type { ApiKeyRow } from "../../../core/db/schema.ts";
import { ApiKeySchema, apiKeyView, ProjectSchema, projectView } from "../../../worker/http/views.ts";

describe("views", () => {
  it("show an API key without its hash, in the documented shape", () => {
    const row: ApiKeyRow = {
      id: "key_Jw2kL0aP9cV7xN1mQ8sT5B",
      projectId: "proj_3kT0Vq8yJ2mXb1Lw9RzN4A",
      name: "ci",
      lookupPrefix: "sk_AbC12dEf",
      keyHash: "f".repeat(64),
      createdAt: new Date(0),
      lastUsedAt: null,
      revokedAt: new Date(1000),
    };
    const view = ApiKeySchema.strict().parse(apiKeyView(row));
    expect(view).toEqual({
      id: row.id,
      project_id: row.projectId,
      name: "ci",
      prefix: "sk_AbC12dEf",
      created_at: "1970-01-01T00:00:00.000Z",
      last_used_at: null,
      revoked_at: "1970-01-01T00:00:01.000Z",
    });
    expect(JSON.stringify(view)).not.toContain(row.keyHash);
  });

  it("show a project in the documented shape", () => {
    const view = projectView({
      id: "proj_3kT0Vq8yJ2mXb1Lw9RzN4A",
      name: "Acme",
      isProduction: true,
      allowedCallbackOrigins: [],
      sessionTtlSeconds: 3600,
      logRetentionDays: 7,
      displayName: "Acme Notes",
      logoUrl: "https://cdn.acme.example/logo.png",
      privacyUrl: null,
      createdAt: new Date(0),
      deletedAt: null,
    });
    expect(ProjectSchema.strict().parse(view)).toEqual({
      id: "proj_3kT0Vq8yJ2mXb1Lw9RzN4A",
      name: "Acme",
      is_production: true,
      allowed_callback_origins: [],
      session_ttl_seconds: 3600,
      log_retention_days: 7,
      display_name: "Acme Notes",
      logo_url: "https://cdn.acme.example/logo.png",
      privacy_url: null,
      created_at: "1970-01-01T00:00:00.000Z",
    });
  });
});
