import { authProblem, carriesBearer, credentialQueryNames } from "./auth-check.ts";
import type { OperationSpec } from "./document.ts";
import type { MatchResult } from "./match.ts";
import { checkBody } from "./validate-body.ts";
import { checkParameters, type Findings } from "./validate-parameters.ts";

/**
 * The simulator's verdict on one request: which operation it is for and everything the
 * real API would refuse it for. Credentials are checked first, as real APIs do, so a
 * request without them is a 401 whatever else is wrong with it.
 */

export interface IncomingRequest {
  method: string;
  pathname: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
}

export interface Verdict {
  valid: boolean;
  status: number;
  operation?: OperationSpec;
  problems: string[];
  notes: string[];
}

export function judge(request: IncomingRequest, match: MatchResult): Verdict {
  if (match.kind === "none") {
    return { valid: false, status: 404, problems: [`no operation has the path ${request.pathname}`], notes: [] };
  }
  if (match.kind === "method") {
    return { valid: false, status: 405, problems: [`${request.method} is not an operation of ${request.pathname} (it has ${match.allowed.join(", ")})`], notes: [] };
  }
  const { operation } = match;
  const findings: Findings = { problems: [], notes: [] };
  const auth = authProblem(operation.security, request);
  if (auth) findings.problems.push(auth);
  const bearer = carriesBearer(operation.security, request);
  checkParameters(operation, { pathParams: match.pathParams, query: request.query, headers: request.headers }, credentialQueryNames(operation.security), findings, bearer);
  checkBody(operation, request.headers["content-type"], request.body, findings, bearer);
  const valid = findings.problems.length === 0;
  return { valid, status: valid ? 200 : auth ? 401 : 400, operation, ...findings };
}
