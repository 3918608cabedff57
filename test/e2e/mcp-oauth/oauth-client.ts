import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";

/**
 * What an OAuth-only MCP client keeps (the MCP SDK's `OAuthClientProvider`, in memory), and the
 * loopback page its authorization ends on (RFC 8252 §7.3), which hands the code back to the test.
 */
export class MemoryOAuthProvider implements OAuthClientProvider {
  client: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = "";
  /** Every authorization URL the client wanted the user to open. */
  readonly opened: URL[] = [];

  readonly redirect: string;

  constructor(redirect: string) {
    this.redirect = redirect;
  }

  get redirectUrl(): string {
    return this.redirect;
  }
  get clientMetadata(): OAuthClientMetadata {
    return { client_name: "Switchboard e2e MCP client", redirect_uris: [this.redirect], grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], token_endpoint_auth_method: "none" };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.client = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.opened.push(url);
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

export interface LoopbackCallback {
  url: string;
  /** The next authorization code the callback receives. */
  nextCode(): Promise<string>;
  close(): Promise<void>;
}

export async function startLoopbackCallback(): Promise<LoopbackCallback> {
  let deliver: ((code: string) => void) | undefined;
  let pending = new Promise<string>((resolve) => (deliver = resolve));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const code = url.searchParams.get("code");
    res.writeHead(code ? 200 : 400, { "content-type": "text/html" }).end(code ? "<h1>Connected</h1><p>You can close this window.</p>" : "<h1>No code</h1>");
    if (code) deliver?.(code);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
    nextCode: async () => {
      const code = await pending;
      pending = new Promise<string>((resolve) => (deliver = resolve));
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
