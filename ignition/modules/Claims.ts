import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { parseEther } from "ethers";

import GovernanceModule, { ROLES, selector } from "./Governance.js";
import { type AssetSource, buildPoolModule } from "./Pool.js";

const HOUR = 60n * 60n;
const DAY = 24n * HOUR;

const modules = new Map<AssetSource, ReturnType<typeof defineClaimsModule>>();

/** The Claims module for an asset source (it uses the Pool module of the same source). */
export function buildClaimsModule(source: AssetSource) {
  let module = modules.get(source);
  if (!module) {
    module = defineClaimsModule(source);
    modules.set(source, module);
  }
  return module;
}

/**
 * The claims module: {CoverClaims}, given CLAIMS_ROLE (which the Governance and Pool modules attach to
 * `StakingVault.lock` and `CapitalPool.payAssessorReward`) and made the cover book's claims module (the only
 * caller of `CoverBook.payout` and `CoverBook.recordClaim`). The guardian may pause
 * payouts and escalate without a bond; setters and `resolveEscalation` keep the admin role, which {CoverDAO}
 * hands to the Timelock. Forfeited deposits and bonds go to the Timelock. The depeg product's price feed
 * comes from the Pool module: a {LocalPriceFeed} on local chains, the configured Chainlink feed otherwise.
 */
function defineClaimsModule(source: AssetSource) {
  return buildModule("Claims", (m) => {
    const { manager, timelock, staking } = m.useModule(GovernanceModule);
    const { coverBook } = m.useModule(buildPoolModule(source));

    const claims = m.contract("CoverClaims", [
      manager,
      coverBook,
      staking,
      timelock,
      {
        votingPeriod: m.getParameter("votingPeriod", 3n * DAY),
        lateVoteExtension: m.getParameter("lateVoteExtension", 12n * HOUR),
        maxExtensions: m.getParameter("maxExtensions", 2n),
        cooldown: m.getParameter("cooldown", 2n * DAY),
        escalationTimeout: m.getParameter("escalationTimeout", 21n * DAY),
        redemptionWindow: m.getParameter("redemptionWindow", 90n * DAY),
        gracePeriod: m.getParameter("gracePeriod", 30n * DAY),
        quorumBps: m.getParameter("quorumBps", 1_000n),
        rewardBps: m.getParameter("rewardBps", 100n),
        claimDeposit: m.getParameter("claimDeposit", parseEther("0.05")),
        escalationBond: m.getParameter("escalationBond", parseEther("0.5")),
        rewardAmountBps: m.getParameter("rewardAmountBps", 50n),
        quorumMissFeeBps: m.getParameter("quorumMissFeeBps", 2_000n),
      },
      m.getParameter("pauseDuration", 3n * DAY),
    ]);

    m.call(manager, "grantRole", [ROLES.CLAIMS, claims, 0], { id: "grantClaims" });
    m.call(coverBook, "setClaimsModule", [claims], { id: "coverBookClaimsModule" });
    m.call(
      manager,
      "setTargetFunctionRole",
      [
        claims,
        [selector("pause()"), selector("unpause()"), selector("escalateAsGuardian(uint256)")],
        ROLES.GUARDIAN,
      ],
      { id: "claimsGuardianRole" },
    );

    return { claims };
  });
}

export default buildClaimsModule("local");
