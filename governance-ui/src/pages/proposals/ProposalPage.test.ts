import { describe, expect, it } from "vitest";

import { bodyOf } from "./ProposalPage";

describe("proposal body", () => {
  it("drops the heading that repeats the title only", () => {
    expect(bodyOf("# Raise quorum\n\nWhy.", "Raise quorum").trim()).toBe("Why.");
    expect(bodyOf("# Other\n\nWhy.", "Raise quorum")).toBe("# Other\n\nWhy.");
  });
});
