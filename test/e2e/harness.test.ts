/**
 * The harness's JSON-RPC server: it must answer as `hardhat node` does, so that the browser sees what it
 * would see against `npm start`, and count what it is asked, so that the benchmark's figures are right.
 */
import { expect } from "chai";
import { Contract, JsonRpcProvider } from "ethers";

import { FACTORIES, decodeError } from "@coverdao/core/node";
import { type E2EChain, startChain } from "./harness.js";

describe("e2e harness: JSON-RPC over HTTP", function () {
  this.timeout(120_000);
  let chain: E2EChain;
  let provider: JsonRpcProvider;

  before(async () => {
    chain = await startChain();
    provider = new JsonRpcProvider(chain.rpc.url, undefined, { staticNetwork: true, batchMaxCount: 10 });
  });
  after(async () => {
    provider?.destroy();
    await chain?.close();
  });

  it("returns a revert's custom error data, which the core decodes into a sentence", async () => {
    const [, , user] = await chain.connection.ethers.getSigners();
    const vault = new Contract(
      chain.dao.deployment.contracts.StakingVault,
      FACTORIES.StakingVault.createInterface(),
      await provider.getSigner(user.address),
    );
    let caught: unknown;
    try {
      await vault.getFunction("stake")(0n);
    } catch (error) {
      caught = error;
    }
    expect(decodeError(caught)?.name).to.equal("StakingZeroAmount");
  });

  it("counts HTTP round trips and JSON-RPC calls, batch members one by one", async () => {
    chain.rpc.resetStats();
    const token = FACTORIES.GovernanceToken.connect(chain.dao.deployment.contracts.GovernanceToken, provider);
    // Concurrent requests leave ethers as one JSON-RPC batch.
    const [supply, name, symbol] = await Promise.all([token.totalSupply(), token.name(), token.symbol()]);
    expect([supply > 0n, name, symbol]).to.deep.equal([true, "CoverDAO", "COVER"]);
    expect(chain.rpc.stats.httpRequests).to.equal(1);
    expect(chain.rpc.stats.rpcCalls).to.equal(3);
    expect(chain.rpc.stats.methods).to.deep.equal({ eth_call: 3 });
    expect(chain.rpc.stats.bytes.eth_call).to.be.greaterThan(3 * 64);
    expect(Object.keys(chain.rpc.stats.chainMs)).to.deep.equal(["eth_call"]);
    const [trip] = chain.rpc.stats.timeline;
    expect(trip.methods).to.deep.equal(["eth_call", "eth_call", "eth_call"]);
    expect(trip.answeredAt).to.be.at.least(trip.at);
  });

  it("answers CORS preflights for a page served from another origin", async () => {
    const response = await fetch(chain.rpc.url, {
      method: "OPTIONS",
      headers: { origin: "http://127.0.0.1:1", "access-control-request-method": "POST" },
    });
    expect(response.status).to.equal(204);
    expect(response.headers.get("access-control-allow-origin")).to.equal("*");
  });
});
