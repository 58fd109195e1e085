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
import { createHash } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { type Provider, formatUnits, getAddress, isAddress } from "ethers";
import { z } from "zod";

import { GovernanceToken__factory } from "../../../../types/ethers-contracts/index.js";
import { HASHED_TYPES, snapshot } from "./snapshotjs.js";
import { type SpaceSettings, VOTES_STRATEGY } from "./space.js";
import { HubStore, type StoredMessage, type StoredProposal } from "./store.js";

/** The EIP-712 domain Client712 signs with (snapshot.js `sign/index.ts`: name and version only). */
export const SNAPSHOT_DOMAIN = { name: "snapshot", version: "0.1.4" } as const;

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

/** A refusal with the sequencer's wording; `status` is the HTTP status. */
export class HubError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = "HubError";
  }
}

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/, "must be 0x-prefixed hex");
const envelopeSchema = z.object({
  address: z.string().refine((value) => isAddress(value), "not an EVM address"),
  sig: hex,
  data: z.object({
    domain: z.record(z.string(), z.union([z.string(), z.number()])),
    types: z.record(z.string(), z.array(z.object({ name: z.string(), type: z.string() }))),
    primaryType: z.string().optional(),
    message: z.record(z.string(), z.unknown()),
  }),
});
export type Envelope = z.infer<typeof envelopeSchema>;

const uint = z.number().int().nonnegative();
const proposalMessage = z.object({
  from: z.string(),
  space: z.string(),
  timestamp: uint,
  type: z.string(),
  title: z.string(),
  body: z.string(),
  discussion: z.string(),
  choices: z.array(z.string()),
  labels: z.array(z.string()).default([]),
  start: uint,
  end: uint,
  snapshot: uint,
  plugins: z.string(),
  privacy: z.string().default(""),
  app: z.string().default(""),
});
const voteMessage = z.object({
  from: z.string(),
  space: z.string(),
  timestamp: uint,
  proposal: z.string(),
  choice: uint,
  reason: z.string(),
  app: z.string(),
  metadata: z.string(),
});

export interface Results {
  proposal: string;
  state: ProposalState;
  choices: string[];
  /** snapshot.js `utils.voting[type]` scores per choice, in tokens. */
  scores: number[];
  scoresTotal: number;
  /** Exact sums of voting power per choice, in wei (decimal strings). */
  scoresWei: string[];
  scoresTotalWei: string;
  votes: number;
  quorum: number;
  /**
   * Whether the votes reach the quorum as the public hub counts it for an off-chain space without a
   * `quorumType`: every vote (For, Against and Abstain, whatever the voting type). See `QUORUM_RULES` (client.ts).
   */
  quorumReached: boolean;
  /** What the public hub counts towards quorum (every vote), in wei (decimal string). */
  quorumVotesWei: string;
  /**
   * The same votes counted as the Governor counts them (`GovernorCountingSimple`: For + Abstain; Against never
   * helps a quorum), for `basic` voting: whether they would reach the quorum on chain with this power.
   */
  governorQuorumReached: boolean;
  /** For + Abstain, in wei (decimal string); basic voting only (else every vote). */
  governorQuorumVotesWei: string;
  /**
   * Outcomes of basic voting: `passing` as the public hub states a closed basic proposal (quorum of every vote
   * reached and For above Against), `governorPassing` as the Governor would (For + Abstain at quorum and For
   * above Against). They differ when Against votes are what lifts the count to the quorum.
   */
  passing: boolean;
  governorPassing: boolean;
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

/** Voting power (wei per strategy) of `address` at `block`, with the space's strategies. */
export async function votingPowerAt(
  strategies: StoredProposal["strategies"],
  provider: Provider,
  address: string,
  block: number,
): Promise<bigint[]> {
  return Promise.all(
    strategies.map(async (strategy) => {
      if (strategy.name !== VOTES_STRATEGY) throw new HubError(`unsupported strategy ${strategy.name}`);
      const token = GovernanceToken__factory.connect(String(strategy.params.address), provider);
      return token.getVotes(address, { blockTag: block });
    }),
  );
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

function messageKind(types: Envelope["data"]["types"]): string | undefined {
  return HASHED_TYPES[createHash("sha256").update(JSON.stringify(types)).digest("hex")];
}

function schemaErrors(result: unknown): string | undefined {
  if (result === true) return undefined;
  const errors = (result ?? []) as { instancePath?: string; message?: string }[];
  return errors.map((e) => `${e.instancePath || "(root)"} ${e.message ?? "invalid"}`.trim()).join("; ");
}

/** Starts a hub; `await hub.close()` stops the server and closes the database. */
export async function startHub(options: HubOptions): Promise<DevHub> {
  const store = new HubStore(options.database);
  const clock = options.now ?? (() => Math.floor(Date.now() / 1000));
  const now = async (): Promise<number> => clock();
  const maxAge = options.maxAge ?? 300;
  const maxFuture = options.maxFuture ?? 300;
  const maxEnvelopeBytes = options.maxEnvelopeBytes ?? 100_000;
  const maxBodyLength = options.maxBodyLength ?? 10_000;
  const minProposalPower = options.minProposalPower ?? options.settings.validation?.params.minScore ?? 0;
  const { settings, provider } = options;
  for (const strategy of settings.strategies) {
    if (strategy.name !== VOTES_STRATEGY) throw new Error(`The dev hub cannot run strategy ${strategy.name}`);
  }
  const decimals = settings.strategies[0]?.params.decimals ?? 18;
  const toTokens = (wei: bigint): number => Number(formatUnits(wei, decimals));

  const stateOf = (p: StoredProposal, t: number): ProposalState =>
    t < p.start ? "pending" : t > p.end ? "closed" : "active";

  async function submit(raw: unknown): Promise<{ id: string }> {
    const parsed = envelopeSchema.safeParse(raw);
    if (!parsed.success) {
      throw new HubError(
        `wrong envelope format: ${parsed.error.issues.map((i) => i.path.join(".") + " " + i.message).join("; ")}`,
      );
    }
    const envelope = parsed.data;
    const { domain, types, message } = envelope.data;
    if (JSON.stringify(domain) !== JSON.stringify(SNAPSHOT_DOMAIN)) {
      throw new HubError(`wrong domain: expected ${JSON.stringify(SNAPSHOT_DOMAIN)}`);
    }
    const kind = messageKind(types);
    if (kind !== "proposal" && kind !== "vote") {
      throw new HubError(
        kind ? `unsupported message type ${kind}` : "wrong types: not one of snapshot.js's type definitions",
      );
    }
    const id = snapshot.utils.getHash(envelope.data);
    if (store.isReplay(id, envelope.sig)) throw new HubError("duplicate message: already received");
    if (typeof message.from !== "string" || !isAddress(message.from)) throw new HubError("wrong from");
    if (getAddress(message.from) !== getAddress(envelope.address)) {
      throw new HubError("wrong from: the message is not from the signing address");
    }
    if (message.space !== options.space) {
      throw new HubError(`wrong space: this hub serves ${options.space}, not ${String(message.space)}`);
    }
    const timestamp = Number(message.timestamp);
    const t = await now();
    if (!Number.isInteger(timestamp) || timestamp < t - maxAge || timestamp > t + maxFuture) {
      throw new HubError(
        `wrong timestamp: ${message.timestamp} is not within ${maxAge}s before or ${maxFuture}s after ${t}`,
      );
    }
    let verified = false;
    try {
      // EOA signatures are recovered offline; contract signatures (EIP-1271) would need a chain
      // snapshot.js knows, so its provider fallback points at a closed local port and fails fast.
      verified = await snapshot.utils.verify(
        envelope.address,
        envelope.sig,
        envelope.data,
        settings.network,
        {
          broviderUrl: "http://127.0.0.1:9",
          timeout: 2000,
        },
      );
    } catch {
      verified = false;
    }
    if (!verified)
      throw new HubError("signature not valid: it was not made by the address over this message");
    const stored: StoredMessage = {
      id,
      sig: envelope.sig,
      address: getAddress(envelope.address),
      kind,
      received: t,
      envelope: JSON.stringify(envelope),
    };
    if (kind === "proposal") await acceptProposal(stored, message, t);
    else await acceptVote(stored, message, t);
    return { id };
  }

  async function acceptProposal(
    stored: StoredMessage,
    raw: Record<string, unknown>,
    t: number,
  ): Promise<void> {
    const parsed = proposalMessage.safeParse(raw);
    if (!parsed.success) throw new HubError(`wrong proposal format: ${parsed.error.issues[0]?.message}`);
    const m = parsed.data;
    if (m.body.length > maxBodyLength) {
      throw new HubError(
        `proposal body too long: ${m.body.length} characters, at most ${maxBodyLength}`,
        413,
      );
    }
    const invalid = schemaErrors(
      snapshot.utils.validateSchema(snapshot.schemas.proposal, {
        name: m.title,
        body: m.body,
        discussion: m.discussion,
        choices: m.choices,
        labels: m.labels,
        type: m.type,
        snapshot: m.snapshot,
        start: m.start,
        end: m.end,
        app: m.app,
        privacy: m.privacy,
      }),
    );
    if (invalid) throw new HubError(`wrong proposal format: ${invalid}`);
    const { voting } = settings;
    if (voting.type && m.type !== voting.type)
      throw new HubError(`wrong proposal type: the space uses ${voting.type}`);
    if (m.type === "basic" && !["For,Against,Abstain", "For,Against"].includes(m.choices.join(","))) {
      throw new HubError("wrong choices: basic voting is For, Against[, Abstain]");
    }
    if (voting.delay && m.start !== m.timestamp + voting.delay) {
      throw new HubError(`wrong start: the space's voting delay is ${voting.delay}s after the timestamp`);
    }
    if (voting.period && m.end - m.start !== voting.period) {
      throw new HubError(`wrong end: the space's voting period is ${voting.period}s`);
    }
    if (m.end <= m.start || m.end <= t) throw new HubError("wrong end: the proposal would already be closed");
    const latest = await provider.getBlockNumber();
    if (m.snapshot > latest)
      throw new HubError(`wrong snapshot: block ${m.snapshot} is after the latest block ${latest}`);
    const power = await votingPowerAt(settings.strategies, provider, stored.address, m.snapshot);
    const total = toTokens(power.reduce((a, b) => a + b, 0n));
    if (total < minProposalPower) {
      throw new HubError(
        `validation failed: ${stored.address} has ${total} voting power at block ${m.snapshot}; proposing needs ${minProposalPower}`,
      );
    }
    store.addProposal(stored, {
      id: stored.id,
      space: m.space,
      author: stored.address,
      created: m.timestamp,
      type: m.type,
      title: m.title,
      body: m.body,
      discussion: m.discussion,
      choices: m.choices,
      start: m.start,
      end: m.end,
      snapshot: m.snapshot,
      network: settings.network,
      strategies: settings.strategies,
      quorum: voting.quorum ?? 0,
    });
  }

  async function acceptVote(stored: StoredMessage, raw: Record<string, unknown>, t: number): Promise<void> {
    const parsed = voteMessage.safeParse(raw);
    if (!parsed.success) throw new HubError(`wrong vote format: ${parsed.error.issues[0]?.message}`);
    const m = parsed.data;
    const invalid = schemaErrors(
      snapshot.utils.validateSchema(snapshot.schemas.vote, {
        proposal: m.proposal,
        choice: m.choice,
        reason: m.reason,
        app: m.app,
      }),
    );
    if (invalid) throw new HubError(`wrong vote format: ${invalid}`);
    const proposal = store.proposal(m.proposal);
    if (!proposal || proposal.space !== m.space) throw new HubError(`unknown proposal ${m.proposal}`);
    const state = stateOf(proposal, t);
    if (state === "pending") throw new HubError("voting has not started yet");
    if (state === "closed") throw new HubError("voting is closed for this proposal");
    if (!snapshot.utils.voting["single-choice"].isValidChoice(m.choice, proposal.choices)) {
      throw new HubError(`wrong choice: ${m.choice} is not between 1 and ${proposal.choices.length}`);
    }
    const power = await votingPowerAt(proposal.strategies, provider, stored.address, proposal.snapshot);
    const vpWei = power.reduce((a, b) => a + b, 0n);
    if (vpWei === 0n)
      throw new HubError(`no voting power: ${stored.address} had none at block ${proposal.snapshot}`);
    store.addVote(stored, {
      id: stored.id,
      proposal: proposal.id,
      voter: stored.address,
      created: m.timestamp,
      choice: m.choice,
      reason: m.reason,
      scores: power.map(toTokens),
      vpWei: vpWei.toString(),
    });
  }

  async function results(id: string, at?: number): Promise<Results> {
    const t = at ?? (await now());
    const proposal = store.proposal(id);
    if (!proposal) throw new HubError(`unknown proposal ${id}`, 404);
    const votes = store.votes(id);
    const Voting = snapshot.utils.voting[proposal.type === "basic" ? "basic" : "single-choice"];
    const tally = new Voting(
      { choices: proposal.choices },
      votes.map((v) => ({
        choice: v.choice,
        balance: v.scores.reduce((a, b) => a + b, 0),
        scores: v.scores,
      })),
      proposal.strategies,
      0,
    );
    const scores = tally.getScores();
    const scoresWei = proposal.choices.map((_, i) =>
      votes.filter((v) => v.choice === i + 1).reduce((a, v) => a + BigInt(v.vpWei), 0n),
    );
    const totalWei = scoresWei.reduce((a, b) => a + b, 0n);
    const basic = proposal.type === "basic";
    // The Governor's rule (GovernorCountingSimple._quorumReached): For + Abstain; Against never counts.
    const governorWei = basic ? scoresWei[0] + (scoresWei[2] ?? 0n) : totalWei;
    const quorumReached = toTokens(totalWei) >= proposal.quorum;
    const governorQuorumReached = toTokens(governorWei) >= proposal.quorum;
    const forBeatsAgainst = basic && scoresWei[0] > (scoresWei[1] ?? 0n);
    return {
      proposal: id,
      state: stateOf(proposal, t),
      choices: proposal.choices,
      scores,
      scoresTotal: tally.getScoresTotal(),
      scoresWei: scoresWei.map(String),
      scoresTotalWei: totalWei.toString(),
      votes: votes.length,
      quorum: proposal.quorum,
      quorumReached,
      quorumVotesWei: totalWei.toString(),
      governorQuorumReached,
      governorQuorumVotesWei: governorWei.toString(),
      passing: quorumReached && forBeatsAgainst,
      governorPassing: governorQuorumReached && forBeatsAgainst,
    };
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, { error: "server_error", error_description: (error as Error).message });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://hub");
    if (request.method === "OPTIONS") return send(response, 204, undefined);
    if (request.method === "POST" && (url.pathname === "/" || url.pathname === "/api/msg")) {
      let body: string;
      try {
        body = await readBody(request, maxEnvelopeBytes);
      } catch (error) {
        return refuse(response, error);
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return refuse(response, new HubError("wrong envelope format: not JSON"));
      }
      try {
        return send(response, 200, await submit(json));
      } catch (error) {
        return refuse(response, error);
      }
    }
    if (request.method !== "GET") return send(response, 405, { error: "method not allowed" });
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts[0] !== "api") return send(response, 404, { error: "not found" });
    const t = await now();
    if (parts.length === 2 && parts[1] === "health") {
      return send(response, 200, { status: "ok", space: options.space, network: settings.network, time: t });
    }
    if (parts.length === 2 && parts[1] === "space")
      return send(response, 200, { id: options.space, settings });
    if (parts[1] !== "proposals") return send(response, 404, { error: "not found" });
    if (parts.length === 2) {
      return send(
        response,
        200,
        store.proposals().map((p) => ({ ...p, state: stateOf(p, t) })),
      );
    }
    const proposal = store.proposal(parts[2]);
    if (!proposal) return send(response, 404, { error: `unknown proposal ${parts[2]}` });
    if (parts.length === 3) return send(response, 200, { ...proposal, state: stateOf(proposal, t) });
    if (parts.length === 4 && parts[3] === "votes") return send(response, 200, store.votes(proposal.id));
    if (parts.length === 4 && parts[3] === "results")
      return send(response, 200, await results(proposal.id, t));
    return send(response, 404, { error: "not found" });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULT_HUB_PORT, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    store,
    submit,
    results,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

function refuse(response: ServerResponse, error: unknown): void {
  const status = error instanceof HubError ? error.status : 500;
  const kind = status >= 500 ? "server_error" : "client_error";
  send(response, status, { error: kind, error_description: (error as Error).message });
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !failed) {
        failed = true;
        reject(new HubError(`message too large: more than ${limit} bytes`, 413));
      }
      if (!failed) chunks.push(chunk);
    });
    request.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.on("error", reject);
  });
}
