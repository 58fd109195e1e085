/**
 * A development Snapshot hub on 127.0.0.1: it accepts the signed envelopes snapshot.js's `Client712`
 * posts (`POST /` with `{ address, sig, data: { domain, types, message } }`), checks them the way the
 * Snapshot sequencer does, reads voting power from the chain with the space's strategy, stores
 * proposals and votes in SQLite and tallies with snapshot.js's own voting functions.
 *
 * JSON API (all GET, CORS open):
 *   /api/health                     liveness, the space id and the hub's clock (`time`, Unix seconds)
 *   /api/space                      the space id and its settings
 *   /api/proposals                  every proposal, newest first
 *   /api/proposals/:id              one proposal, with its state (pending, active, closed)
 *   /api/proposals/:id/votes        its votes (latest vote per voter), with voting power
 *   /api/proposals/:id/results      scores per choice (snapshot.js), exact wei totals, quorum counted as the
 *                                   public hub counts it (every vote) and as the Governor does (For + Abstain)
 * Refusals answer HTTP 400 with `{ error: "client_error", error_description }`, as the sequencer does.
 */
import type { AddressInfo } from "node:net";

import type { Provider } from "ethers";

import { hubContext } from "./hub/context.js";
import { verifyEnvelope } from "./hub/envelope.js";
import { listen } from "./hub/http.js";
import { acceptProposal } from "./hub/proposals.js";
import { type Results, tally } from "./hub/tally.js";
import { acceptVote } from "./hub/votes.js";
import type { SpaceSettings } from "./space.js";
import type { HubStore } from "./store.js";

export { HubError, votingPowerAt } from "./hub/context.js";
export { type Envelope, SNAPSHOT_DOMAIN } from "./hub/envelope.js";
export type { Results } from "./hub/tally.js";

export const DEFAULT_HUB_PORT = 3001;

export interface HubOptions {
  /** The one space this hub serves, e.g. `coverdao.eth`. */
  space: string;
  settings: SpaceSettings;
  /** Where voting power is read: any ethers provider (in-process Hardhat chain or JSON-RPC). */
  provider: Provider;
  /** SQLite file (`:memory:` for a throwaway hub). */
  database: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * The hub's clock in Unix seconds (default: wall clock, as the public hub). On a local chain that
   * time-travels, pass {@link chainClock} so that timestamps, voting windows and states follow the chain.
   */
  now?: () => number | Promise<number>;
  /** Accepted distance of a message's timestamp from the hub's clock, in seconds (default 300 each way). */
  maxAge?: number;
  maxFuture?: number;
  /** Smallest voting power (tokens) that may create a proposal (default: the space's validation minScore). */
  minProposalPower?: number;
  /** Largest request body in bytes (default 100 kB) and proposal body in characters (default 10,000). */
  maxEnvelopeBytes?: number;
  maxBodyLength?: number;
}

export type ProposalState = "pending" | "active" | "closed";

export interface DevHub {
  url: string;
  port: number;
  store: HubStore;
  /** Processes one envelope as `POST /` does; throws {@link HubError} on refusal. */
  submit(envelope: unknown): Promise<{ id: string }>;
  results(id: string): Promise<Results>;
  close(): Promise<void>;
}

/** Anything that takes raw JSON-RPC: ethers' JsonRpcProvider, Hardhat's provider. */
export interface RawRpc {
  send(method: string, params: unknown[]): Promise<unknown>;
}

/**
 * A hub clock that reads the chain's own clock: the timestamp the chain would give its next block (the
 * `pending` block), which follows `evm_increaseTime` on Hardhat and advances with wall time between blocks.
 * Falls back to the latest block's timestamp on nodes that do not serve a pending block.
 */
export function chainClock(provider: RawRpc): () => Promise<number> {
  return async () => {
    for (const tag of ["pending", "latest"]) {
      try {
        const block = (await provider.send("eth_getBlockByNumber", [tag, false])) as {
          timestamp?: string;
        } | null;
        if (block?.timestamp) return Number(BigInt(block.timestamp));
      } catch {
        // try the next tag
      }
    }
    throw new Error("the chain returned no block to read its time from");
  };
}

/** Starts a hub; `await hub.close()` stops the server and closes the database. */
export async function startHub(options: HubOptions): Promise<DevHub> {
  const hub = hubContext(options);
  async function submit(raw: unknown): Promise<{ id: string }> {
    const { stored, message } = await verifyEnvelope(hub, raw);
    if (stored.kind === "proposal") await acceptProposal(hub, stored, message);
    else await acceptVote(hub, stored, message);
    return { id: stored.id };
  }
  const results = (id: string, at?: number): Promise<Results> => tally(hub, id, at);
  const host = options.host ?? "127.0.0.1";
  const server = await listen(hub, { submit, results }, host, options.port ?? DEFAULT_HUB_PORT);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    store: hub.store,
    submit,
    results,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      hub.store.close();
    },
  };
}
