/**
 * What docs/integrating.md tells an indexer, checked on the real contracts: voting power rebuilt from the
 * token's `DelegateVotesChanged` events equals `getVotes` through stake, delegate, unstake, transfer and slash,
 * while balances rebuilt from `Transfer` events show stakers net of their stake and the vault as a large holder
 * with no votes.
 */
import { expect } from "chai";
import { parseEther } from "ethers";
import { network } from "hardhat";

import { slashAssessorProposal } from "@coverdao/core";
import { daoWithVoters, passAndExecute } from "../helpers/dao.js";

const connection = await network.create();
const { networkHelpers } = connection;

describe("Indexing votes: DelegateVotesChanged is the truth, Transfer balances are not power", () => {
  it("power rebuilt from DelegateVotesChanged equals getVotes; Transfer balances differ for stakers and the vault", async () => {
    const dao = await daoWithVoters(connection);
    const { GovernanceToken: token, StakingVault: vault } = dao.contracts;
    const vaultAddress = await vault.getAddress();
    // Stake, delegate, unstake (request, cooldown, withdraw), transfer, and a governance slash.
    await (await vault.connect(dao.dave).stake(parseEther("2000"))).wait();
    await (await token.connect(dao.carol).delegate(dao.bob.address)).wait();
    await (await vault.connect(dao.dave).requestUnstake(parseEther("1000"))).wait();
    const [cooldown] = await vault.parameters();
    await networkHelpers.time.increase(Number(cooldown) + 1);
    await (await vault.connect(dao.dave).withdraw()).wait();
    await (await token.connect(dao.bob).transfer(dao.outsider.address, parseEther("50000"))).wait();
    const slashed = parseEther("10000");
    await passAndExecute(
      connection,
      dao,
      await slashAssessorProposal(dao.contracts, dao.alice.address, slashed),
    );

    const accounts = [dao.deployer, dao.alice, dao.bob, dao.carol, dao.dave, dao.outsider, dao.guardian].map(
      (a) => a.address,
    );
    const { slashRecipient } = await vault.parameters();
    accounts.push(slashRecipient, vaultAddress, await dao.contracts.CoverTimelock.getAddress());

    // An indexer's view of power: the last DelegateVotesChanged of each delegate.
    const power = new Map<string, bigint>();
    for (const log of await token.queryFilter(token.filters.DelegateVotesChanged(), 0)) {
      power.set(log.args.delegate.toLowerCase(), log.args.newVotes);
    }
    // An indexer's view of balances: the sum of Transfer events.
    const balances = new Map<string, bigint>();
    for (const log of await token.queryFilter(token.filters.Transfer(), 0)) {
      const { from, to, value } = log.args;
      balances.set(from.toLowerCase(), (balances.get(from.toLowerCase()) ?? 0n) - value);
      balances.set(to.toLowerCase(), (balances.get(to.toLowerCase()) ?? 0n) + value);
    }
    for (const account of accounts) {
      const key = account.toLowerCase();
      expect(power.get(key) ?? 0n, `power of ${account}`).to.equal(await token.getVotes(account));
      expect(balances.get(key) ?? 0n, `balance of ${account}`).to.equal(await token.balanceOf(account));
    }

    // Alice's balance is net of her stake; her power is held + staked (less the slash).
    const aliceStake = await vault.stakeOf(dao.alice.address);
    expect(aliceStake).to.equal(parseEther("500000") - slashed);
    expect(balances.get(dao.alice.address.toLowerCase())).to.equal(parseEther("1000000"));
    expect(await token.getVotes(dao.alice.address)).to.equal(parseEther("1000000") + aliceStake);
    // Dave: 5k, 1k still staked, self-delegated: his Transfer balance shows 4k, his votes 5k.
    expect(balances.get(dao.dave.address.toLowerCase())).to.equal(parseEther("4000"));
    expect(await token.getVotes(dao.dave.address)).to.equal(parseEther("5000"));
    // The vault holds every stake and has no vote.
    expect(balances.get(vaultAddress.toLowerCase())).to.equal(await vault.totalStake());
    expect(await vault.totalStake()).to.equal(aliceStake + parseEther("1000"));
    expect(power.get(vaultAddress.toLowerCase()) ?? 0n).to.equal(0n);
    expect(await token.getVotes(vaultAddress)).to.equal(0n);
  });
});
