/**
 * The benchmark's seeder on a small count: every seeded proposal exists on the Governor with its own id,
 * and blocks hold many proposals each.
 */
import { expect } from "chai";

import { proposalIdOf } from "@coverdao/core/node";
import { type E2EChain, startChain } from "./harness.js";
import { benchmarkProposal, seedProposals } from "./seed-proposals.js";

describe("e2e: proposal seeder", function () {
  this.timeout(120_000);
  let chain: E2EChain;

  before(async () => {
    chain = await startChain();
  });
  after(async () => {
    await chain?.close();
  });

  it("proposes distinct proposals in batched blocks", async () => {
    const result = await seedProposals(chain, 120, 50);
    expect(result.blocks).to.equal(3);
    const governor = chain.dao.contracts.CoverGovernor;
    const vault = chain.dao.contracts.StakingVault;
    const events = await governor.queryFilter(governor.filters.ProposalCreated());
    expect(events).to.have.length(120);
    expect(new Set(events.map((e) => e.args.proposalId)).size).to.equal(120);
    expect(new Set(events.map((e) => e.blockNumber)).size).to.equal(3);
    const last = benchmarkProposal(119, await vault.getAddress(), vault.interface);
    const id = await proposalIdOf(governor, last);
    expect(await governor.proposalProposer(id)).to.equal(result.proposer);
  });
});
