import { expect } from "chai";
import { ZeroAddress, ZeroHash, id } from "ethers";
import { network } from "hardhat";

import { deployCoverDAO } from "@coverdao/core/deploy";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

describe("CoverDAO deployment", () => {
  const fixture = () => deployCoverDAO(connection);

  it("leaves the deployer no privilege on the Timelock or the AccessManager", async () => {
    const { contracts } = await networkHelpers.loadFixture(fixture);
    const [deployer] = await ethers.getSigners();
    const { CoverTimelock: timelock, DAOAccessManager: manager } = contracts;
    expect(await timelock.hasRole(ZeroHash, deployer.address)).to.equal(false);
    expect(await timelock.hasRole(ZeroHash, await timelock.getAddress())).to.equal(true);
    const [isAdmin] = await manager.hasRole(0n, deployer.address);
    expect(isAdmin).to.equal(false);
    const [timelockAdmin] = await manager.hasRole(0n, await timelock.getAddress());
    expect(timelockAdmin).to.equal(true);
  });

  it("makes the Governor the only proposer and canceller, and execution open to anyone", async () => {
    const { contracts } = await networkHelpers.loadFixture(fixture);
    const [deployer] = await ethers.getSigners();
    const { CoverTimelock: timelock, CoverGovernor: governor } = contracts;
    const governorAddress = await governor.getAddress();
    expect(await timelock.hasRole(id("PROPOSER_ROLE"), governorAddress)).to.equal(true);
    expect(await timelock.hasRole(id("CANCELLER_ROLE"), governorAddress)).to.equal(true);
    expect(await timelock.hasRole(id("PROPOSER_ROLE"), deployer.address)).to.equal(false);
    expect(await timelock.hasRole(id("EXECUTOR_ROLE"), ZeroAddress)).to.equal(true);
  });

  it("binds the staking vault to the token once", async () => {
    const { contracts } = await networkHelpers.loadFixture(fixture);
    const { GovernanceToken: token, StakingVault: staking } = contracts;
    expect(await token.stakingVault()).to.equal(await staking.getAddress());
    await expect(token.bindStakingVault(await staking.getAddress()))
      .to.be.revertedWithCustomError(token, "GovernanceTokenStakingAlreadyBound")
      .withArgs(await staking.getAddress());
  });
});
