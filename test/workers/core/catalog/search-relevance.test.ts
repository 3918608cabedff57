import { describe, expect, it } from "vitest";
import { catalogSearchIndex } from "../../../../core/catalog/registry.ts";
import { fitsRequest, knownShare } from "../../../../core/catalog/search-relevance.ts";
import { readQuery, searchTools } from "../../../../core/catalog/search.ts";

const anyFits = (request: string) => searchTools(catalogSearchIndex(), request, { limit: 8 }).some((hit) => hit.fits);

describe("whether a hit fits the request", () => {
  it("counts what the request is about that no tool knows as uncovered", () => {
    const index = catalogSearchIndex();
    // The thermostat is what it is about, and no tool has heard of one.
    const thermostat = readQuery(index, "set the thermostat to 70 degrees");
    expect(thermostat.unheard).toBeGreaterThan(0);
    expect(thermostat.unheardWords).toEqual(["thermostat"]);
    expect(knownShare(thermostat)).toBeLessThan(1);
    // Names, values and days are what a request gives, not what it is about.
    const email = readQuery(index, "send an email to Priya about the Q3 offsite on Friday");
    expect(email.unheard).toBe(0);
    expect(knownShare(email)).toBe(1);
    // A request about nothing tools are named with has no share to cover.
    expect(knownShare(readQuery(index, "what's the capital of Peru?"))).toBe(0);
  });

  it("fits on coverage, on the toolkit the request names, or on a whole slug said with some of its content", () => {
    expect(fitsRequest(0.5, 1, false, 0)).toBe(true);
    expect(fitsRequest(1, 0.4, false, 0)).toBe(false);
    expect(fitsRequest(0.1, 1, true, 0)).toBe(true);
    expect(fitsRequest(0.2, 1, false, 1)).toBe(true);
    // A one-word alias slug said by the verb alone covers nothing the request is about.
    expect(fitsRequest(1, 0, false, 1)).toBe(false);
  });

  it("finds a fit for requests the catalog can do, however little of their wording the tool has", () => {
    for (const request of ["create a pull request", "archive that GitHub thing", "send an email to Priya about the Q3 offsite", "Reboot the DigitalOcean droplet api-worker-3", "busca canciones de Bad Bunny en Spotify"]) {
      expect(anyFits(request), request).toBe(true);
    }
  });

  it("finds none for what no tool does", () => {
    for (const request of ["set the thermostat to 70 degrees", "order a large pepperoni pizza", "water the plants on the balcony", "what's the capital of Peru?", "refill my prescription at the pharmacy"]) {
      expect(anyFits(request), request).toBe(false);
    }
  });

  it("leaves the ranking as it was: fitting is read beside the score, not into it", () => {
    const hits = searchTools(catalogSearchIndex(), "dim the bedroom lights", { limit: 5 });
    expect(hits.length).toBe(5);
    expect(hits.every((hit) => !hit.fits && hit.coverage >= 0)).toBe(true);
  });
});
