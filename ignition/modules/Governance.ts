import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id, parseEther, ZeroAddress, ZeroHash } from "ethers";

/** Role ids, fixed in {DAOAccessManager}; the core reads them from the contract, Ignition needs literals. */
export const ROLES = { ADMIN: 0n, GUARDIAN: 1n, CLAIMS: 2n } as const;

/** The 4-byte selector of a function signature. */
export const selector = (signature: string): string => id(signature).slice(0, 10);

const DAY = 24n * 60n * 60n;

/**
 * Governance core: token, staking vault, Timelock, Governor and the AccessManager.
 *
 * The deployer keeps the AccessManager's admin role until {CoverDAO} hands it to the Timelock, after
 * every module has set its function roles. The Timelock's setup admin is renounced here.
 */
export default buildModule("Governance", (m) => {
  const deployer = m.getAccount(0);
  const guardian = m.getParameter<string>("guardian");

  const token = m.contract("GovernanceToken", [
    m.getParameter("tokenName", "CoverDAO"),
    m.getParameter("tokenSymbol", "COVER"),
    m.getParameter("tokenRecipient", deployer),
    m.getParameter("tokenSupply", parseEther("10000000")),
  ]);

  const manager = m.contract("DAOAccessManager", [deployer]);

  const timelock = m.contract("CoverTimelock", [
    m.getParameter("timelockDelay", 2n * DAY),
    [],
    [ZeroAddress],
    deployer,
  ]);

  const staking = m.contract("StakingVault", [
    token,
    manager,
    m.getParameter("unstakeCooldown", 7n * DAY),
    m.getParameter("unstakeWindow", 2n * DAY),
    m.getParameter("maxSlashBps", 2_000n),
    timelock,
  ]);
  m.call(token, "bindStakingVault", [staking]);

  const governor = m.contract("CoverGovernor", [
    token,
    timelock,
    {
      votingDelay: m.getParameter("votingDelay", 1n * DAY),
      votingPeriod: m.getParameter("votingPeriod", 5n * DAY),
      proposalThreshold: m.getParameter("proposalThreshold", parseEther("10000")),
      quorumPercent: m.getParameter("quorumPercent", 4n),
      lateQuorumExtension: m.getParameter("lateQuorumExtension", 1n * DAY),
      proposalGuardian: guardian,
    },
  ]);

  // Timelock: the Governor proposes and cancels, anyone executes, no admin remains.
  const proposer = m.call(timelock, "grantRole", [id("PROPOSER_ROLE"), governor], { id: "timelockProposer" });
  const canceller = m.call(timelock, "grantRole", [id("CANCELLER_ROLE"), governor], {
    id: "timelockCanceller",
  });
  m.call(timelock, "renounceRole", [ZeroHash, deployer], {
    id: "timelockRenounceAdmin",
    after: [proposer, canceller],
  });

  // Roles: labels for UIs, the guardian, and the claims module's access to stake locks.
  m.call(manager, "labelRole", [ROLES.GUARDIAN, "GUARDIAN"], { id: "labelGuardian" });
  m.call(manager, "labelRole", [ROLES.CLAIMS, "CLAIMS"], { id: "labelClaims" });
  m.call(manager, "grantRole", [ROLES.GUARDIAN, guardian, 0], { id: "grantGuardian" });
  m.call(manager, "setTargetFunctionRole", [staking, [selector("lock(address,uint48)")], ROLES.CLAIMS], {
    id: "stakingLockRole",
  });

  return { token, staking, timelock, governor, manager };
});
