import { expect } from "chai";
import { network } from "hardhat";

import { selector } from "../../ignition/modules/Governance.js";
import { claimsFixture } from "./fixture.js";

const connection = await network.create();
const fixture = () => claimsFixture(connection);

describe("Claims deployment (Ignition)", () => {
  it("grants CLAIMS_ROLE to the claims contract, makes it the claims module and maps its functions", async () => {
    const f = await connection.networkHelpers.loadFixture(fixture);
    const { DAOAccessManager: manager, CoverClaims: claims } = f.c;
    const claimsAddress = await claims.getAddress();
    const [isMember] = await manager.hasRole(await manager.CLAIMS_ROLE(), claimsAddress);
    expect(isMember).to.equal(true);
    const roleOf = (signature: string) => manager.getTargetFunctionRole(claimsAddress, selector(signature));
    for (const signature of ["pause()", "unpause()", "escalateAsGuardian(uint256)"]) {
      expect(await roleOf(signature), signature).to.equal(await manager.GUARDIAN_ROLE());
    }
    for (const signature of [
      "resolveEscalation(uint256,bool)",
      "setQuorumBps(uint16)",
      "setTreasury(address)",
    ]) {
      expect(await roleOf(signature), signature).to.equal(0n);
    }
    expect(await claims.treasury()).to.equal(await f.c.CoverTimelock.getAddress());
    expect(await claims.coverBook()).to.equal(await f.c.CoverBook.getAddress());
    // The cover book accepts payouts and claim records from this contract only.
    expect(await f.c.CoverBook.claimsModule()).to.equal(claimsAddress);
    expect(await claims.stakingVault()).to.equal(await f.c.StakingVault.getAddress());
    expect(f.deployment.contracts.CoverClaims).to.equal(claimsAddress);
  });
});
