/**
 * Simulation engine: a fresh in-process chain on a deterministic clock, deterministic randomness, many
 * agents, and transactions sent in batches that share blocks (or one per block, to measure the difference).
 *
 * Why every transaction carries its fees, nonce and gas limit: with automine off, an `eth_sendTransaction`
 * without fees makes the node price it against the pending block, which means executing every transaction
 * already waiting, so a batch of n cost O(n²) (1000 voters took over ten minutes; measured: 400 plain
 * transfers took 16 s to submit without fees, 0.08 s with them). With every field given, the node only
 * checks and queues the transaction (signing locally instead would cost over 1 ms per transaction).
 */
import {
  type BaseContract,
  type Interface,
  getAddress,
  keccak256,
  solidityPacked,
  toUtf8Bytes,
} from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";

import { explainError } from "../format/errors.js";

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

/** The simulated chain starts on this date, so block times (and everything accrued over time) repeat. */
export const GENESIS = "2026-01-01T00:00:00Z";
/** Seconds between the blocks the engine mines. */
export const BLOCK_TIME = 12;

/** A fresh in-process chain for one simulation, starting at {GENESIS}. */
export async function openChain(): Promise<NetworkConnection> {
  return network.create({ override: { initialDate: GENESIS } });
}

/**
 * A simulation agent: an address derived from the seed and a label, sending through the node's
 * impersonation with nonces the engine tracks itself.
 */
export class Agent {
  readonly address: string;
  /** The next nonce: the engine numbers every transaction itself. */
  nonce = 0;
  constructor(
    readonly label: string,
    seed: number,
  ) {
    this.address = getAddress(
      "0x" +
        keccak256(solidityPacked(["string", "uint256", "string"], ["coverdao-sim", seed, label])).slice(26),
    );
  }
}

/** Fee cap high enough for any base fee the simulations reach (the base fee rises in full blocks). */
const MAX_FEE = 200_000_000_000n;
/** What each agent starts with, for gas and for ETH deposits: 10 000 ETH. */
export const AGENT_ETH = 10_000n * 10n ** 18n;

/**
 * batched: transactions share blocks; naive: one block per transaction; awaited: one block per transaction
 * driven the way a plain ethers script drives a chain (estimate the gas, look up the nonce and the fees,
 * send, wait for the receipt, then the next one); node-filled: batched, but each transaction leaves its
 * fees and nonce to the node, as the first version of this engine did. The last two are kept to measure
 * them (`npm run bench`).
 */
export type Mode = "batched" | "naive" | "awaited" | "node-filled";

export interface TxRequest {
  from: Agent;
  to: string;
  data: string;
  value?: bigint;
  /** Gas limit; explicit, so no transaction needs an estimate against pending state. */
  gas?: bigint;
}

export interface TxResult {
  hash: string;
  ok: boolean;
  gasUsed: bigint;
  block: number;
}

export interface TxStats {
  sent: number;
  failed: number;
  blocks: number;
}

type Rpc = NetworkConnection["provider"];
const hex = (n: bigint) => "0x" + n.toString(16);
interface RpcReceipt {
  status: string;
  gasUsed: string;
  blockNumber: string;
}
interface RpcBlock {
  timestamp: string;
  number: string;
  transactions: string[];
}

/**
 * How many transactions enter the pool before blocks are mined. The node re-checks the waiting transactions
 * each time one is included, so mining n waiting transactions costs O(n²): measured on the 1000-voter
 * governance cycle, the votes took 1.67 s sent all at once, 1.44 s in rounds of 400, 0.76 s in rounds of 150
 * and 0.68 s in rounds of 50 (rounds of 10 and 25 were no faster than 50).
 */
export const ROUND = 64;

/**
 * The chain as the simulations drive it: every block is mined by the engine at the time of its own clock
 * (12 s apart, or later when the scenario advances time), so a seed always gives the same chain.
 */
export class Chain {
  readonly stats: TxStats = { sent: 0, failed: 0, blocks: 0 };
  private readonly agents = new Map<string, Agent>();
  /** Timestamp of the latest block. */
  clock = 0;

  private constructor(
    readonly rpc: Rpc,
    readonly mode: Mode,
    readonly seed: number,
  ) {}

  /**
   * Takes over block production on `connection`: automine off, the clock set to the next whole hour after the
   * latest block (deployments mine with wall-clock times; from here on, times are the engine's).
   */
  static async take(connection: NetworkConnection, mode: Mode, seed: number): Promise<Chain> {
    const chain = new Chain(connection.provider, mode, seed);
    await chain.rpc.request({ method: "evm_setAutomine", params: [false] });
    const latest = await chain.block("latest");
    chain.clock = Math.ceil((Number(latest.timestamp) + 1) / 3600) * 3600;
    await chain.mine(chain.clock);
    return chain;
  }

  /** Gives control back to automine (for code that sends through ethers signers and waits). */
  async release(): Promise<void> {
    await this.rpc.request({ method: "evm_setAutomine", params: [true] });
  }

  /** The agent named `label` (created and funded on first use: call {fund} for many at once). */
  agent(label: string): Agent {
    let agent = this.agents.get(label);
    if (!agent) {
      agent = new Agent(label, this.seed);
      this.agents.set(label, agent);
    }
    return agent;
  }

  /** Lets each agent send (impersonation) and gives it {AGENT_ETH}; no block is needed. */
  async fund(agents: Agent[], wei = AGENT_ETH): Promise<void> {
    // Sent together rather than one after another: 1000 agents take 0.13 s instead of 0.47 s.
    await Promise.all(
      agents.flatMap((a) => {
        const address = a.address.toLowerCase();
        return [
          this.rpc.request({ method: "hardhat_impersonateAccount", params: [address] }),
          this.rpc.request({ method: "hardhat_setBalance", params: [address, hex(wei)] }),
        ];
      }),
    );
  }

  private async block(tag: string): Promise<RpcBlock> {
    return (await this.rpc.request({ method: "eth_getBlockByNumber", params: [tag, false] })) as RpcBlock;
  }

  private async mine(timestamp: number): Promise<RpcBlock> {
    await this.rpc.request({ method: "evm_mine", params: [timestamp] });
    this.clock = timestamp;
    this.stats.blocks += 1;
    return this.block("latest");
  }

  /** Mines an empty block `seconds` after the latest one (at least one block time). */
  async advance(seconds: number): Promise<void> {
    await this.mine(this.clock + Math.max(BLOCK_TIME, Math.ceil(seconds)));
  }

  /** Mines an empty block at `timestamp` (or the next block time, if that is later). */
  async advanceTo(timestamp: number): Promise<void> {
    await this.mine(Math.max(this.clock + BLOCK_TIME, Math.ceil(timestamp)));
  }

  /**
   * Sends `requests` and mines them. Batched: they enter the pool together in rounds of {ROUND}, and after each
   * round blocks are mined until every one is in (blocks have a gas limit).
   * Naive: each is mined in its own block before the next is sent. Requests from one agent keep their order.
   * Returns one result per request, in the order of `requests`.
   */
  async send(requests: TxRequest[]): Promise<TxResult[]> {
    if (requests.length === 0) return [];
    const hashes: string[] = [];
    const raw = (r: TxRequest) =>
      this.rpc.request({
        method: "eth_sendTransaction",
        params: [
          {
            from: r.from.address.toLowerCase(),
            to: r.to,
            data: r.data,
            value: hex(r.value ?? 0n),
            gas: hex(r.gas ?? 1_000_000n),
            ...(this.mode === "node-filled"
              ? {}
              : {
                  nonce: hex(BigInt(r.from.nonce++)),
                  maxFeePerGas: hex(MAX_FEE),
                  maxPriorityFeePerGas: "0x1",
                }),
          },
        ],
      }) as Promise<string>;
    if (this.mode === "awaited") {
      for (const r of requests) hashes.push(await this.sendAwaited(r));
    } else if (this.mode === "naive") {
      for (const r of requests) {
        hashes.push(await raw(r));
        await this.mine(this.clock + BLOCK_TIME);
      }
    } else if (this.mode === "node-filled") {
      // As the first engine did: one after another, everything in the pool before mining.
      for (const r of requests) hashes.push(await raw(r));
      await this.mineUntilIncluded(requests.length);
    } else {
      for (let start = 0; start < requests.length; start += ROUND) {
        // Sent together (each carries its nonce, so arrival order does not matter), then mined: rounds are
        // taken in order, so every sender's requests are too.
        const round = requests.slice(start, start + ROUND);
        hashes.push(...(await Promise.all(round.map(raw))));
        await this.mineUntilIncluded(round.length);
      }
    }
    const receipts = (await Promise.all(
      hashes.map((hash) => this.rpc.request({ method: "eth_getTransactionReceipt", params: [hash] })),
    )) as (RpcReceipt | null)[];
    const results: TxResult[] = receipts.map((receipt, i) => {
      if (!receipt) throw new Error(`transaction ${hashes[i]} was not mined`);
      return {
        hash: hashes[i],
        ok: receipt.status === "0x1",
        gasUsed: BigInt(receipt.gasUsed),
        block: Number(receipt.blockNumber),
      };
    });
    this.stats.sent += requests.length;
    this.stats.failed += results.filter((r) => !r.ok).length;
    return results;
  }

  /**
   * One transaction the plain-script way, with the round trips ethers' `contract.fn(...)` and `tx.wait()`
   * make: gas estimate, pending nonce, fee data, send; then the block is mined and the receipt fetched
   * before anything else is sent.
   */
  private async sendAwaited(r: TxRequest): Promise<string> {
    const from = r.from.address.toLowerCase();
    const call = { from, to: r.to, data: r.data, value: hex(r.value ?? 0n) };
    const [gas, nonce] = await Promise.all([
      // A transaction meant to fail cannot be estimated: it is sent with its own limit, and fails on chain.
      (this.rpc.request({ method: "eth_estimateGas", params: [call] }) as Promise<string>).catch(() =>
        hex(r.gas ?? 1_000_000n),
      ),
      this.rpc.request({ method: "eth_getTransactionCount", params: [from, "pending"] }) as Promise<string>,
    ]);
    await this.rpc.request({ method: "eth_getBlockByNumber", params: ["latest", false] });
    const tip = (await this.rpc.request({ method: "eth_maxPriorityFeePerGas", params: [] })) as string;
    r.from.nonce = Number(BigInt(nonce)) + 1;
    const hash = (await this.rpc.request({
      method: "eth_sendTransaction",
      params: [{ ...call, gas, nonce, maxFeePerGas: hex(MAX_FEE), maxPriorityFeePerGas: tip }],
    })) as string;
    await this.mine(this.clock + BLOCK_TIME);
    await this.rpc.request({ method: "eth_getTransactionReceipt", params: [hash] });
    return hash;
  }

  /** Mines blocks (each holds what fits its gas limit) until `count` waiting transactions are in. */
  private async mineUntilIncluded(count: number): Promise<void> {
    let included = 0;
    while (included < count) {
      const block = await this.mine(this.clock + BLOCK_TIME);
      if (block.transactions.length === 0)
        throw new Error("a block was mined empty with transactions pending");
      included += block.transactions.length;
    }
  }

  /** Like {send}, but throws (naming the first failed request) unless every transaction succeeded. */
  async sendAll(requests: TxRequest[], what: string): Promise<TxResult[]> {
    const results = await this.send(requests);
    const failed = results.findIndex((r) => !r.ok);
    if (failed >= 0) {
      const reason = await this.revertReason(requests[failed]);
      throw new Error(
        `${what}: ${results.filter((r) => !r.ok).length} of ${results.length} transactions reverted (first: ${requests[failed].from.label}${reason ? `, ${reason}` : ""})`,
      );
    }
    return results;
  }

  /** Replays a request as a call on the latest state, to say in plain words why it reverted. */
  private async revertReason(r: TxRequest): Promise<string | undefined> {
    try {
      await this.rpc.request({
        method: "eth_call",
        params: [{ from: r.from.address, to: r.to, data: r.data, value: hex(r.value ?? 0n) }],
      });
      return undefined;
    } catch (error) {
      return explainError(error);
    }
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
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(Math.round((this.done / this.total) * 100)).padStart(3)}% ${label.padEnd(36).slice(0, 36)}`,
    );
    if (this.done === this.total) process.stderr.write("\n");
  }
}

export const id = (text: string): string => keccak256(toUtf8Bytes(text));
