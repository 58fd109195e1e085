import { describe, expect, it } from "vitest";

import { fromHashRoute, hrefWith, pageQuery } from "./router";

describe("href", () => {
  it("builds a path with its query, dropping empty values", () => {
    expect(hrefWith([], "proposals", 12n, { state: "Queued", page: undefined })).toBe(
      "/proposals/12?state=Queued",
    );
    expect(hrefWith([])).toBe("/");
  });
  it("encodes reserved characters in segments", () => {
    expect(hrefWith([], "x", "a/b")).toBe("/x/a%2Fb");
  });
  it("keeps the launch URL's settings after the page's query", () => {
    expect(hrefWith([["rpc", "http://127.0.0.1:8545"]], "proposals", { state: "Active" })).toBe(
      "/proposals?state=Active&rpc=http%3A%2F%2F127.0.0.1%3A8545",
    );
  });
});

describe("fromHashRoute", () => {
  it("moves an old hash route to its path, with the URL's settings", () => {
    expect(fromHashRoute("#/proposals/123?state=Active&notVoted=1", "?rpc=http%3A%2F%2Fx&other=1")).toBe(
      "/proposals/123?state=Active&notVoted=1&rpc=http%3A%2F%2Fx",
    );
    expect(fromHashRoute("#/", "")).toBe("/");
  });
  it("leaves a fragment that is not a route alone", () => {
    expect(fromHashRoute("", "")).toBe(undefined);
    expect(fromHashRoute("#main", "")).toBe(undefined);
  });
  it("decodes segments and survives a malformed escape", () => {
    expect(fromHashRoute("#/claims/a%20b", "")).toBe("/claims/a%20b");
    expect(fromHashRoute("#/claims/%E0%A4%A", "")).toBe("/claims/%25E0%25A4%25A");
  });
});

describe("pageQuery", () => {
  it("leaves the settings out", () => {
    expect(pageQuery(new URLSearchParams("state=Active&rpc=x&hub=y&poll=1000&page=2"))).toEqual({
      state: "Active",
      page: "2",
    });
  });
});
