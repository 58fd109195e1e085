import { describe, expect, it } from "vitest";

import { href, parseRoute } from "./router";

describe("parseRoute", () => {
  it("splits the hash into path segments and query", () => {
    expect(parseRoute("#/proposals/123?state=Active&notVoted=1")).toEqual({
      path: ["proposals", "123"],
      query: { state: "Active", notVoted: "1" },
    });
  });
  it("reads an empty hash as the dashboard", () => {
    expect(parseRoute("")).toEqual({ path: [], query: {} });
    expect(parseRoute("#/")).toEqual({ path: [], query: {} });
  });
  it("decodes segments and survives a malformed escape", () => {
    expect(parseRoute("#/claims/a%20b").path).toEqual(["claims", "a b"]);
    expect(parseRoute("#/claims/%E0%A4%A").path).toEqual(["claims", "%E0%A4%A"]);
  });
});

describe("href", () => {
  it("builds a hash that parses back", () => {
    const link = href("proposals", 12n, { state: "Queued", page: undefined });
    expect(link).toBe("#/proposals/12?state=Queued");
    expect(parseRoute(link)).toEqual({ path: ["proposals", "12"], query: { state: "Queued" } });
  });
  it("encodes reserved characters in segments", () => {
    expect(href("x", "a/b")).toBe("#/x/a%2Fb");
    expect(parseRoute(href("x", "a/b")).path).toEqual(["x", "a/b"]);
  });
});
