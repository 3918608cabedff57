import { describe, expect, it } from "vitest";
import { fromBase64Url, sha256Hex, toBase64Url, toHex } from "../../../core/encoding.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("toBase64Url", () => {
  it("encodes RFC 4648's test vectors in the URL-safe alphabet without padding", () => {
    const vectors: [string, string][] = [["", ""], ["f", "Zg"], ["fo", "Zm8"], ["foo", "Zm9v"], ["foob", "Zm9vYg"], ["fooba", "Zm9vYmE"], ["foobar", "Zm9vYmFy"]];
    for (const [text, encoded] of vectors) expect(toBase64Url(bytes(text))).toBe(encoded);
    expect(toBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe("-_-_");
    expect(toBase64Url(new Uint8Array([0xff, 0xff]))).toBe("__8");
  });

  it("round-trips through fromBase64Url at every length", () => {
    for (let length = 0; length < 40; length++) {
      const random = crypto.getRandomValues(new Uint8Array(length));
      expect(fromBase64Url(toBase64Url(random))).toEqual(random);
    }
  });
});

describe("toHex and sha256Hex", () => {
  it("writes two lower-case digits per byte", () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 171, 255]).buffer)).toBe("00010f10abff");
  });

  it("reads a byte view's own bytes, not the rest of its buffer", () => {
    const view = new Uint8Array([9, 0xde, 0xad, 9]).subarray(1, 3);
    expect(toHex(view)).toBe("dead");
  });

  it("hashes like SHA-256", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
