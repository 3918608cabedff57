import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { semanticBindings } from "../../core/catalog/semantic/from-env.ts";
import { projectRoot } from "../../scripts/lib/paths.ts";
import { SEMANTIC_INDEX_NAME, withRemoteSemanticBindings, writeSemanticDevConfig } from "../../scripts/lib/semantic-dev-config.ts";

/**
 * `npm run dev -- --semantic` runs wrangler on a config derived from wrangler.toml. Its remote
 * bindings cannot be reached from here (no Cloudflare account, no network), so this checks what
 * wrangler reads from that config: wrangler.toml plus the two bindings, nothing else changed.
 */

const read = (config: string) => unstable_readConfig({ config }, { hideWarnings: true });
/** The fields that name the file a config was read from. */
const WHERE_READ = ["configPath", "userConfigPath"];

describe("the semantic dev config", () => {
  it("is wrangler.toml with remote Workers AI and Vectorize bindings, and nothing else changed", () => {
    const plain = read(path.join(projectRoot, "wrangler.toml"));
    const semantic = read(writeSemanticDevConfig());
    expect(semantic.ai).toEqual({ binding: "AI", remote: true });
    expect(semantic.vectorize).toEqual([{ binding: "TOOL_VECTORS", index_name: SEMANTIC_INDEX_NAME, remote: true }]);
    const rest = (config: ReturnType<typeof read>) =>
      Object.fromEntries(Object.entries(config).filter(([key]) => key !== "ai" && key !== "vectorize" && !WHERE_READ.includes(key)));
    expect(rest(semantic)).toEqual(rest(plain));
    // Paths stay the project's: the config is read from beside wrangler.toml.
    expect(semantic.main).toBe(plain.main);
  });

  it("leaves `npm run dev` and the tests local: wrangler.toml itself declares neither binding", () => {
    const plain = read(path.join(projectRoot, "wrangler.toml"));
    expect(plain.ai).toBeUndefined();
    expect(plain.vectorize).toEqual([]);
  });

  it("names the bindings semantic search reads", () => {
    const semantic = read(writeSemanticDevConfig());
    const bound = { [semantic.ai?.binding ?? ""]: {}, [semantic.vectorize[0]?.binding ?? ""]: {} };
    expect(semanticBindings(bound)).toBeDefined();
  });

  it("takes another index by name, and refuses what is no index name", () => {
    expect(read(writeSemanticDevConfig("tools-experiment")).vectorize).toEqual([{ binding: "TOOL_VECTORS", index_name: "tools-experiment", remote: true }]);
    for (const name of ["", "Tools", "tools\"\n[x]", "-tools", "tools-"]) expect(() => writeSemanticDevConfig(name)).toThrow(/no Vectorize index name/);
    writeSemanticDevConfig();
  });

  it("refuses a wrangler.toml that declares either binding already, and says what to do instead", () => {
    const config = readFileSync(path.join(projectRoot, "wrangler.toml"), "utf8");
    expect(() => withRemoteSemanticBindings(`${config}\n[ai]\nbinding = "AI"\n`)).toThrow(/add `remote = true`/);
    expect(() => withRemoteSemanticBindings(`${config}\n[[vectorize]]\nbinding = "TOOL_VECTORS"\nindex_name = "x"\n`)).toThrow(/remote = true/);
    // The commented-out production bindings are no declaration.
    expect(() => withRemoteSemanticBindings(config)).not.toThrow();
  });
});
