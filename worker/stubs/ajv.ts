/**
 * Stands in for `ajv` and `ajv-formats` in the Worker bundle (`[alias]` in wrangler.toml).
 *
 * The MCP SDK's low-level `Server` imports its ajv-based JSON Schema validator at module
 * load, but only constructs it when no `jsonSchemaValidator` is passed. The session MCP
 * endpoint always passes the CfWorker one (ajv compiles validators with `new Function`,
 * which workerd forbids), so ajv was ~140 KiB of minified bundle that never ran. Should the SDK
 * ever reach for it, this fails loudly rather than validating nothing.
 */
export default function ajvIsNotBundled(): never {
  throw new Error("ajv is not bundled into the Worker: pass a jsonSchemaValidator (CfWorkerJsonSchemaValidator) to the MCP Server.");
}
