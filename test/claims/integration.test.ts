import { expect } from "chai";
import { parseEther } from "ethers";
import { network } from "hardhat";

import {
  explainClaim,
  readClaim,
  resolveEscalationProposal,
  slashAssessorProposal,
} from "@coverdao/core/node";
import { passAndExecute } from "../helpers/dao.js";
import { claimsFixture, fileClaim, timeTo } from "./fixture.js";

const connection = await network.create();
const { networkHelpers, ethers } = connection;
const fixture = () => claimsFixture(connection);

describe("Claims integration: one claim through escalation, decided by the Governor", () => {
  it("filed, voted down, escalated, approved by a proposal executed through the Timelock, paid; fraud slashed", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const claims = f.c.CoverClaims;

    // Filed by the holder; Alice (500k) votes no, Bob (200k) and Carol (100k) yes: denied by assessors.
    const id = await fileClaim(f, parseEther("30"), "ipfs://bafy-exploit-postmortem");
    await (await claims.connect(f.alice).castClaimVote(id, false)).wait();
    await (await claims.connect(f.bob).castClaimVote(id, true)).wait();
    await (await claims.connect(f.carol).castClaimVote(id, true)).wait();
    await timeTo(connection, (await claims.claim(id)).votingEnd);
    let detail = await readClaim(f.c, id);
    expect([detail.state, detail.approved]).to.deep.equal(["Cooldown", false]);

    // Carol disputes the outcome during the cooldown, with the bond.
    // A 30 WETH claim is 3 % of the pool: its bond is scaled above the flat one.
    const bond = await claims.escalationBondOf(id);
    expect(bond).to.be.greaterThan(f.params.escalationBond);
    await (await claims.connect(f.carol).escalate(id, { value: bond })).wait();
    expect((await readClaim(f.c, id)).state).to.equal("Escalated");
    expect(explainClaim(await readClaim(f.c, id))).to.contain("escalated to governance");

    // Governance approves the claim: propose, vote, queue, execute through the Timelock.
    const carolBefore = await ethers.provider.getBalance(f.carol.address);
    const call = await resolveEscalationProposal(
      f.c,
      id,
      true,
      "The post-mortem shows the covered contract was exploited.",
    );
    await passAndExecute(connection, f, call);
    detail = await readClaim(f.c, id);
    expect([detail.state, detail.decision, detail.approved]).to.deep.equal(["Approved", "Governance", true]);
    // Overturning the assessors returns the escalator's bond.
    expect((await ethers.provider.getBalance(f.carol.address)) - carolBefore).to.equal(bond);

    // Paid to the holder, once, within the cover.
    await expect(claims.connect(f.holder).redeemPayout(id)).to.changeTokenBalance(
      ethers,
      f.c.WETH,
      f.holder,
      parseEther("30"),
    );
    expect((await f.c.CoverBook.cover(1n)).paidOut).to.equal(parseEther("30"));
    expect(explainClaim(await readClaim(f.c, id))).to.contain("approved by governance after an escalation");

    // Governance finds Alice's vote fraudulent and slashes 10 % of her stake through a proposal.
    const stake = await f.c.StakingVault.stakeOf(f.alice.address);
    await passAndExecute(
      connection,
      f,
      await slashAssessorProposal(f.c, f.alice.address, stake / 10n, `Fraudulent vote on claim ${id}.`),
    );
    expect(await f.c.StakingVault.stakeOf(f.alice.address)).to.equal(stake - stake / 10n);
  });
});
