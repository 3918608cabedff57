import { sha256Hex, toBase64Url } from "../../core/encoding.ts";
import { ApiError } from "../../core/http/errors.ts";

/** How long a download or upload URL works; the SDK fetches it at once. */
export const TICKET_TTL_MS = 15 * 60 * 1000;

export const FILE_TICKET_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS workbench_tickets (
     hash TEXT PRIMARY KEY, path TEXT NOT NULL, op TEXT NOT NULL, mimetype TEXT, expires_at INTEGER NOT NULL)`,
];

export type TicketOp = "download" | "upload";

export interface Ticket {
  path: string;
  op: TicketOp;
  mimetype: string | null;
}

function ticketInvalid(): ApiError {
  return new ApiError(404, "file_url_invalid", "This file URL is unknown, used or expired.", {
    suggestedFix: "Ask the session for a new download_url / upload_url.",
  });
}

/**
 * Presigned file URLs without a signing key: the URL carries 256 random bits, the
 * session's object keeps only their hash with the path and operation, and an upload
 * URL works once. Whoever holds the URL holds that one file operation, nothing more.
 */
export class FileTickets {
  readonly #sql: SqlStorage;

  constructor(storage: DurableObjectStorage) {
    this.#sql = storage.sql;
  }

  async issue(ticket: Ticket, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
    this.#sql.exec("DELETE FROM workbench_tickets WHERE expires_at < ?", now);
    const token = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    const expiresAt = now + TICKET_TTL_MS;
    this.#sql.exec("INSERT INTO workbench_tickets (hash, path, op, mimetype, expires_at) VALUES (?, ?, ?, ?, ?)", await sha256Hex(token), ticket.path, ticket.op, ticket.mimetype, expiresAt);
    return { token, expiresAt };
  }

  /**
   * Runs `use` with the ticket behind a token, for this operation only. An upload ticket is
   * spent once `use` has succeeded, so a write refused for want of room can be retried.
   */
  async redeem<T>(token: string, op: TicketOp, use: (ticket: Ticket) => T, now = Date.now()): Promise<T> {
    const hash = await sha256Hex(token);
    // Nothing below awaits, so no other request to this session runs in between.
    const row = this.#sql
      .exec<{ path: string; op: TicketOp; mimetype: string | null; expires_at: number }>("SELECT path, op, mimetype, expires_at FROM workbench_tickets WHERE hash = ?", hash)
      .toArray()[0];
    if (!row || row.op !== op || row.expires_at < now) throw ticketInvalid();
    const value = use({ path: row.path, op: row.op, mimetype: row.mimetype });
    if (op === "upload") this.#sql.exec("DELETE FROM workbench_tickets WHERE hash = ?", hash);
    return value;
  }
}
