/**
 * Simulation engine: a fresh in-process chain, deterministic randomness, many agents, and
 * transactions sent in batches that share blocks (or one per block, to measure the difference).
 */
import { Interface, type BaseContract, getAddress, keccak256, toUtf8Bytes, solidityPacked } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

/** mulberry32: a small, fast PRNG; the same seed always gives the same run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Deterministic agent addresses: no keys needed, the chain impersonates them. */
export function agentAddress(seed: number, index: number): string {
  return getAddress(
    "0x" + keccak256(solidityPacked(["string", "uint256", "uint256"], ["agent", seed, index])).slice(26),
  );
}

export type Mode = "batched" | "naive";

export interface TxRequest {
  from: string;
  to: string;
  data: string;
  /** Gas limit; given explicitly so batched transactions need no estimate against pending state. */
  gas?: bigint;
}

export interface TxStats {
  sent: number;
  failed: number;
  blocks: number;
}

type Rpc = NetworkConnection["provider"];

/** Sends transactions through the chain's JSON-RPC, in batches sharing blocks or one per block. */
export class Sender {
  readonly stats: TxStats = { sent: 0, failed: 0, blocks: 0 };
  private readonly impersonated = new Set<string>();

  constructor(
    private readonly rpc: Rpc,
    readonly mode: Mode,
  ) {}

  /** Lets `address` send transactions and gives it gas money. */
  async agent(address: string): Promise<void> {
    if (this.impersonated.has(address)) return;
    await this.rpc.request({ method: "hardhat_impersonateAccount", params: [address] });
    await this.rpc.request({ method: "hardhat_setBalance", params: [address, "0x8ac7230489e80000"] });
    this.impersonated.add(address);
  }

  /**
   * Sends `requests`. Batched: with automine off, all enter the pool and blocks are mined until every
   * one is included. Naive: each is mined in its own block before the next is sent. Returns the
   * indices of transactions that reverted.
   */
  async send(requests: TxRequest[]): Promise<number[]> {
    if (requests.length === 0) return [];
    const hashes: string[] = [];
    const tx = (r: TxRequest) => ({
      from: r.from,
      to: r.to,
      data: r.data,
      gas: "0x" + (r.gas ?? 1_000_000n).toString(16),
    });
    if (this.mode === "naive") {
      for (const r of requests) {
        hashes.push((await this.rpc.request({ method: "eth_sendTransaction", params: [tx(r)] })) as string);
        this.stats.blocks += 1;
      }
    } else {
      await this.rpc.request({ method: "evm_setAutomine", params: [false] });
      try {
        for (const r of requests) {
          hashes.push((await this.rpc.request({ method: "eth_sendTransaction", params: [tx(r)] })) as string);
        }
        // Blocks have a gas limit: mine until the last transaction is in.
        for (;;) {
          await this.rpc.request({ method: "evm_mine", params: [] });
          this.stats.blocks += 1;
          const receipt = await this.rpc.request({
            method: "eth_getTransactionReceipt",
            params: [hashes.at(-1)],
          });
          if (receipt) break;
        }
      } finally {
        await this.rpc.request({ method: "evm_setAutomine", params: [true] });
      }
    }
    const failed: number[] = [];
    for (const [i, hash] of hashes.entries()) {
      const receipt = (await this.rpc.request({ method: "eth_getTransactionReceipt", params: [hash] })) as {
        status: string;
      } | null;
      if (!receipt || receipt.status !== "0x1") failed.push(i);
    }
    this.stats.sent += requests.length;
    this.stats.failed += failed.length;
    return failed;
  }
}

/** Encodes a call to a typed contract without sending it. */
export function encode<C extends BaseContract>(contract: C, fn: string, args: readonly unknown[]): string {
  return (contract.interface as Interface).encodeFunctionData(fn, args);
}

/** A single-line progress bar on stderr (silent when not a terminal or when disabled). */
export class Progress {
  constructor(
    private readonly total: number,
    private readonly enabled = Boolean(process.stderr.isTTY),
  ) {}
  private done = 0;
  tick(label: string, by = 1): void {
    this.done = Math.min(this.total, this.done + by);
    if (!this.enabled) return;
    const width = 30;
    const filled = Math.round((this.done / this.total) * width);
    process.stderr.write(
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.round((this.done / this.total) * 100)).padStart(3)}% ${label.padEnd(28)}`,
    );
    if (this.done === this.total) process.stderr.write("\n");
  }
}

export const id = (text: string): string => keccak256(toUtf8Bytes(text));
