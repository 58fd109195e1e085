/**
 * Reads the indexer (`indexer/`, Ponder) over its GraphQL endpoint: history, lists and aggregates the chain cannot
 * answer cheaply. Browser-safe (only `fetch`): `@coverdao/core/indexer`.
 *
 * Every page request asks, in the same HTTP request, for the indexer's latest indexed block (`_meta`), so a panel
 * knows how fresh its rows are without another round trip; {@link IndexerClient.health} compares that block with
 * the chain's head to say whether the indexer is up to date, behind or down.
 *
 * Addresses are lower-case hex; amounts are bigint in the token's smallest unit; times are seconds.
 */

type Hex = `0x${string}`;

/** Where the indexer stands against the chain. */
export type IndexerState = "ok" | "behind" | "down";

export interface IndexerHealth {
  state: IndexerState;
  /** Latest block the indexer has processed (absent when down). */
  indexedBlock?: number;
  indexedTimestamp?: number;
  headBlock?: number;
  /** Blocks between the chain's head and the indexer (0 when up to date). */
  lag?: number;
  /** One sentence for the panel that shows indexed data. */
  message: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** One page of rows, with the total and the block the indexer had reached when it answered. */
export interface Page<T> {
  items: T[];
  pageInfo: PageInfo;
  totalCount: number;
  indexedBlock: number;
}

export interface PageOptions {
  /** Rows per page (default 25, at most 1000). */
  limit?: number;
  /** `pageInfo.endCursor` of the previous page. */
  after?: string;
  /** `pageInfo.startCursor` of the next page (to go back). */
  before?: string;
  direction?: "asc" | "desc";
}

export interface IndexedProposal {
  id: bigint;
  proposer: Hex;
  title: string;
  status: "Created" | "Queued" | "Executed" | "Canceled";
  voteStart: bigint;
  voteEnd: bigint;
  deadline: bigint;
  eta: bigint | null;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  voterCount: number;
  createdBlock: bigint;
  createdAt: bigint;
  queuedAt: bigint | null;
  executedAt: bigint | null;
  canceledAt: bigint | null;
}

export interface IndexedProposalDetail extends IndexedProposal {
  description: string;
  targets: Hex[];
  values: string[];
  calldatas: Hex[];
  signatures: string[];
  createdTx: Hex;
}

/** A Governor vote: support 0 against, 1 for, 2 abstain. */
export interface IndexedVote {
  proposalId: bigint;
  voter: Hex;
  support: 0 | 1 | 2;
  weight: bigint;
  reason: string;
  timestamp: bigint;
  block: bigint;
  tx: Hex;
}

export interface IndexedClaimVote {
  claimId: bigint;
  voter: Hex;
  support: boolean;
  weight: bigint;
  timestamp: bigint;
  block: bigint;
  tx: Hex;
}

export interface IndexedDelegate {
  id: Hex;
  votingPower: bigint;
  delegatorsCount: number;
  votesCast: number;
  claimVotesCast: number;
  proposalsCreated: number;
  lastVoteAt: bigint | null;
  firstSeenAt: bigint;
}

export interface IndexedHolder {
  id: Hex;
  delegate: Hex | null;
  balance: bigint;
}

export interface IndexedDelegation {
  id: string;
  delegator: Hex;
  fromDelegate: Hex;
  toDelegate: Hex;
  timestamp: bigint;
  block: bigint;
  tx: Hex;
}

export interface IndexedActivity {
  id: string;
  account: Hex;
  /** propose, vote, delegate, claimVote, fileClaim, escalateClaim, claimPayout, buyCover, stake, unstake, … */
  kind: string;
  /** The proposal, claim or cover id (or delegate address) the line is about. */
  ref: string | null;
  amount: bigint | null;
  detail: string | null;
  /** A contract name, or the pool's address for pool movements. */
  contract: string;
  timestamp: bigint;
  block: bigint;
  tx: Hex;
}

export interface IndexedClaim {
  id: bigint;
  coverId: bigint;
  productId: bigint | null;
  pool: Hex | null;
  claimant: Hex;
  amount: bigint;
  deposit: bigint;
  parametric: boolean;
  evidenceURI: string;
  votingEnd: bigint;
  yesWeight: bigint;
  noWeight: bigint;
  voterCount: number;
  escalated: boolean;
  governanceApproved: boolean | null;
  /** From the events: Filed, Approved (parametric), Paid, Denied, Expired (time-driven states stay on chain). */
  outcome: string;
  paid: bigint | null;
  filedAt: bigint;
  settledAt: bigint | null;
}

export interface IndexedCover {
  id: bigint;
  productId: bigint;
  pool: Hex;
  buyer: Hex;
  owner: Hex;
  amount: bigint;
  premium: bigint;
  start: bigint;
  end: bigint;
  paidOut: bigint;
}

export interface IndexedProduct {
  id: bigint;
  name: string;
  riskType: number;
  pool: Hex;
  active: boolean;
  coversSold: number;
  coverAmount: bigint;
  premiums: bigint;
}

/** A pool's state at the end of a block in which it changed. */
export interface PoolPoint {
  pool: Hex;
  block: bigint;
  timestamp: bigint;
  capital: bigint;
  activeCover: bigint;
  freeCapital: bigint;
  openLiabilities: bigint;
  utilizationBps: number;
  premiumsReceived: bigint;
  premiumsEarned: bigint;
  pendingWithdrawalShares: bigint;
}

export interface VotingPowerPoint {
  delegate: Hex;
  votingPower: bigint;
  timestamp: bigint;
  block: bigint;
}

/** A delegate's profile: the directory row, who delegates to them, their votes and their power over time. */
export interface DelegateProfile {
  delegate: IndexedDelegate | null;
  delegators: Page<IndexedHolder>;
  votes: Page<IndexedVote>;
  claimVotes: Page<IndexedClaimVote>;
  power: VotingPowerPoint[];
  indexedBlock: number;
}

/** An indexer answer that is not data: the HTTP status, or GraphQL's own errors. */
export class IndexerError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = "IndexerError";
  }
}

// The columns each type reads, and which of them are bigint (GraphQL sends those as strings).
const FIELDS = {
  proposal: {
    list: "id proposer title status voteStart voteEnd deadline eta forVotes againstVotes abstainVotes voterCount createdBlock createdAt queuedAt executedAt canceledAt",
    big: [
      "id",
      "voteStart",
      "voteEnd",
      "deadline",
      "eta",
      "forVotes",
      "againstVotes",
      "abstainVotes",
      "createdBlock",
      "createdAt",
      "queuedAt",
      "executedAt",
      "canceledAt",
    ],
  },
  proposalDetail: {
    list: "id proposer title status voteStart voteEnd deadline eta forVotes againstVotes abstainVotes voterCount createdBlock createdAt queuedAt executedAt canceledAt description targets values calldatas signatures createdTx",
    big: [
      "id",
      "voteStart",
      "voteEnd",
      "deadline",
      "eta",
      "forVotes",
      "againstVotes",
      "abstainVotes",
      "createdBlock",
      "createdAt",
      "queuedAt",
      "executedAt",
      "canceledAt",
    ],
  },
  vote: {
    list: "proposalId voter support weight reason timestamp block tx",
    big: ["proposalId", "weight", "timestamp", "block"],
  },
  claimVote: {
    list: "claimId voter support weight timestamp block tx",
    big: ["claimId", "weight", "timestamp", "block"],
  },
  delegate: {
    list: "id votingPower delegatorsCount votesCast claimVotesCast proposalsCreated lastVoteAt firstSeenAt",
    big: ["votingPower", "lastVoteAt", "firstSeenAt"],
  },
  holder: { list: "id delegate balance", big: ["balance"] },
  delegation: {
    list: "id delegator fromDelegate toDelegate timestamp block tx",
    big: ["timestamp", "block"],
  },
  activity: {
    list: "id account kind ref amount detail contract timestamp block tx",
    big: ["amount", "timestamp", "block"],
  },
  claim: {
    list: "id coverId productId pool claimant amount deposit parametric evidenceURI votingEnd yesWeight noWeight voterCount escalated governanceApproved outcome paid filedAt settledAt",
    big: [
      "id",
      "coverId",
      "productId",
      "amount",
      "deposit",
      "votingEnd",
      "yesWeight",
      "noWeight",
      "paid",
      "filedAt",
      "settledAt",
    ],
  },
  cover: {
    list: "id productId pool buyer owner amount premium start end paidOut",
    big: ["id", "productId", "amount", "premium", "start", "end", "paidOut"],
  },
  product: {
    list: "id name riskType pool active coversSold coverAmount premiums",
    big: ["id", "coverAmount", "premiums"],
  },
  poolSnapshot: {
    list: "pool block timestamp capital activeCover freeCapital openLiabilities utilizationBps premiumsReceived premiumsEarned pendingWithdrawalShares",
    big: [
      "block",
      "timestamp",
      "capital",
      "activeCover",
      "freeCapital",
      "openLiabilities",
      "premiumsReceived",
      "premiumsEarned",
      "pendingWithdrawalShares",
    ],
  },
  votingPowerPoint: {
    list: "delegate votingPower timestamp block",
    big: ["votingPower", "timestamp", "block"],
  },
} as const;
type Kind = keyof typeof FIELDS;

function decode<T>(kind: Kind, row: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...row };
  for (const key of FIELDS[kind].big) {
    const value = out[key];
    if (value !== null && value !== undefined) out[key] = BigInt(value as string);
  }
  return out as T;
}

interface RawPage {
  items: Record<string, unknown>[];
  pageInfo: PageInfo;
  totalCount: number;
}

interface Meta {
  status: Record<string, { id: number; block: { number: number; timestamp: number } } | null> | null;
}

/** GraphQL string literal (JSON's quoting is GraphQL's). */
const literal = (value: string) => JSON.stringify(value);

function pageArgs(options: PageOptions, orderBy: string, where?: string): string {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 25), 1), 1000);
  const parts = [
    `orderBy: ${literal(orderBy)}`,
    `orderDirection: ${literal(options.direction ?? "desc")}`,
    `limit: ${limit}`,
  ];
  if (where) parts.push(`where: { ${where} }`);
  if (options.after) parts.push(`after: ${literal(options.after)}`);
  if (options.before) parts.push(`before: ${literal(options.before)}`);
  return parts.join(", ");
}

function lowerAddress(address: string): Hex {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new Error(`not an address: "${address}"`);
  return address.toLowerCase() as Hex;
}

function integerText(id: bigint | number | string): string {
  const text = String(id);
  if (!/^\d+$/.test(text)) throw new Error(`not a non-negative integer id: "${text}"`);
  return text;
}

export interface IndexerClientOptions {
  /** Abort a request after this many ms (default 10 s); the indexer then counts as down. */
  timeoutMs?: number;
  /** The indexer is "behind" when it is more than this many blocks below the chain's head (default 3). */
  maxLagBlocks?: number;
  fetch?: typeof fetch;
}

/** Typed queries of the indexer, as the UI uses them. `url` is the indexer's base URL (`services.indexerUrl`). */
export class IndexerClient {
  readonly url: string;
  private readonly timeoutMs: number;
  private readonly maxLagBlocks: number;
  private readonly fetcher: typeof fetch;
  /** HTTP requests sent so far (the benchmark counts round trips with it). */
  requests = 0;

  constructor(url: string, options: IndexerClientOptions = {}) {
    this.url = url.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxLagBlocks = options.maxLagBlocks ?? 3;
    this.fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Sends one GraphQL request (with `_meta` added) and returns its data and the indexed block. */
  async query<T>(fields: string): Promise<{ data: T; indexedBlock: number; indexedTimestamp: number }> {
    const endpoint = `${this.url}/graphql`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: Response;
    this.requests++;
    try {
      response = await this.fetcher(endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ ${fields} _meta { status } }` }),
        signal: controller.signal,
      });
    } catch (error) {
      const reason = controller.signal.aborted
        ? `no answer within ${this.timeoutMs} ms`
        : (error as Error).message;
      throw new IndexerError(`the indexer at ${this.url} is down: ${reason}`, this.url);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok && response.status !== 400) {
      throw new IndexerError(`the indexer at ${this.url} answered HTTP ${response.status}`, this.url);
    }
    const body = (await response.json()) as { data?: T & { _meta?: Meta }; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) {
      const messages = body.errors?.map((e) => e.message).join("; ") ?? "no data";
      throw new IndexerError(`the indexer at ${this.url} refused the query: ${messages}`, this.url);
    }
    const chain = Object.values(body.data._meta?.status ?? {}).find((entry) => entry !== null);
    return {
      data: body.data,
      indexedBlock: chain?.block.number ?? 0,
      indexedTimestamp: chain?.block.timestamp ?? 0,
    };
  }

  private async page<T>(kind: Kind, field: string, args: string): Promise<Page<T>> {
    const { data, indexedBlock } = await this.query<Record<string, RawPage>>(
      `${field}(${args}) { items { ${FIELDS[kind].list} } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount }`,
    );
    return toPage<T>(kind, data[field]!, indexedBlock);
  }

  /**
   * The proposals list, newest first: one HTTP request (tallies, voter counts and status from the events; the
   * chain's time-driven state — Pending, Active, Succeeded, Defeated, Expired — follows from `voteStart`,
   * `deadline`, the tallies and quorum, or from one batched chain read for the visible page).
   */
  proposals(options: PageOptions & { status?: IndexedProposal["status"]; proposer?: string } = {}) {
    const where = [
      options.status ? `status: ${literal(options.status)}` : "",
      options.proposer ? `proposer: ${literal(lowerAddress(options.proposer))}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return this.page<IndexedProposal>(
      "proposal",
      "proposals",
      pageArgs(options, "createdAt", where || undefined),
    );
  }

  /** One proposal with its description and actions, or null when the indexer has not seen it. */
  async proposal(id: bigint | string): Promise<IndexedProposalDetail | null> {
    const { data } = await this.query<{ proposal: Record<string, unknown> | null }>(
      `proposal(id: ${literal(integerText(id))}) { ${FIELDS.proposalDetail.list} }`,
    );
    return data.proposal ? decode<IndexedProposalDetail>("proposalDetail", data.proposal) : null;
  }

  /** Voters of a proposal, heaviest first by default; `orderBy: "timestamp"` for the latest. */
  proposalVoters(
    proposalId: bigint | string,
    options: PageOptions & { orderBy?: "weight" | "timestamp"; support?: 0 | 1 | 2 } = {},
  ) {
    const where = [
      `proposalId: ${literal(integerText(proposalId))}`,
      options.support !== undefined ? `support: ${Number(options.support)}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return this.page<IndexedVote>("vote", "votes", pageArgs(options, options.orderBy ?? "weight", where));
  }

  /** Assessors' votes on a claim, heaviest first by default. */
  claimVoters(
    claimId: bigint | string,
    options: PageOptions & { orderBy?: "weight" | "timestamp"; support?: boolean } = {},
  ) {
    const where = [
      `claimId: ${literal(integerText(claimId))}`,
      options.support !== undefined ? `support: ${options.support}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return this.page<IndexedClaimVote>(
      "claimVote",
      "claimVotes",
      pageArgs(options, options.orderBy ?? "weight", where),
    );
  }

  /** The delegate directory: accounts with voting power (or that ever voted), by power by default. */
  delegates(
    options: PageOptions & {
      orderBy?: "votingPower" | "delegatorsCount" | "votesCast";
      withPowerOnly?: boolean;
    } = {},
  ) {
    const where = options.withPowerOnly === false ? undefined : `votingPower_gt: "0"`;
    return this.page<IndexedDelegate>(
      "delegate",
      "delegates",
      pageArgs(options, options.orderBy ?? "votingPower", where),
    );
  }

  /** A delegate's profile in one HTTP request: row, delegators, latest votes and claim votes, power history. */
  async delegateProfile(address: string, options: { limit?: number } = {}): Promise<DelegateProfile> {
    const id = literal(lowerAddress(address));
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 25), 1), 1000);
    const page = (kind: Kind, field: string, args: string) =>
      `${field}(${args}) { items { ${FIELDS[kind].list} } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount }`;
    const { data, indexedBlock } = await this.query<{
      delegate: Record<string, unknown> | null;
      holders: RawPage;
      votes: RawPage;
      claimVotes: RawPage;
      votingPowerPoints: RawPage;
    }>(
      [
        `delegate(id: ${id}) { ${FIELDS.delegate.list} }`,
        page(
          "holder",
          "holders",
          `where: { delegate: ${id} }, orderBy: "balance", orderDirection: "desc", limit: ${limit}`,
        ),
        page(
          "vote",
          "votes",
          `where: { voter: ${id} }, orderBy: "timestamp", orderDirection: "desc", limit: ${limit}`,
        ),
        page(
          "claimVote",
          "claimVotes",
          `where: { voter: ${id} }, orderBy: "timestamp", orderDirection: "desc", limit: ${limit}`,
        ),
        page(
          "votingPowerPoint",
          "votingPowerPoints",
          `where: { delegate: ${id} }, orderBy: "timestamp", orderDirection: "asc", limit: 1000`,
        ),
      ].join(" "),
    );
    return {
      delegate: data.delegate ? decode<IndexedDelegate>("delegate", data.delegate) : null,
      delegators: toPage<IndexedHolder>("holder", data.holders, indexedBlock),
      votes: toPage<IndexedVote>("vote", data.votes, indexedBlock),
      claimVotes: toPage<IndexedClaimVote>("claimVote", data.claimVotes, indexedBlock),
      power: data.votingPowerPoints.items.map((row) => decode<VotingPowerPoint>("votingPowerPoint", row)),
      indexedBlock,
    };
  }

  /** Token holders (held balance and current delegate), largest first; `delegate` keeps its delegators only. */
  holders(options: PageOptions & { delegate?: string } = {}) {
    const where = options.delegate ? `delegate: ${literal(lowerAddress(options.delegate))}` : undefined;
    return this.page<IndexedHolder>("holder", "holders", pageArgs(options, "balance", where));
  }

  /** An account's history across every contract, newest first. */
  activity(account: string, options: PageOptions & { kind?: string } = {}) {
    const where = [
      `account: ${literal(lowerAddress(account))}`,
      options.kind ? `kind: ${literal(options.kind)}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return this.page<IndexedActivity>("activity", "activitys", pageArgs(options, "timestamp", where));
  }

  /** An account's delegation changes (as delegator), newest first. */
  delegations(account: string, options: PageOptions = {}) {
    const where = `delegator: ${literal(lowerAddress(account))}`;
    return this.page<IndexedDelegation>("delegation", "delegations", pageArgs(options, "timestamp", where));
  }

  /** Claims, newest first, filtered by outcome, claimant, pool or cover. */
  claims(
    options: PageOptions & { outcome?: string; claimant?: string; pool?: string; coverId?: bigint } = {},
  ) {
    const where = [
      options.outcome ? `outcome: ${literal(options.outcome)}` : "",
      options.claimant ? `claimant: ${literal(lowerAddress(options.claimant))}` : "",
      options.pool ? `pool: ${literal(lowerAddress(options.pool))}` : "",
      options.coverId !== undefined ? `coverId: ${literal(integerText(options.coverId))}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return this.page<IndexedClaim>("claim", "claims", pageArgs(options, "filedAt", where || undefined));
  }

  /** Covers, newest first, filtered by owner or product. */
  covers(options: PageOptions & { owner?: string; productId?: bigint } = {}) {
    const where = [
      options.owner ? `owner: ${literal(lowerAddress(options.owner))}` : "",
      options.productId !== undefined ? `productId: ${literal(integerText(options.productId))}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return this.page<IndexedCover>("cover", "covers", pageArgs({ ...options }, "id", where || undefined));
  }

  /** Every product with its sales totals. */
  products(options: PageOptions = {}) {
    return this.page<IndexedProduct>("product", "products", pageArgs({ direction: "asc", ...options }, "id"));
  }

  /**
   * A pool's state over time (oldest first), for charts of capital, active cover, utilization and premiums;
   * `since` (seconds) starts later. At most 1000 points per call: pass `after` for more.
   */
  poolSeries(pool: string, options: PageOptions & { since?: bigint } = {}) {
    const where = [
      `pool: ${literal(lowerAddress(pool))}`,
      options.since !== undefined ? `timestamp_gte: ${literal(integerText(options.since))}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return this.page<PoolPoint>(
      "poolSnapshot",
      "poolSnapshots",
      pageArgs({ limit: 1000, direction: "asc", ...options }, "timestamp", where),
    );
  }

  /** A delegate's voting power over time (oldest first). */
  votingPowerSeries(delegate: string, options: PageOptions = {}) {
    const where = `delegate: ${literal(lowerAddress(delegate))}`;
    return this.page<VotingPowerPoint>(
      "votingPowerPoint",
      "votingPowerPoints",
      pageArgs({ limit: 1000, direction: "asc", ...options }, "timestamp", where),
    );
  }

  /**
   * Whether the indexer is usable: "down" when it does not answer, "behind" when its latest indexed block is
   * more than `maxLagBlocks` below `head` (the chain's block number, or a function reading it), else "ok".
   */
  async health(head: number | (() => Promise<number>)): Promise<IndexerHealth> {
    const headPromise = typeof head === "number" ? Promise.resolve(head) : head();
    let indexed: { indexedBlock: number; indexedTimestamp: number };
    try {
      indexed = await this.query<unknown>("");
    } catch (error) {
      await headPromise.catch(() => undefined);
      return { state: "down", message: `History is unavailable: ${(error as Error).message}.` };
    }
    const headBlock = await headPromise;
    return describeHealth(indexed.indexedBlock, indexed.indexedTimestamp, headBlock, this.maxLagBlocks);
  }
}

/** The health of an indexer at `indexedBlock` against a chain at `headBlock` (also for a page's `indexedBlock`). */
export function describeHealth(
  indexedBlock: number,
  indexedTimestamp: number,
  headBlock: number,
  maxLagBlocks = 3,
): IndexerHealth {
  const lag = Math.max(0, headBlock - indexedBlock);
  if (lag > maxLagBlocks) {
    return {
      state: "behind",
      indexedBlock,
      indexedTimestamp,
      headBlock,
      lag,
      message: `History is ${lag} blocks behind the chain (indexed to block ${indexedBlock} of ${headBlock}): recent events may be missing.`,
    };
  }
  return {
    state: "ok",
    indexedBlock,
    indexedTimestamp,
    headBlock,
    lag,
    message: `History is up to date (block ${indexedBlock}).`,
  };
}

function toPage<T>(kind: Kind, raw: RawPage, indexedBlock: number): Page<T> {
  return {
    items: raw.items.map((row) => decode<T>(kind, row)),
    pageInfo: raw.pageInfo,
    totalCount: raw.totalCount,
    indexedBlock,
  };
}
