import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { network } from "hardhat";

import { connectDAO, readDeployment } from "@coverdao/core/node";
import { deployCoverDAO } from "@coverdao/core/deploy";

const connection = await network.create();

describe("TypeScript core: the deployment file", () => {
  it("is written by the deployment and read back into working typed contracts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "coverdao-"));
    const { deployment } = await deployCoverDAO(connection, { write: true, dir });
    const read = readDeployment(deployment.chainId, dir);
    expect(read).to.deep.equal(deployment);
    const dao = connectDAO(read, connection.ethers.provider);
    expect(await dao.GovernanceToken.symbol()).to.equal("COVER");
    expect(await dao.CoverGovernor.token()).to.equal(read.contracts.GovernanceToken);
    expect(await dao.StakingVault.token()).to.equal(read.contracts.GovernanceToken);
  });

  it("names the missing file and the bad fields of a malformed one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "coverdao-"));
    expect(() => readDeployment(5, dir)).to.throw(/No deployment for chain 5: .*5\.json does not exist/);
    writeFileSync(
      path.join(dir, "7.json"),
      JSON.stringify({ chainId: 7, network: "x", startBlock: 0, contracts: { GovernanceToken: "0x123" } }),
    );
    expect(() => readDeployment(7, dir)).to.throw(/contracts\.GovernanceToken: not an Ethereum address/);
    expect(() => readDeployment(7, dir)).to.throw(/contracts\.StakingVault/);
    writeFileSync(path.join(dir, "8.json"), "{ not json");
    expect(() => readDeployment(8, dir)).to.throw(/8\.json is not valid JSON/);
  });
});
