import { describe, expect, it } from "vitest";

import { backoffSeconds } from "./connection";
import { DEFAULT_RPC_URL, configuredRpcUrl } from "./dao";

describe("RPC URL setting", () => {
  it("prefers ?rpc=, then the saved setting, then the local node", () => {
    expect(configuredRpcUrl("?rpc=http://10.0.0.2:8545&hub=x", "http://saved")).toBe("http://10.0.0.2:8545");
    expect(configuredRpcUrl("?hub=x", "http://saved")).toBe("http://saved");
    expect(configuredRpcUrl("", null)).toBe(DEFAULT_RPC_URL);
    expect(DEFAULT_RPC_URL).toBe("http://127.0.0.1:8545");
  });
});

describe("reconnection backoff", () => {
  it("doubles from 1 s and stops at 15 s", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(backoffSeconds)).toEqual([1, 2, 4, 8, 15, 15, 15]);
  });
});
