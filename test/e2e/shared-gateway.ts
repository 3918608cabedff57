import { inject } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";

export type SharedGatewayInfo = Pick<LocalGateway, "url" | "adminKey" | "secrets" | "persistDir">;

declare module "vitest" {
  export interface ProvidedContext {
    sharedGateway: SharedGatewayInfo;
  }
}

/**
 * The gateway every e2e file shares (`global-setup.ts`). Files keep to projects of their own, so
 * they cannot see each other's data. Its `stop` and `destroy` do nothing: the run owns it, and a
 * file's `afterAll` must not end it for the files after it.
 */
export function sharedGateway(): Promise<LocalGateway> {
  return Promise.resolve({ ...inject("sharedGateway"), stop: async () => {}, destroy: async () => {} });
}
