import { ApiError, type FieldError } from "../http/errors.ts";

/**
 * Durable Object RPC keeps only an error's message, so SessionObject methods return
 * their ApiErrors as values and the Worker turns them back into the same ApiError.
 */
export interface RpcFailure {
  status: number;
  code: string;
  message: string;
  suggestedFix?: string;
  errors?: FieldError[];
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcFailure };

export async function capture<T>(run: () => T | Promise<T>): Promise<RpcResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return {
      ok: false,
      error: {
        status: err.status,
        code: err.code,
        message: err.message,
        ...(err.suggestedFix ? { suggestedFix: err.suggestedFix } : {}),
        ...(err.errors ? { errors: err.errors } : {}),
      },
    };
  }
}

export function unwrap<T>(result: RpcResult<T>): T {
  if (result.ok) return result.value;
  const { status, code, message, suggestedFix, errors } = result.error;
  throw new ApiError(status as ApiError["status"], code, message, { ...(suggestedFix ? { suggestedFix } : {}), ...(errors ? { errors } : {}) });
}

export function sessionNotFound(sessionId: string): ApiError {
  return new ApiError(404, "session_not_found", `This project has no session ${sessionId}.`, {
    suggestedFix: "Create one with POST /api/v3.1/tool_router/session (composio.create(userId)).",
  });
}

export function sessionExpired(sessionId: string, at: number): ApiError {
  return new ApiError(
    410,
    "session_expired",
    `Session ${sessionId} expired at ${new Date(at).toISOString()}: it went unused for longer than the project's session time-to-live, and its files, variables and log were deleted.`,
    { suggestedFix: "Create a new session for the user (composio.create(userId)); a project admin can lengthen session_ttl_seconds." },
  );
}
