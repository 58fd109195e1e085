import { describe, expect, it } from "vitest";

import { checkDelegate } from "./checks";

describe("delegate address check", () => {
  it("accepts lower-case and checksummed addresses, refuses the rest with a reason", () => {
    expect(checkDelegate("0x90f79bf6eb2c4f870365e785982e1f101e93b906")).toEqual({
      ok: true,
      address: "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
    });
    expect(checkDelegate("0x90F79bf6EB2c4f870365E785982E1f101E93B906")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/checksum/),
    });
    expect(checkDelegate("bob")).toMatchObject({ ok: false });
    expect(checkDelegate("0x0000000000000000000000000000000000000000")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/zero address/),
    });
  });
});
