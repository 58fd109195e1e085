/**
 * Every contract this project deploys fits EIP-170's limit of 24,576 bytes of runtime code (Ethereum mainnet
 * and every EVM chain that follows it). The two largest, CoverClaims and CoverBook, get there through the IR
 * pipeline (hardhat.config.ts); this test says which contract grew past the limit, or how close each is.
 */
import { expect } from "chai";
import hre from "hardhat";

const EIP170_LIMIT = 24_576;

describe("contract sizes (EIP-170)", () => {
  it("every deployable contract under contracts/ fits 24,576 bytes of runtime code", async () => {
    const names = [...(await hre.artifacts.getAllFullyQualifiedNames())].filter((name) =>
      name.startsWith("contracts/"),
    );
    const sizes: { name: string; bytes: number }[] = [];
    for (const name of names) {
      const artifact = await hre.artifacts.readArtifact(name);
      const bytes = (artifact.deployedBytecode.length - 2) / 2;
      if (bytes > 0) sizes.push({ name: artifact.contractName, bytes });
    }
    // The core contracts are all there (a rename would otherwise make this test pass vacuously).
    expect(sizes.map((s) => s.name)).to.include.members([
      "CoverClaims",
      "CoverBook",
      "CapitalPool",
      "CoverGovernor",
      "StakingVault",
      "GovernanceToken",
    ]);
    const over = sizes.filter((s) => s.bytes > EIP170_LIMIT).map((s) => `${s.name}: ${s.bytes} bytes`);
    expect(over, "contracts over the EIP-170 limit").to.deep.equal([]);
  });
});
