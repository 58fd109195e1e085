/**
 * Seeds many on-chain proposals fast, for the proposals-page benchmark: automine off, hundreds of
 * `propose` transactions per block (explicit nonces, gas and fees, so nothing is estimated), then
 * `evm_mine`. One proposer holds enough delegated votes; every proposal has its own description, so its
 * own id. Each proposal sets the unstake cooldown to a value within the vault's bounds.
 */
import type { Interface } from "ethers";

import { type ProposalCall, columns } from "@coverdao/core/node";
import type { E2EChain } from "./harness.js";

export interface SeedResult {
  count: number;
  blocks: number;
  ms: number;
  proposer: string;
}

const DAY = 86_400;
/** Gas sent with each `propose` (it uses about 70k-110k with a one-action description). */
const PROPOSE_GAS = 200_000n;

export function benchmarkProposal(index: number, vault: string, vaultInterface: Interface): ProposalCall {
  const days = 1 + (index % 90);
  return {
    actions: [
      {
        target: vault,
        value: 0n,
        calldata: vaultInterface.encodeFunctionData("setUnstakeCooldown", [days * DAY]),
      },
    ],
    description: `# Benchmark proposal ${index + 1}: unstake cooldown ${days} days\n\nSeeded for the UI benchmark.`,
  };
}

/**
 * Proposes `count` proposals from the deployer (who first delegates its tokens to itself), `perBlock`
 * to a block, and returns how long it took. Automine is restored afterwards.
 */
export async function seedProposals(chain: E2EChain, count: number, perBlock = 250): Promise<SeedResult> {
  const started = Date.now();
  const provider = chain.connection.provider;
  const send = (method: string, params: unknown[] = []) => provider.request({ method, params });
  const [deployer] = await chain.connection.ethers.getSigners();
  const { GovernanceToken: token, CoverGovernor: governor, StakingVault: vault } = chain.dao.contracts;

  if ((await token.getVotes(deployer.address)) < (await governor.proposalThreshold())) {
    await (await token.connect(deployer).delegate(deployer.address)).wait();
    // The proposal threshold reads votes at the previous second.
    await chain.increaseTime(1);
  }

  const governorAddress = await governor.getAddress();
  const vaultAddress = await vault.getAddress();
  let nonce = await chain.connection.ethers.provider.getTransactionCount(deployer.address, "pending");
  let blocks = 0;

  await send("evm_setAutomine", [false]);
  try {
    for (let first = 0; first < count; first += perBlock) {
      const last = Math.min(count, first + perBlock);
      const hashes: string[] = [];
      // Full blocks raise the base fee (EIP-1559): price each block from the latest one.
      const latest = await chain.connection.ethers.provider.getBlock("latest");
      const maxFee = 2n * (latest?.baseFeePerGas ?? 1_000_000_000n) + 1_000_000_000n;
      for (let index = first; index < last; index++) {
        const call = benchmarkProposal(index, vaultAddress, vault.interface);
        const data = governor.interface.encodeFunctionData("propose", [
          ...columns(call.actions),
          call.description,
        ]);
        const hash = await send("eth_sendTransaction", [
          {
            from: deployer.address,
            to: governorAddress,
            data,
            gas: `0x${PROPOSE_GAS.toString(16)}`,
            maxFeePerGas: `0x${maxFee.toString(16)}`,
            maxPriorityFeePerGas: "0x1",
            nonce: `0x${nonce.toString(16)}`,
          },
        ]);
        hashes.push(String(hash));
        nonce += 1;
      }
      await send("evm_mine");
      blocks += 1;
      // Every transaction must have succeeded: a failed propose would silently thin the set.
      const receipts = await Promise.all(
        hashes.map((hash) => chain.connection.ethers.provider.getTransactionReceipt(hash)),
      );
      const failed = receipts.filter((receipt) => receipt?.status !== 1).length;
      if (failed > 0) throw new Error(`${failed} of propose transactions ${first + 1}..${last} failed`);
    }
  } finally {
    await send("evm_setAutomine", [true]);
  }
  return { count, blocks, ms: Date.now() - started, proposer: deployer.address };
}
