import { createRoute, z } from "@hono/zod-openapi";
import { KeyRing } from "../../core/crypto/keyring.ts";
import { d1Binding } from "../../core/db/d1-binding.ts";
import { createRouter } from "../http/openapi-app.ts";
import { adminKeySecurity, commonErrors, forbidden, jsonBody, jsonResponse } from "../http/schemas.ts";
import { encryptionStatus, reencryptBatch } from "../repositories/reencrypt.ts";

const StatusSchema = z
  .object({
    current_key_id: z.string().openapi({ example: "k2", description: "ENCRYPTION_KEY_ID: the key every new write uses." }),
    keys: z.array(z.string()).openapi({ example: ["k1", "k2"], description: "The key ids in ENCRYPTION_KEYS." }),
    rows_by_key: z.record(z.string(), z.number().int()).openapi({
      example: { k1: 120, k2: 35 },
      description: "Stored secrets per key id, over every encrypted column. A key may be removed once it has no rows.",
    }),
  })
  .openapi("EncryptionStatus");

const RotateBody = z
  .object({
    batch_size: z.number().int().min(1).max(100).default(50).openapi({ description: "Rows to re-encrypt in this call (1–100)." }),
  })
  .strict()
  .openapi("RotateEncryption");

const RotateResultSchema = z
  .object({
    reencrypted: z.number().int().openapi({ description: "Rows moved to the current key by this call." }),
    remaining: z.number().int().openapi({ description: "Rows still under another key. Call again until it is 0." }),
    failed: z
      .array(
        z.object({
          column: z.string().openapi({ description: "The encrypted column, as `table.column`." }),
          id: z.string().openapi({ description: "The id of the row whose value could not be decrypted." }),
          key_id: z.string().nullable().openapi({ description: "The key id the value names; null when the stored value names none that can be read." }),
          reason: z.string().openapi({ description: "Why the value could not be re-encrypted." }),
        }),
      )
      .openapi({ description: "Rows that could not be decrypted (tampered with, or written with other associated data). Never contains a secret." }),
  })
  .openapi("EncryptionRotation");

const tags = ["Admin: encryption"];
const errors = { ...commonErrors, ...forbidden };

const app = createRouter();

app.openapi(
  createRoute({
    method: "get",
    path: "/status",
    tags,
    security: adminKeySecurity,
    summary: "Show which keys encrypt the stored secrets",
    responses: { 200: jsonResponse(StatusSchema, "The key ring and how many rows each key encrypts."), ...errors },
  }),
  async (c) => {
    const status = await encryptionStatus(d1Binding(c.env), KeyRing.fromEnv(c.env));
    return c.json({ current_key_id: status.currentKeyId, keys: status.keyIds, rows_by_key: status.rowsByKey }, 200);
  },
);

app.openapi(
  createRoute({
    method: "post",
    path: "/rotate",
    tags,
    security: adminKeySecurity,
    summary: "Re-encrypt a batch of rows under the current key",
    description:
      "Re-encrypts up to `batch_size` secrets written under an older key still in ENCRYPTION_KEYS. " +
      "Safe to run while the gateway serves traffic and to repeat: a row changed meanwhile is left as it is. " +
      "Rows under a key no longer in the ring cannot be read, so they stay in `remaining`.",
    request: { body: jsonBody(RotateBody) },
    responses: { 200: jsonResponse(RotateResultSchema, "What this batch did and what is left."), ...errors },
  }),
  async (c) => {
    const { batch_size } = c.req.valid("json");
    const result = await reencryptBatch(d1Binding(c.env), KeyRing.fromEnv(c.env), batch_size);
    return c.json(
      {
        reencrypted: result.reencrypted,
        remaining: result.remaining,
        failed: result.failed.map((f) => ({ column: f.column, id: f.id, key_id: f.keyId ?? null, reason: f.reason })),
      },
      200,
    );
  },
);

export default app;
