/**
 * `npm run simulate -- depeg-replay`: the shipped synthetic history (a false alarm, then a 3-day depeg with a
 * recovery) and the real USDC / USD rounds of March 2023 (read from ../shared/data/feeds at run time, never
 * copied into the repository) replayed through the Etherisc-like depeg product.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";

import { REPO_ROOT } from "@coverdao/core/node";
import { parseFeedHistory, triggerTimeline } from "@coverdao/core/sim";
import { simulate } from "./run.js";

const SYNTHETIC = path.join(REPO_ROOT, "packages", "core", "src", "sim", "data", "synthetic-depeg-3day.csv");
const SVB = path.join(REPO_ROOT, "..", "shared", "data", "feeds", "usdc_usd_ethereum_2023-03_svb.csv");

interface Outcome {
  falls: { confirmed: boolean }[];
  covers: Record<string, { coverId?: bigint; refused?: string }>;
  claims: { who: string; paid: bigint }[];
  paid: bigint;
}

describe("Simulation: depeg-replay", function () {
  this.timeout(300_000);

  it("parses a history and says which line is wrong", () => {
    const ok = parseFeedHistory(
      "# decimals: 8\nroundId,answer,updatedAt\n1,100000000,10\n2,99000000,20\n",
      "h.csv",
    );
    expect(ok.decimals).to.equal(8);
    expect(ok.rounds.map((r) => r.answer)).to.deep.equal([100_000_000n, 99_000_000n]);
    expect(() => parseFeedHistory("roundId,answer,updatedAt\n1,1,10\n2,1,20\n", "h.csv")).to.throw(
      'h.csv: no decimals: add a "# decimals: 8" line or pass --decimals',
    );
    expect(() => parseFeedHistory("roundId,answer\n1,1\n", "h.csv", 8)).to.throw(
      'h.csv:1: the header has no "updatedAt" column',
    );
    expect(() => parseFeedHistory("roundId,answer,updatedAt\n1,1,20\n2,1,10\n", "h.csv", 8)).to.throw(
      "h.csv:3: round 2 is older than the round before it",
    );
    expect(() => parseFeedHistory("roundId,answer,updatedAt\n1,x,20\n", "h.csv", 8)).to.throw(
      /h\.csv:2: expected integers/,
    );
  });

  it("replays the synthetic 3-day depeg: the false alarm pays nothing, the cover bought before pays the loss, none is sold during", async () => {
    const report = await simulate("depeg-replay", 2, 1, "batched", { feed: SYNTHETIC });
    const o = report.outcome as unknown as Outcome;
    expect(o.falls.map((f) => f.confirmed)).to.deep.equal([false, true]);
    expect(o.covers.before.coverId).to.equal(1n);
    expect(o.covers.during.refused).to.match(/^The price is 0\.993, at or below the trigger plus buffer/);
    expect(o.covers.after.coverId).to.equal(2n); // bought once the price was back above the floor
    // 100,000 tUSD × (1 − 0.957): the window's last round answered 0.957.
    expect(o.claims).to.deep.equal([
      { who: "bought before the fall", coverId: 1n, round: (1n << 64n) | 13n, paid: 4_300_000_000n },
      { who: "tried after the confirmation", coverId: 2n, round: undefined, paid: 0n },
    ]);
    const timeline = report.sections.find((s) => s.heading === "Trigger timeline")!.body;
    expect(timeline).to.contain("a false alarm: the price was back at 0.9996 at 2024-06-06 10:00:00 UTC");
    expect(timeline).to.contain("confirmed at 2024-06-12 02:00:00 UTC");
  });

  it("replays the real USDC / USD history of March 2023 unchanged (read from ../shared at run time)", async () => {
    if (!existsSync(SVB)) {
      // A clone without the shared data: the timeline still works on the synthetic history.
      const timeline = triggerTimeline(parseFeedHistory(readFileSync(SYNTHETIC, "utf8"), SYNTHETIC), {
        trigger: 99_500_000n,
        recovery: 99_900_000n,
        window: 86_400n,
        maxGap: 88_200n,
      });
      expect(timeline.falls).to.have.length(2);
      return;
    }
    const report = await simulate("depeg-replay", 2, 1, "batched", { feed: SVB, decimals: 8 });
    const o = report.outcome as unknown as Outcome;
    // The first round below 0.995 (2023-03-11 01:18:11 UTC) is confirmed 24 hours later, gaps of up to 84 s
    // over the 24 h heartbeat included; the window's last round answered 0.9721: 2.79 % of the cover.
    expect(o.falls.map((f) => f.confirmed)).to.deep.equal([true]);
    expect(o.claims[0]).to.deep.include({ who: "bought before the fall", paid: 2_790_000_000n });
    expect(o.covers.during.refused).to.match(
      /^The price is 0\.99209183, at or below the trigger plus buffer/,
    );
    expect(report.sections.find((s) => s.heading === "Trigger timeline")!.body).to.contain(
      "- 2023-03-11 01:18:11 UTC: 0.99209183, at or below the 0.995 trigger (round 859 of phase 2); confirmed at 2023-03-12 01:18:11 UTC",
    );
  });
});
