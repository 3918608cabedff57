import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One field-level problem, as listed in a validation error. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * The only error type handlers throw. `code` is stable and machine-readable;
 * `message` is written for the person reading it and never contains a secret.
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly suggestedFix: string | undefined;
  readonly errors: FieldError[] | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: { suggestedFix?: string; errors?: FieldError[] } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.suggestedFix = options.suggestedFix;
    this.errors = options.errors;
  }
}

/**
 * The Composio error envelope (`{ error: { message, status, request_id, suggested_fix } }`),
 * plus our stable string `code` and, for validation failures, the per-field `errors`.
 */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    status: number;
    request_id: string;
    suggested_fix?: string;
    errors?: FieldError[];
  };
}

export function errorBody(err: ApiError, requestId: string): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      status: err.status,
      request_id: requestId,
      ...(err.suggestedFix ? { suggested_fix: err.suggestedFix } : {}),
      ...(err.errors ? { errors: err.errors } : {}),
    },
  };
}
