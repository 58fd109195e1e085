import { expect } from "chai";
import { type BaseContract, type Signer, parseEther } from "ethers";
import { network } from "hardhat";

import { decodeError } from "@coverdao/core/node";
import { DAY, HOUR, daoWithVoters, passAndExecute } from "../helpers/dao.js";

const connection = await network.create();
const { networkHelpers, ethers } = connection;
const fixture = () => daoWithVoters(connection);

/** Sends a call from an impersonated contract address (e.g. the Timelock). */
async function as(address: string): Promise<Signer> {
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, parseEther("10"));
  return ethers.getSigner(address);
}

type Call = (contract: BaseContract & Record<string, unknown>) => Promise<unknown>;

describe("Access control: every restricted function, every caller", () => {
  it("StakingVault and GuardianPausable setters: only the Timelock; lock: only the claims role", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const { StakingVault: staking, DAOAccessManager: manager, CoverTimelock: timelock } = dao.contracts;
    const governor = await dao.contracts.CoverGovernor.getAddress();
    const callers: [string, Signer][] = [
      ["deployer", dao.deployer],
      ["guardian", dao.guardian],
      ["holder", dao.alice],
      ["outsider", dao.outsider],
      ["governor contract", await as(governor)],
    ];
    const restricted: [string, (s: typeof staking) => Promise<unknown>][] = [
      ["setUnstakeCooldown", (s) => s.setUnstakeCooldown(8 * DAY)],
      ["setUnstakeWindow", (s) => s.setUnstakeWindow(3 * DAY)],
      ["setMaxSlashBps", (s) => s.setMaxSlashBps(1_000)],
      ["setSlashRecipient", (s) => s.setSlashRecipient(dao.outsider.address)],
      ["slash", (s) => s.slash(dao.alice.address, parseEther("1"))],
      ["lock", (s) => s.lock(dao.alice.address, Math.floor(Date.now() / 1000) + DAY)],
    ];
    for (const [name, call] of restricted) {
      for (const [who, signer] of callers) {
        await expect(call(staking.connect(signer)), `${name} by ${who}`).to.be.revertedWithCustomError(
          staking,
          "AccessManagedUnauthorized",
        );
      }
    }
    // The owners succeed: the Timelock for setters and slash, a claims-role holder for lock.
    const viaTimelock = staking.connect(await as(await timelock.getAddress()));
    for (const [name, call] of restricted.filter(([n]) => n !== "lock")) {
      await expect(call(viaTimelock), `${name} by the Timelock`).not.to.revert(ethers);
    }
    const claimsRole = await manager.CLAIMS_ROLE();
    await (
      await manager.connect(await as(await timelock.getAddress())).grantRole(claimsRole, dao.bob.address, 0)
    ).wait();
    const until = (await staking.clock()) + BigInt(DAY);
    await expect(staking.connect(dao.bob).lock(dao.alice.address, until))
      .to.emit(staking, "StakeLocked")
      .withArgs(dao.alice.address, until, dao.bob.address);
  });

  it("AccessManager administration: only the Timelock", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const manager = dao.contracts.DAOAccessManager;
    const guardianRole = await manager.GUARDIAN_ROLE();
    for (const signer of [dao.deployer, dao.guardian, dao.alice, dao.outsider]) {
      await expect(
        manager.connect(signer).grantRole(guardianRole, dao.outsider.address, 0),
      ).to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount");
      await expect(
        manager.connect(signer).revokeRole(guardianRole, dao.guardian.address),
      ).to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount");
    }
    const viaTimelock = manager.connect(await as(await dao.contracts.CoverTimelock.getAddress()));
    await expect(viaTimelock.revokeRole(guardianRole, dao.guardian.address)).to.emit(manager, "RoleRevoked");
  });

  it("Governor settings and the Timelock delay: only through an executed proposal", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const { CoverGovernor: governor, CoverTimelock: timelock } = dao.contracts;
    const timelockSigner = await as(await timelock.getAddress());
    const settings: [string, Call][] = [
      ["setVotingDelay", (g) => (g as unknown as typeof governor).setVotingDelay(2 * DAY)],
      ["setVotingPeriod", (g) => (g as unknown as typeof governor).setVotingPeriod(6 * DAY)],
      [
        "setProposalThreshold",
        (g) => (g as unknown as typeof governor).setProposalThreshold(parseEther("20000")),
      ],
      ["updateQuorumNumerator", (g) => (g as unknown as typeof governor).updateQuorumNumerator(5)],
      [
        "setLateQuorumVoteExtension",
        (g) => (g as unknown as typeof governor).setLateQuorumVoteExtension(2 * DAY),
      ],
      [
        "setProposalGuardian",
        (g) => (g as unknown as typeof governor).setProposalGuardian(dao.outsider.address),
      ],
    ];
    for (const [name, call] of settings) {
      for (const signer of [dao.deployer, dao.guardian, dao.alice, dao.outsider]) {
        await expect(call(governor.connect(signer) as never), name).to.be.revertedWithCustomError(
          governor,
          "GovernorOnlyExecutor",
        );
      }
      // Even the Timelock cannot call directly: the call must come from an executed proposal.
      await expect(call(governor.connect(timelockSigner) as never), `${name} by Timelock`).to.revert(ethers);
    }
    for (const signer of [dao.deployer, dao.guardian, dao.alice]) {
      await expect(timelock.connect(signer).updateDelay(3 * DAY)).to.be.revertedWithCustomError(
        timelock,
        "TimelockUnauthorizedCaller",
      );
    }

    // One proposal changes every setting; each takes effect.
    const g = await governor.getAddress();
    const t = await timelock.getAddress();
    const encode = (fn: string, args: unknown[]) =>
      governor.interface.encodeFunctionData(fn as never, args as never);
    const call = {
      actions: [
        { target: g, value: 0n, calldata: encode("setVotingDelay", [2 * DAY]) },
        { target: g, value: 0n, calldata: encode("setVotingPeriod", [6 * DAY]) },
        { target: g, value: 0n, calldata: encode("setProposalThreshold", [parseEther("20000")]) },
        { target: g, value: 0n, calldata: encode("updateQuorumNumerator", [5]) },
        { target: g, value: 0n, calldata: encode("setLateQuorumVoteExtension", [2 * DAY]) },
        { target: g, value: 0n, calldata: encode("setProposalGuardian", [dao.outsider.address]) },
        { target: t, value: 0n, calldata: timelock.interface.encodeFunctionData("updateDelay", [3 * DAY]) },
      ],
      description: "# Retune governance\n\nEvery Governor setting and the Timelock delay.",
    };
    await passAndExecute(connection, dao, call);
    expect(await governor.votingDelay()).to.equal(BigInt(2 * DAY));
    expect(await governor.votingPeriod()).to.equal(BigInt(6 * DAY));
    expect(await governor.proposalThreshold()).to.equal(parseEther("20000"));
    expect(await governor["quorumNumerator()"]()).to.equal(5n);
    expect(await governor.lateQuorumVoteExtension()).to.equal(BigInt(2 * DAY));
    expect(await governor.proposalGuardian()).to.equal(dao.outsider.address);
    expect(await timelock.getMinDelay()).to.equal(BigInt(3 * DAY));
  });

  it("every Governor and Timelock bound holds at execution, naming the parameter", async () => {
    const dao = await networkHelpers.loadFixture(fixture);
    const { CoverGovernor: governor, CoverTimelock: timelock } = dao.contracts;
    const g = await governor.getAddress();
    const cases: [string, unknown[], string][] = [
      ["setVotingDelay", [HOUR - 1], "votingDelay"],
      ["setVotingPeriod", [31 * DAY], "votingPeriod"],
      ["setProposalThreshold", [parseEther("500001")], "proposalThreshold"],
      ["updateQuorumNumerator", [51], "quorumPercent"],
      ["setLateQuorumVoteExtension", [8 * DAY], "lateQuorumExtension"],
    ];
    for (const [fn, args, parameter] of cases) {
      const call = {
        actions: [
          {
            target: g,
            value: 0n,
            calldata: governor.interface.encodeFunctionData(fn as never, args as never),
          },
        ],
        description: `# Out of bounds: ${fn}`,
      };
      const error = await passAndExecute(connection, dao, call).then(
        () => undefined,
        (e: unknown) => e,
      );
      const decoded = decodeError(error);
      expect(decoded?.name, fn).to.equal("GovernorParameterOutOfBounds");
      expect(decoded?.message, fn).to.match(new RegExp(`^${parameter} must be between`));
    }
    const bad = {
      actions: [
        {
          target: await timelock.getAddress(),
          value: 0n,
          calldata: timelock.interface.encodeFunctionData("updateDelay", [31 * DAY]),
        },
      ],
      description: "# Out of bounds: timelock delay",
    };
    await expect(passAndExecute(connection, dao, bad)).to.be.revertedWithCustomError(
      timelock,
      "TimelockDelayOutOfBounds",
    );
  });
});
