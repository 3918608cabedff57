import { describe, expect, it } from "vitest";
import { catalogProblems } from "../../../catalog/checks.ts";
import { ToolkitDefinition } from "../../../catalog/definition.ts";
import { generateToolkit } from "../../../worker/openapi/index.ts";

/** A one-tool toolkit from a minimal OpenAPI description, with the given vocabulary. */
function toolkitWith(vocabulary: object) {
  const { toolkit } = generateToolkit(
    {
      openapi: "3.0.3",
      info: { title: "Acme API", version: "1" },
      servers: [{ url: "https://api.acme.test/v1" }],
      paths: { "/pets": { get: { operationId: "listPets", summary: "List all pets" } } },
    },
    { slug: "acme", logo: "https://acme.test/logo.svg" },
  );
  return ToolkitDefinition.parse({ ...toolkit, vocabulary });
}

describe("a toolkit's vocabulary", () => {
  it("may phrase its own tools the way users ask for them", () => {
    const [slug] = toolkitWith({}).tools.map((tool) => tool.slug);
    expect(catalogProblems([toolkitWith({ phrases: { [slug ?? ""]: ["show me the animals", "what pets do we have"] } })])).toEqual([]);
  });

  it("names no tool the toolkit does not have, in any of its per-tool entries", () => {
    const problems = catalogProblems([toolkitWith({ important: ["ACME_NOPE_ONE"], pitfalls: { ACME_NOPE_TWO: "x" }, phrases: { ACME_NOPE_THREE: ["y"] } })]);
    expect(problems).toEqual([
      "vocabulary of acme: names unknown tool ACME_NOPE_ONE",
      "vocabulary of acme: names unknown tool ACME_NOPE_TWO",
      "vocabulary of acme: names unknown tool ACME_NOPE_THREE",
    ]);
  });

  it("refuses a phrasing that is empty or too long, and more than twelve for one tool", () => {
    expect(() => toolkitWith({ phrases: { ACME_LIST_PETS: [""] } })).toThrow();
    expect(() => toolkitWith({ phrases: { ACME_LIST_PETS: ["x".repeat(121)] } })).toThrow();
    expect(() => toolkitWith({ phrases: { ACME_LIST_PETS: Array.from({ length: 13 }, (_, i) => `phrase ${i}`) } })).toThrow();
  });
});
