import { expect } from "chai";
import { parseEther } from "ethers";

import {
  BLOCK_TIME,
  ROUND,
  type World,
  agents,
  encode,
  giveTokens,
  openChain,
  startWorld,
} from "@coverdao/core/sim";

async function world(mode: "batched" | "naive"): Promise<World> {
  return startWorld(await openChain(), { voters: 2, seed: 11, mode }, parseEther("1000"));
}

describe("Simulation engine", function () {
  this.timeout(60_000);

  it("batched: many transactions, several from one agent, share blocks and keep each agent's order", async () => {
    const w = await world("batched");
    try {
      const holders = await agents(w, "holder", 20);
      const before = w.chain.stats.blocks;
      // Twenty transfers from the one treasury: nonces 0..19 in one batch.
      await giveTokens(
        w,
        holders.map((to) => ({ to, amount: parseEther("10") })),
      );
      expect(w.chain.stats.blocks - before).to.equal(1);
      for (const h of holders)
        expect(await w.dao.GovernanceToken.balanceOf(h.address)).to.equal(parseEther("10"));
      expect(w.treasury.nonce).to.equal(20);
    } finally {
      await w.connection.close();
    }
  });

  it("batched: a batch larger than a round is mined round by round, results in request order", async () => {
    const w = await world("batched");
    try {
      const holders = await agents(w, "holder", ROUND * 2 + 5);
      const before = w.chain.stats.blocks;
      // Amounts 1..n wei: each result must belong to its own request, whatever block it landed in.
      const requests = holders.map((h, i) => ({
        from: w.treasury,
        to: w.address.GovernanceToken,
        data: encode(w.dao.GovernanceToken, "transfer", [h.address, BigInt(i + 1)]),
      }));
      const results = await w.chain.sendAll(requests, "transfers");
      expect(w.chain.stats.blocks - before).to.equal(3);
      const blocks = results.map((r) => r.block);
      expect(blocks).to.deep.equal([...blocks].sort((a, b) => a - b));
      expect(new Set(blocks.slice(0, ROUND)).size).to.equal(1);
      expect(blocks[ROUND]).to.equal(blocks[0] + 1);
      const provider = w.connection.ethers.provider;
      for (const i of [0, ROUND - 1, ROUND, holders.length - 1]) {
        const tx = await provider.getTransaction(results[i].hash);
        expect(tx?.data).to.equal(requests[i].data);
        expect(tx?.nonce).to.equal(i);
      }
      expect(w.treasury.nonce).to.equal(holders.length);
    } finally {
      await w.connection.close();
    }
  });

  it("naive: one block per transaction, each 12 s after the last", async () => {
    const w = await world("naive");
    try {
      const holders = await agents(w, "holder", 5);
      const start = w.chain.clock;
      const results = await w.chain.sendAll(
        holders.map((h) => ({
          from: w.treasury,
          to: w.address.GovernanceToken,
          data: encode(w.dao.GovernanceToken, "transfer", [h.address, 1n]),
        })),
        "transfers",
      );
      expect(new Set(results.map((r) => r.block)).size).to.equal(5);
      expect(w.chain.clock).to.equal(start + 5 * BLOCK_TIME);
      const latest = await w.connection.ethers.provider.getBlock("latest");
      expect(latest?.timestamp).to.equal(w.chain.clock);
    } finally {
      await w.connection.close();
    }
  });

  it("says in plain words why a batch failed", async () => {
    const w = await world("batched");
    try {
      const [poor] = await agents(w, "poor", 1);
      const request = {
        from: poor,
        to: w.address.GovernanceToken,
        data: encode(w.dao.GovernanceToken, "transfer", [w.treasury.address, 1n]),
      };
      let message = "";
      await w.chain.sendAll([request], "a transfer from an empty account").catch((e: Error) => {
        message = e.message;
      });
      expect(message).to.match(
        /^a transfer from an empty account: 1 of 1 transactions reverted \(first: poor-0, /,
      );
      expect(message).to.not.match(/0x[0-9a-f]{8}/);
      expect(w.chain.stats.failed).to.equal(1);
    } finally {
      await w.connection.close();
    }
  });

  it("starts every run at the same time, whatever the wall clock", async () => {
    const a = await world("batched");
    const clockA = a.chain.clock;
    await a.connection.close();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const b = await world("batched");
    expect(b.chain.clock).to.equal(clockA);
    await b.connection.close();
  });
});
