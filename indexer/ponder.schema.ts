/**
 * The indexer's tables: history, lists and aggregates of the DAO's events. Current state stays read from the
 * chain; these tables answer what the chain cannot answer cheaply (who voted, who delegates to whom, what an
 * account did, how a pool's capital moved over time). Addresses are lower-case hex, amounts are in the
 * token's smallest unit (wei), times are the block's timestamp in seconds.
 */
import { index, onchainTable, primaryKey } from "ponder";

/** A Governor proposal with its tally, kept up to date by every vote. */
export const proposal = onchainTable(
  "proposal",
  (t) => ({
    id: t.bigint().primaryKey(),
    proposer: t.hex().notNull(),
    /** The description's first line without Markdown heading marks. */
    title: t.text().notNull(),
    description: t.text().notNull(),
    targets: t.json().$type<`0x${string}`[]>().notNull(),
    values: t.json().$type<string[]>().notNull(),
    calldatas: t.json().$type<`0x${string}`[]>().notNull(),
    signatures: t.json().$type<string[]>().notNull(),
    /** Timestamps (the token's clock is seconds). */
    voteStart: t.bigint().notNull(),
    voteEnd: t.bigint().notNull(),
    /** Latest deadline after a late-quorum extension, else equal to `voteEnd`. */
    deadline: t.bigint().notNull(),
    /** What the events say happened: Created, Queued, Executed or Canceled (time-driven states stay on chain). */
    status: t.text().notNull(),
    eta: t.bigint(),
    forVotes: t.bigint().notNull(),
    againstVotes: t.bigint().notNull(),
    abstainVotes: t.bigint().notNull(),
    voterCount: t.integer().notNull(),
    createdBlock: t.bigint().notNull(),
    createdAt: t.bigint().notNull(),
    createdTx: t.hex().notNull(),
    queuedAt: t.bigint(),
    executedAt: t.bigint(),
    canceledAt: t.bigint(),
  }),
  (t) => ({ createdIdx: index().on(t.createdAt), proposerIdx: index().on(t.proposer) }),
);

/** One Governor vote (VoteCast or VoteCastWithParams). Support: 0 against, 1 for, 2 abstain. */
export const vote = onchainTable(
  "vote",
  (t) => ({
    proposalId: t.bigint().notNull(),
    voter: t.hex().notNull(),
    support: t.integer().notNull(),
    weight: t.bigint().notNull(),
    reason: t.text().notNull(),
    params: t.hex(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (t) => ({
    pk: primaryKey({ columns: [t.proposalId, t.voter] }),
    byWeightIdx: index().on(t.proposalId, t.weight),
    byVoterIdx: index().on(t.voter, t.timestamp),
  }),
);

/** Every account that ever held votes, delegated or voted: the delegate directory. */
export const delegate = onchainTable(
  "delegate",
  (t) => ({
    id: t.hex().primaryKey(),
    /** Equal to the token's `getVotes` (held + staked tokens delegated to this account). */
    votingPower: t.bigint().notNull(),
    /** Accounts whose current delegate is this account (itself included when self-delegated). */
    delegatorsCount: t.integer().notNull(),
    votesCast: t.integer().notNull(),
    claimVotesCast: t.integer().notNull(),
    proposalsCreated: t.integer().notNull(),
    lastVoteAt: t.bigint(),
    firstSeenAt: t.bigint().notNull(),
  }),
  (t) => ({ powerIdx: index().on(t.votingPower), votesIdx: index().on(t.votesCast) }),
);

/** A token holder's current delegate and balance (held tokens; staked ones are in `staker`). */
export const holder = onchainTable(
  "holder",
  (t) => ({
    id: t.hex().primaryKey(),
    delegate: t.hex(),
    balance: t.bigint().notNull(),
  }),
  (t) => ({ delegateIdx: index().on(t.delegate) }),
);

/** A change of delegate (DelegateChanged). */
export const delegation = onchainTable(
  "delegation",
  (t) => ({
    id: t.text().primaryKey(),
    delegator: t.hex().notNull(),
    fromDelegate: t.hex().notNull(),
    toDelegate: t.hex().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (t) => ({
    delegatorIdx: index().on(t.delegator, t.timestamp),
    toIdx: index().on(t.toDelegate, t.timestamp),
  }),
);

/** A delegate's voting power after each change (DelegateVotesChanged): the voting-power time series. */
export const votingPowerPoint = onchainTable(
  "voting_power_point",
  (t) => ({
    id: t.text().primaryKey(),
    delegate: t.hex().notNull(),
    votingPower: t.bigint().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (t) => ({ delegateIdx: index().on(t.delegate, t.timestamp) }),
);

/** A staker's stake in the StakingVault. */
export const staker = onchainTable("staker", (t) => ({
  id: t.hex().primaryKey(),
  staked: t.bigint().notNull(),
  lockedUntil: t.bigint(),
  unstakeRequested: t.bigint(),
  unstakeReadyAt: t.bigint(),
  slashed: t.bigint().notNull(),
}));

/** A cover product of the CoverBook. */
export const product = onchainTable("product", (t) => ({
  id: t.bigint().primaryKey(),
  name: t.text().notNull(),
  riskType: t.integer().notNull(),
  pool: t.hex().notNull(),
  active: t.boolean().notNull(),
  coversSold: t.integer().notNull(),
  coverAmount: t.bigint().notNull(),
  premiums: t.bigint().notNull(),
  createdAt: t.bigint().notNull(),
}));

/** A cover (an ERC-721 of the CoverBook). */
export const cover = onchainTable(
  "cover",
  (t) => ({
    id: t.bigint().primaryKey(),
    productId: t.bigint().notNull(),
    pool: t.hex().notNull(),
    buyer: t.hex().notNull(),
    owner: t.hex().notNull(),
    amount: t.bigint().notNull(),
    premium: t.bigint().notNull(),
    start: t.bigint().notNull(),
    end: t.bigint().notNull(),
    paidOut: t.bigint().notNull(),
    block: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (t) => ({ ownerIdx: index().on(t.owner), productIdx: index().on(t.productId, t.start) }),
);

/** A claim on a cover, with its assessors' tally and outcome. */
export const claim = onchainTable(
  "claim",
  (t) => ({
    id: t.bigint().primaryKey(),
    coverId: t.bigint().notNull(),
    productId: t.bigint(),
    pool: t.hex(),
    claimant: t.hex().notNull(),
    amount: t.bigint().notNull(),
    deposit: t.bigint().notNull(),
    parametric: t.boolean().notNull(),
    evidenceURI: t.text().notNull(),
    votingEnd: t.bigint().notNull(),
    yesWeight: t.bigint().notNull(),
    noWeight: t.bigint().notNull(),
    voterCount: t.integer().notNull(),
    escalated: t.boolean().notNull(),
    /** EscalationResolved's decision, when governance decided. */
    governanceApproved: t.boolean(),
    /** Filed, Paid or a settled state name (Denied, Expired) from the events; time-driven states stay on chain. */
    outcome: t.text().notNull(),
    paid: t.bigint(),
    paidTo: t.hex(),
    filedAt: t.bigint().notNull(),
    filedBlock: t.bigint().notNull(),
    filedTx: t.hex().notNull(),
    settledAt: t.bigint(),
  }),
  (t) => ({
    filedIdx: index().on(t.filedAt),
    claimantIdx: index().on(t.claimant),
    coverIdx: index().on(t.coverId),
  }),
);

/** An assessor's vote on a claim. */
export const claimVote = onchainTable(
  "claim_vote",
  (t) => ({
    claimId: t.bigint().notNull(),
    voter: t.hex().notNull(),
    support: t.boolean().notNull(),
    weight: t.bigint().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (t) => ({
    pk: primaryKey({ columns: [t.claimId, t.voter] }),
    byWeightIdx: index().on(t.claimId, t.weight),
    byVoterIdx: index().on(t.voter, t.timestamp),
  }),
);

/**
 * A pool's state at the end of a block in which it changed (read with `poolState()` at that block): capital,
 * active cover, utilization and premiums over time, for charts.
 */
export const poolSnapshot = onchainTable(
  "pool_snapshot",
  (t) => ({
    id: t.text().primaryKey(),
    pool: t.hex().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    capital: t.bigint().notNull(),
    activeCover: t.bigint().notNull(),
    freeCapital: t.bigint().notNull(),
    openLiabilities: t.bigint().notNull(),
    utilizationBps: t.integer().notNull(),
    premiumsReceived: t.bigint().notNull(),
    premiumsEarned: t.bigint().notNull(),
    pendingWithdrawalShares: t.bigint().notNull(),
  }),
  (t) => ({ poolTimeIdx: index().on(t.pool, t.timestamp) }),
);

/** A pool movement: deposit, withdrawal request, cancellation or completion, claim payment, cover added. */
export const poolEvent = onchainTable(
  "pool_event",
  (t) => ({
    id: t.text().primaryKey(),
    pool: t.hex().notNull(),
    kind: t.text().notNull(),
    account: t.hex(),
    assets: t.bigint(),
    shares: t.bigint(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (t) => ({ poolIdx: index().on(t.pool, t.timestamp), accountIdx: index().on(t.account, t.timestamp) }),
);

/** A Timelock operation (a batch of calls under one id). */
export const timelockOperation = onchainTable("timelock_operation", (t) => ({
  id: t.hex().primaryKey(),
  calls: t.integer().notNull(),
  targets: t.json().$type<`0x${string}`[]>().notNull(),
  delay: t.bigint().notNull(),
  scheduledAt: t.bigint().notNull(),
  readyAt: t.bigint().notNull(),
  executedAt: t.bigint(),
  cancelledAt: t.bigint(),
  status: t.text().notNull(),
}));

/**
 * One line of an account's history, whatever the contract: what "My account" and a delegate's profile list.
 * `ref` names the object (proposal, claim or cover id) the line is about.
 */
export const activity = onchainTable(
  "activity",
  (t) => ({
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    kind: t.text().notNull(),
    ref: t.text(),
    amount: t.bigint(),
    detail: t.text(),
    contract: t.text().notNull(),
    block: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    tx: t.hex().notNull(),
  }),
  (t) => ({ accountIdx: index().on(t.account, t.timestamp) }),
);
