import { render, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { type ChainRiskInputs, DEFAULT_PRICES, type SimulationReport, riskDiff } from "@coverdao/core";
import { RiskDiff } from "./RiskDiff";

/** One pool, one assessed product: the plain inputs the core's diff runs on. */
const side = (quorumShare: number, productRatio: number): ChainRiskInputs => ({
  block: { number: 1, timestamp: 1 },
  model: {
    pools: [{ name: "WethPool", symbol: "WETH", capital: 100, openLiabilities: 0, capacityRatio: 3 }],
    products: [
      {
        id: 1,
        name: "Hack cover",
        pool: 0,
        riskType: "Hack",
        activeCover: 50,
        annualPremium: 2,
        capacityRatio: productRatio,
      },
    ],
  },
  claimVote: {
    totalStake: 1e6,
    quorumShare,
    honestTurnout: 0.02,
    maxSlashShare: 0.5,
    fraudDetection: 0.5,
    rewardShare: 0.05,
  },
  corruptionProducts: [
    {
      id: 1,
      name: "Hack cover",
      symbol: "WETH",
      assetPriceUsd: 3000,
      poolCapital: 100,
      capacityRatio: productRatio,
      assessorPot: 1,
      parametric: false,
    },
  ],
  governance: {
    supply: 1e7,
    quorumShare: 0.04,
    turnout: 0.1,
    votingDelay: 1,
    votingPeriod: 1,
    timelockDelay: 1,
    riskChangeDelay: 1,
    withdrawalCooldown: 1,
  },
  prices: { ...DEFAULT_PRICES },
  observed: {
    claimTurnout: { value: 0.02, from: "assumption", votes: 0 },
    governanceTurnout: { value: 0.1, from: "assumption", votes: 0 },
  },
  claimDepositEth: 0.05,
});

const report = (risk?: SimulationReport["risk"]): SimulationReport => ({
  file: "form",
  title: "Raise the claim quorum",
  chainId: 31337,
  proposalId: 1n,
  actions: [],
  pending: [
    {
      id: 7n,
      title: "Extend the voting period to 6 days",
      state: "Queued",
      eta: 1_800_000_000n,
      applied: true,
    },
  ],
  steps: [],
  rows: [],
  risk,
  events: [],
  gasUsed: 0n,
});

describe("RiskDiff", () => {
  it("names the proposals applied first and marks what got safer or riskier", () => {
    const diff = riskDiff(side(0.1, 2), side(0.3, 3), { paths: 5_000, seed: 3 });
    const { getByRole } = render(<RiskDiff report={report(diff)} />);
    const region = getByRole("region", { name: "Risk before and after" });
    expect(within(region).getByRole("list", { name: "Applied first" }).textContent).toContain(
      "Extend the voting period to 6 days",
    );
    const table = within(region).getByRole("table", { name: "Risk figures before and after" });
    const quorum = within(table).getByText("Claim vote quorum (share of the stake)").closest("tr")!;
    expect(quorum.textContent).toContain("10 %");
    expect(quorum.textContent).toContain("30 %");
    expect(quorum.textContent).toContain("safer");
    const ruin = within(table).getByText("WethPool: probability of ruin, at capacity").closest("tr")!;
    expect(ruin.textContent).toContain("riskier");
  });

  it("renders nothing without a risk diff", () => {
    const { container } = render(<RiskDiff report={report(undefined)} />);
    expect(container.innerHTML).toBe("");
  });
});
