import { expect } from "chai";
import { formatEther } from "ethers";
import { network } from "hardhat";

import { deployCoverDAO } from "@coverdao/core/deploy";
import {
  type SpaceSettings,
  assertValidSpaceSettings,
  buildSpaceSettings,
  validateSpaceSettings,
} from "@coverdao/core/snapshot/node";

const connection = await network.create();
const { networkHelpers } = connection;

describe("Snapshot: space settings generated from a deployment", () => {
  const fixture = () => deployCoverDAO(connection);

  it("reproduce the Governor: erc20-votes on the token, delay, period, quorum and proposal threshold", async () => {
    const { deployment, contracts } = await networkHelpers.loadFixture(fixture);
    const settings = await buildSpaceSettings(deployment, connection.ethers.provider);
    const governor = contracts.CoverGovernor;
    expect(settings.network).to.equal("31337");
    expect(settings.strategies).to.deep.equal([
      {
        name: "erc20-votes",
        network: "31337",
        params: { address: deployment.contracts.GovernanceToken, symbol: "COVER", decimals: 18 },
      },
    ]);
    expect(settings.voting.delay).to.equal(Number(await governor.votingDelay()));
    expect(settings.voting.period).to.equal(Number(await governor.votingPeriod()));
    await networkHelpers.mine();
    const now = await networkHelpers.time.latest();
    expect(settings.voting.quorum).to.equal(Number(formatEther(await governor.quorum(now - 1))));
    expect(settings.voting.quorum).to.equal(400_000);
    expect(settings.validation.params.minScore).to.equal(
      Number(formatEther(await governor.proposalThreshold())),
    );
    expect(settings.voting.type).to.equal("basic");
  });

  it("pass snapshot.js's own schema (a local chain id is the one noted exception)", async () => {
    const { deployment } = await networkHelpers.loadFixture(fixture);
    const local = await buildSpaceSettings(deployment, connection.ethers.provider);
    const onLocal = validateSpaceSettings(local);
    expect(onLocal).to.deep.include({ ok: true, errors: [] });
    expect(onLocal.notes.join()).to.match(/network not allowed .*local chain/);
    // Strictly, snapshot.js refuses the local chain id with its own message.
    expect(validateSpaceSettings(local, true).errors).to.include("/network: network not allowed");

    const sepolia = await buildSpaceSettings(deployment, connection.ethers.provider, { network: "11155111" });
    expect(validateSpaceSettings(sepolia, true)).to.deep.equal({ ok: true, errors: [], notes: [] });
    expect(() => assertValidSpaceSettings(sepolia, true)).not.to.throw();
  });

  it("a broken space fails with snapshot.js's messages", async () => {
    const { deployment } = await networkHelpers.loadFixture(fixture);
    const good = await buildSpaceSettings(deployment, connection.ethers.provider, { network: "11155111" });
    const broken: SpaceSettings = {
      ...good,
      strategies: [],
      voting: { ...good.voting, delay: 40 * 86_400 },
    };
    const validation = validateSpaceSettings(broken);
    expect(validation.ok).to.equal(false);
    expect(validation.errors).to.include("/strategies: must NOT have fewer than 1 items");
    expect(validation.errors).to.include("/voting/delay: Delay must be less than 30 days");
    expect(() => assertValidSpaceSettings(broken)).to.throw(
      /invalid:\n {2}.*must NOT have fewer than 1 items/,
    );
    const unknownField = validateSpaceSettings({ ...good, quorum: 1 });
    expect(unknownField.errors).to.include("(root): must NOT have additional properties");
  });
});
