/**
 * Seeds a demo DAO on a fresh local chain so that every screen and command has something real to
 * show: holders with varied balances, self- and delegated voting power, stakers, underwriters in both
 * pools, covers of every risk type, claims in each interesting state (paid after an assessors' vote,
 * approved by a price feed, open for voting), proposals in each interesting state (executed, queued,
 * active) and a Snapshot temperature check on a dev hub.
 *
 * The steps run in time order: each one may travel forward in time, and only the last steps may not,
 * so that the active proposal, the open claim and the temperature check are still open at the end.
 * With the default deployment parameters the whole seed travels at most {@link SEED_TIME_SPAN} seconds; `npm start`
 * starts its chain that long before the wall clock, so the seeded chain ends near the present.
 */
import { type Signer, formatEther, formatUnits, parseEther, parseUnits } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { CapitalPool } from "../../../../types/ethers-contracts/index.js";
import { readClaim } from "../claims/claims.js";
import { RISK_TYPES as RISK_TYPE_NAMES, type RiskTypeName, enumIndex } from "../domain/products.js";
import type { ClaimStateName } from "../domain/states.js";
import { type DAOContracts, type LocalDAOContracts, asLocalDAO } from "../rpc/contracts.js";
import { type ProposalCall, VOTE, execute, propose, queue, stateOf } from "../governance/governance.js";
import { readPoolState } from "../pool/pool.js";
import { quoteCover } from "../pool/pricing.js";
import { productKey } from "../parameters/risk-changes.js";
import { SnapshotClient } from "../snapshot/client.js";
import type { SpaceSettings } from "../snapshot/space.js";

const HOUR = 3_600;
const DAY = 86_400;

/**
 * How far the seed moves the chain's clock with the default deployment parameters (claims: 3-day vote,
 * 2-day cooldown; Governor: 1-day delay, 5-day vote; Timelock: 2 days; the listed products' exit delay of 9 days
 * after execution; the depeg's waiting period and 24-hour confirmation window, about a day; about 23 days), plus
 * an hour of margin. `test/core/seed.test.ts`
 * measures it.
 */
export const SEED_TIME_SPAN = 23 * DAY + 4 * HOUR;

/** ICoverBook.RiskType names, by index. */
/** The risk types, by name: every one has a cover in the seed. */
export { RISK_TYPE_NAMES, type RiskTypeName };
const RISK_TYPES = enumIndex(RISK_TYPE_NAMES);

/** A named dev account of the demo DAO. */
export interface DemoAccount {
  name: string;
  role: string;
  address: string;
}

export interface SeededPool {
  name: "WethPool" | "StablecoinPool";
  symbol: string;
  decimals: number;
  capital: bigint;
  activeCover: bigint;
  utilizationBps: bigint;
  /** Assets of the shares escrowed by pending withdrawal requests. */
  pendingWithdrawals: bigint;
  underwriters: number;
}

export interface SeededCover {
  id: bigint;
  product: string;
  riskType: RiskTypeName;
  holder: string;
  amount: bigint;
  symbol: string;
  decimals: number;
  /** Unix seconds. */
  end: number;
}

export interface SeededClaim {
  id: bigint;
  coverId: bigint;
  parametric: boolean;
  state: ClaimStateName;
  amount: bigint;
  symbol: string;
  decimals: number;
}

export interface SeededTempCheck {
  id: string;
  title: string;
  votes: number;
}

export interface SeedResult {
  accounts: DemoAccount[];
  proposals: { id: bigint; title: string; state: string }[];
  pools: SeededPool[];
  covers: SeededCover[];
  claims: SeededClaim[];
  tempChecks: SeededTempCheck[];
}

export interface SeedSnapshot {
  /** The dev hub to post to, e.g. `http://127.0.0.1:3001`. */
  hubUrl: string;
  /** The space the hub serves, e.g. `coverdao.eth`. */
  space: string;
  settings: SpaceSettings;
  /** The signing clock: it must be the hub's clock (on a local chain, the chain's: see `chainClock`). */
  now: () => Promise<number>;
}

export interface SeedOptions {
  log?: (line: string) => void;
  /** Post a temperature check with votes to this dev hub (skipped when absent). */
  snapshot?: SeedSnapshot;
}

/** Holders by dev-account index: name, role, balance, delegate (by index), share staked (%). */
const HOLDERS: [
  index: number,
  name: string,
  role: string,
  balance: string,
  delegateTo: number,
  stakePct: number,
][] = [
  [2, "Alice", "delegate, assessor", "2000000", 2, 30],
  [3, "Bob", "delegate, assessor", "1200000", 3, 40],
  [4, "Carol", "assessor", "800000", 4, 25],
  [5, "Dave", "holder, depeg cover buyer", "500000", 5, 20],
  [6, "Erin", "assessor", "300000", 6, 50],
  [7, "Frank", "holder, cover buyer (paid claim)", "150000", 7, 10],
  [8, "Grace", "holder", "100000", 8, 0],
  [9, "Heidi", "delegator to Bob", "50000", 3, 0],
  [10, "Ivan", "delegator to Bob", "25000", 3, 0],
  [11, "Judy", "delegator to Alice", "10000", 2, 0],
  [12, "Mallory", "small holder, no delegate yet", "5000", -1, 0],
  [13, "Niaj", "small holder", "1000", 13, 0],
];

/** Underwriters by dev-account index: name, WETH and stablecoin deposits (whole units). */
const UNDERWRITERS: [index: number, name: string, weth: string, stablecoin: string][] = [
  [14, "Olivia", "400", "1000000"],
  [15, "Peggy", "250", "0"], // requests a withdrawal at the end
  [16, "Rupert", "100", "600000"],
];

/** Cover buyers by dev-account index (holders Dave and Frank buy too). */
const BUYERS: [index: number, name: string, role: string][] = [
  [17, "Sybil", "cover buyer (smart contract, operational)"],
  [18, "Trent", "cover buyer (hack; open claim)"],
  [19, "Victor", "cover buyer (depeg; paid parametric claim)"],
];

/** The dev accounts the seed uses: Hardhat's default 20. */
const ACCOUNTS_NEEDED = 20;

type Step = (ctx: SeedContext) => Promise<void>;
type Account = Signer & { address: string };

export interface SeedContext {
  connection: NetworkConnection;
  /** The seed runs on a local chain: it wraps WETH, mints from the stablecoin faucet and posts feed rounds. */
  contracts: LocalDAOContracts;
  signers: Account[];
  result: SeedResult;
  log: (line: string) => void;
  snapshot?: SeedSnapshot;
  /** The temperature check opened before the last time travel, voted on after it. */
  tempCheck?: { id: string; title: string };
}

const signer = (ctx: SeedContext, index: number): Account => ctx.signers[index];

/** COVER the deployer hands to the Timelock as the DAO's treasury. */
export const TREASURY = parseEther("1000000");

async function holders(ctx: SeedContext): Promise<void> {
  const { GovernanceToken: token, StakingVault: staking } = ctx.contracts;
  const [deployer, guardian] = ctx.signers;
  ctx.result.accounts.push(
    { name: "Deployer", role: "distributed the supply; holds no privilege", address: deployer.address },
    { name: "Guardian", role: "pauses for a bounded time, cancels proposals", address: guardian.address },
  );
  for (const [index, name, role, balance, delegateTo, stakePct] of HOLDERS) {
    const holder = signer(ctx, index);
    await (await token.transfer(holder.address, parseEther(balance))).wait();
    if (delegateTo >= 0) await (await token.connect(holder).delegate(ctx.signers[delegateTo].address)).wait();
    if (stakePct > 0) {
      await (await staking.connect(holder).stake((parseEther(balance) * BigInt(stakePct)) / 100n)).wait();
    }
    ctx.result.accounts.push({ name, role, address: holder.address });
  }
  // The DAO's treasury: COVER held by the Timelock, spent only by proposals (e.g. proposals/004).
  await (await token.transfer(await ctx.contracts.CoverTimelock.getAddress(), TREASURY)).wait();
  ctx.log(
    `${HOLDERS.length} holders funded; delegations and stakes in place; treasury ${formatEther(TREASURY)} COVER in the Timelock`,
  );
}

/** Wraps ether into WETH and takes stablecoins from the local faucet (at most 1M per call). */
async function fund(ctx: SeedContext, account: Account, weth: bigint, stablecoin: bigint): Promise<void> {
  const { WETH, Stablecoin } = ctx.contracts;
  if (weth > 0n) await (await WETH.connect(account).deposit({ value: weth })).wait();
  const max = await Stablecoin.MAX_MINT();
  for (let left = stablecoin; left > 0n; left -= left > max ? max : left) {
    await (await Stablecoin.connect(account).mint(account.address, left > max ? max : left)).wait();
  }
}

async function pools(ctx: SeedContext): Promise<void> {
  const { WETH, Stablecoin, WethPool, StablecoinPool } = ctx.contracts;
  const usd = Number(await Stablecoin.decimals());
  for (const [index, name, weth, stablecoin] of UNDERWRITERS) {
    const underwriter = signer(ctx, index);
    const wethAmount = parseEther(weth);
    const usdAmount = parseUnits(stablecoin, usd);
    await fund(ctx, underwriter, wethAmount, usdAmount);
    for (const [asset, pool, amount] of [
      [WETH, WethPool, wethAmount],
      [Stablecoin, StablecoinPool, usdAmount],
    ] as const) {
      if (amount === 0n) continue;
      await (await asset.connect(underwriter).approve(await pool.getAddress(), amount)).wait();
      await (await pool.connect(underwriter).deposit(amount, underwriter.address)).wait();
    }
    const deposits = [
      wethAmount > 0n ? `${weth} WETH` : "",
      usdAmount > 0n ? `${Number(stablecoin).toLocaleString("en-US")} ${await Stablecoin.symbol()}` : "",
    ].filter(Boolean);
    ctx.result.accounts.push({
      name,
      role: `underwriter (${deposits.join(", ")})`,
      address: underwriter.address,
    });
  }
  for (const [index, name, role] of BUYERS) {
    ctx.result.accounts.push({ name, role, address: signer(ctx, index).address });
  }
  ctx.log(`${UNDERWRITERS.length} underwriters deposited in the WETH and stablecoin pools`);
}

/** Buys cover on the first active product of `riskType`, paying the quoted premium (1 % slippage cap). */
async function buy(
  ctx: SeedContext,
  buyer: Account,
  riskType: RiskTypeName,
  amount: string,
  days: number,
): Promise<bigint> {
  const book = ctx.contracts.CoverBook;
  const count = await book.productCount();
  let productId = 0n;
  for (let id = 1n; id <= count && productId === 0n; id++) {
    const product = await book.product(id);
    if (product.active && Number(product.riskType) === RISK_TYPES[riskType]) productId = id;
  }
  if (productId === 0n) throw new Error(`no active ${riskType} product to buy cover on`);
  const product = await book.product(productId);
  const asset = assetOfPool(ctx, product.pool);
  const decimals = Number(await asset.decimals());
  const amountUnits = parseUnits(amount, decimals);
  const period = BigInt(days * DAY);
  const quote = await quoteCover(book, productId, amountUnits, period);
  if (!quote.fits) throw new Error(`cover of ${amount} on product ${productId} exceeds its capacity`);
  const maxPremium = quote.premium + quote.premium / 100n;
  const { WETH } = ctx.contracts;
  const balance = await asset.balanceOf(buyer.address);
  if (balance < maxPremium) {
    const missing = maxPremium - balance;
    if (asset === WETH) await fund(ctx, buyer, missing, 0n);
    else await fund(ctx, buyer, 0n, missing);
  }
  await (await asset.connect(buyer).approve(await book.getAddress(), maxPremium)).wait();
  await (await book.connect(buyer).buyCover(productId, amountUnits, period, maxPremium)).wait();
  const coverId = await book.coverCount();
  const cover = await book.cover(coverId);
  ctx.result.covers.push({
    id: coverId,
    product: await book.productName(productId),
    riskType,
    holder: buyer.address,
    amount: amountUnits,
    symbol: await asset.symbol(),
    decimals,
    end: Number(cover.end),
  });
  return coverId;
}

function assetOfPool(ctx: SeedContext, pool: string) {
  const { WethPool, WETH, Stablecoin } = ctx.contracts;
  return pool.toLowerCase() === WethPool.target.toString().toLowerCase() ? WETH : Stablecoin;
}

async function firstCovers(ctx: SeedContext): Promise<void> {
  const [dave, frank, sybil, victor] = [5, 7, 17, 19].map((i) => signer(ctx, i));
  await buy(ctx, sybil, "SmartContract", "120", 180);
  await buy(ctx, frank, "SmartContract", "20", 60);
  await buy(ctx, victor, "DepegMarket", "250000", 90);
  await buy(ctx, dave, "DepegMarket", "40000", 60);
  ctx.log(`covers bought on the deployed products (smart contract, depeg)`);
}

async function recordClaim(ctx: SeedContext, id: bigint): Promise<void> {
  const claim = await readClaim(ctx.contracts, id);
  const cover = ctx.result.covers.find((c) => c.id === claim.coverId);
  const existing = ctx.result.claims.findIndex((c) => c.id === id);
  const entry: SeededClaim = {
    id,
    coverId: claim.coverId,
    parametric: claim.parametric,
    state: claim.state,
    amount: claim.amount,
    symbol: cover?.symbol ?? "",
    decimals: cover?.decimals ?? 18,
  };
  if (existing >= 0) ctx.result.claims[existing] = entry;
  else ctx.result.claims.push(entry);
}

/** An assessed claim taken through its whole life: filed, voted, cooled down, approved and paid. */
async function paidClaim(ctx: SeedContext): Promise<void> {
  const claims = ctx.contracts.CoverClaims;
  const { time } = ctx.connection.networkHelpers;
  const [alice, bob, carol, erin, frank] = [2, 3, 4, 6, 7].map((i) => signer(ctx, i));
  const cover = ctx.result.covers.find((c) => c.holder === frank.address);
  if (!cover) throw new Error("Frank's cover is missing");
  const { claimDeposit } = await claims.parameters();
  await (
    await claims
      .connect(frank)
      .submitClaim(
        cover.id,
        parseEther("12"),
        "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/lending-oracle-incident.md",
        { value: claimDeposit },
      )
  ).wait();
  const id = await claims.claimCount();
  await time.increase(HOUR);
  for (const [assessor, support] of [
    [alice, true],
    [bob, true],
    [carol, false],
    [erin, true],
  ] as const) {
    await (await claims.connect(assessor).castClaimVote(id, support)).wait();
  }
  let detail = await readClaim(ctx.contracts, id);
  await time.increaseTo(detail.votingEnd + 1);
  detail = await readClaim(ctx.contracts, id);
  await time.increaseTo(detail.cooldownEnd + 1);
  await (await claims.connect(frank).redeemPayout(id)).wait();
  await (await claims.connect(alice).claimReward(id)).wait();
  await recordClaim(ctx, id);
  ctx.log(`claim ${id} on cover ${cover.id}: approved by assessors and paid; Alice took her reward`);
}

/** 1 and 2: an executed and a queued proposal (the active one comes later: {activeProposal}). */
async function proposals(ctx: SeedContext): Promise<void> {
  await executedProposals(ctx);
  await queuedProposal(ctx);
}

/** A proposal of one call, described by a title and a body. */
function singleCall(target: string, calldata: string, title: string, body: string): ProposalCall {
  return { actions: [{ target, value: 0n, calldata }], description: `# ${title}\n\n${body}` };
}

/** The voting clock and the seed's record of proposals, for {executedProposals} and {queuedProposal}. */
function voting(ctx: SeedContext) {
  const governor = ctx.contracts.CoverGovernor;
  const { time } = ctx.connection.networkHelpers;
  return {
    open: async () => time.increase(Number(await governor.votingDelay()) + 1),
    end: async (id: bigint) => time.increaseTo(Number(await governor.proposalDeadline(id)) + 1),
    record: async (id: bigint, p: ProposalCall) =>
      ctx.result.proposals.push({
        id,
        title: p.description.split("\n")[0].slice(2),
        state: await stateOf(governor, id),
      }),
  };
}

/**
 * 1. Executed: a longer late-quorum extension, and (voted alongside) two new products, so that every risk
 * type has cover on sale.
 */
async function executedProposals(ctx: SeedContext): Promise<void> {
  const governor = ctx.contracts.CoverGovernor;
  const { networkHelpers } = ctx.connection;
  const [alice, bob, carol, dave, erin] = [2, 3, 4, 5, 6].map((i) => signer(ctx, i));
  const vote = voting(ctx);
  const executed = singleCall(
    await governor.getAddress(),
    governor.interface.encodeFunctionData("setLateQuorumVoteExtension", [2 * DAY]),
    "Give a late quorum two days of extra voting",
    "A proposal that reaches quorum in its last hours gets one more day of voting today. Delegates in other " +
      "time zones asked for two, so that a weekend cannot decide a late swing.",
  );
  const listing = await listingProposal(ctx);
  await networkHelpers.mine();
  const id1 = await propose(governor.connect(alice), executed);
  const idListing = await propose(governor.connect(bob), listing);
  await vote.open();
  for (const voter of [alice, bob, carol]) {
    await (await governor.connect(voter).castVote(id1, VOTE.For)).wait();
    await (await governor.connect(voter).castVote(idListing, VOTE.For)).wait();
  }
  await (await governor.connect(dave).castVoteWithReason(id1, VOTE.Against, "Slows honest exits")).wait();
  await (
    await governor
      .connect(erin)
      .castVoteWithReason(idListing, VOTE.Abstain, "Operational risk is hard to price")
  ).wait();
  await vote.end(id1);
  await (await queue(governor, executed)).wait();
  await (await queue(governor, listing)).wait();
  await networkHelpers.time.increase(2 * DAY + 1);
  await (await execute(governor, executed)).wait();
  await (await execute(governor, listing)).wait();
  await vote.record(id1, executed);
  await vote.record(idListing, listing);
}

/** The listing voted with the executed proposal: hack cover on the WETH pool, operational cover on the stablecoin pool. */
async function listingProposal(ctx: SeedContext): Promise<ProposalCall> {
  const { CoverBook: book, WethPool, StablecoinPool } = ctx.contracts;
  const bookAddress = await book.getAddress();
  const product = (
    name: string,
    riskType: RiskTypeName,
    pool: string,
    rates: [base: number, surcharge: number, capacity: number],
    periods: [minDays: number, maxDays: number],
  ) =>
    book.interface.encodeFunctionData("addProduct", [
      {
        name,
        riskType: RISK_TYPES[riskType],
        pool,
        baseRateBps: rates[0],
        surchargeBps: rates[1],
        capacityRatioBps: rates[2],
        minPeriod: periods[0] * DAY,
        maxPeriod: periods[1] * DAY,
        active: true,
        priceFeed: "0x0000000000000000000000000000000000000000",
        triggerPrice: 0,
      },
    ]);
  return {
    actions: [
      {
        target: bookAddress,
        value: 0n,
        calldata: product(
          "Protocol hack cover (WETH)",
          "Hack",
          await WethPool.getAddress(),
          [300, 900, 5_000],
          [28, 365],
        ),
      },
      {
        target: bookAddress,
        value: 0n,
        calldata: product(
          "Operational error cover (stablecoin)",
          "Operational",
          await StablecoinPool.getAddress(),
          [200, 600, 4_000],
          [14, 180],
        ),
      },
    ],
    description:
      "# List hack cover and operational-error cover\n\n" +
      "Two risks our buyers ask for have no product yet. Hack cover (WETH pool) pays for funds stolen from a " +
      "covered protocol, at 3 % a year plus up to 9 % with utilization, capped at half the pool. Operational " +
      "cover (stablecoin pool) pays for losses from a protocol team's operational error (a mistaken upgrade, a " +
      "lost key), at 2 % plus up to 6 %, capped at 40 % of the pool. Both are decided by assessors.",
  };
}

/** 2. Queued: a longer voting period, waiting for its Timelock ETA. */
async function queuedProposal(ctx: SeedContext): Promise<void> {
  const governor = ctx.contracts.CoverGovernor;
  const [alice, bob, carol, erin] = [2, 3, 4, 6].map((i) => signer(ctx, i));
  const vote = voting(ctx);
  const queued = singleCall(
    await governor.getAddress(),
    governor.interface.encodeFunctionData("setVotingPeriod", [6 * DAY]),
    "Extend the voting period to 6 days",
    "Delegates in Asia-Pacific time zones asked for a full extra day so that a weekend never eats the vote.",
  );
  const id2 = await propose(governor.connect(bob), queued);
  await vote.open();
  for (const voter of [alice, bob, erin])
    await (await governor.connect(voter).castVote(id2, VOTE.For)).wait();
  await (await governor.connect(carol).castVote(id2, VOTE.Abstain)).wait();
  await vote.end(id2);
  await (await queue(governor, queued)).wait();
  await vote.record(id2, queued);
}

/** A client that signs at the hub's clock (SnapshotClient takes a synchronous clock: read it first). */
async function snapshotClient(snapshot: SeedSnapshot, account: Account): Promise<SnapshotClient> {
  const now = await snapshot.now();
  return new SnapshotClient({ signer: account, hubUrl: snapshot.hubUrl, now: () => now });
}

/** Opens a Snapshot temperature check, before the last time travel so that its vote has started after it. */
async function openTempCheck(ctx: SeedContext): Promise<void> {
  const snapshot = ctx.snapshot;
  if (!snapshot) return;
  const title = "Temperature check: cover for cross-chain bridges";
  const client = await snapshotClient(snapshot, signer(ctx, 2));
  const { id } = await client.createTempCheck({
    space: snapshot.space,
    title,
    body:
      "Should the DAO list a bridge-exploit product on the WETH pool? Bridges hold the largest single pools " +
      "of locked value and buyers keep asking. A yes here leads to an on-chain proposal with its pricing.",
    snapshot: await ctx.connection.ethers.provider.getBlockNumber(),
    voting: snapshot.settings.voting,
  });
  ctx.tempCheck = { id, title };
}

/** 3. Active: a lower slashing bound, mid-vote; the last time travel of the seed. */
async function activeProposal(ctx: SeedContext): Promise<void> {
  const { CoverGovernor: governor, StakingVault: staking } = ctx.contracts;
  const { networkHelpers } = ctx.connection;
  const [bob, carol] = [3, 4].map((i) => signer(ctx, i));
  const active: ProposalCall = {
    actions: [
      {
        target: await staking.getAddress(),
        value: 0n,
        calldata: staking.interface.encodeFunctionData("setMaxSlashBps", [1_500]),
      },
    ],
    description:
      "# Cap one slash at 15 % of a stake\n\n" +
      "A 20 % slash per call is harsher than the assessment errors we have seen. 15 % still deters collusion " +
      "while leaving room for an honest assessor who voted with a mistaken majority.",
  };
  const id3 = await propose(governor.connect(carol), active);
  await networkHelpers.time.increase(Number(await governor.votingDelay()) + 1);
  await (await governor.connect(carol).castVoteWithReason(id3, VOTE.For, "Proportionate")).wait();
  await (await governor.connect(bob).castVoteWithReason(id3, VOTE.Against, "Fraud must hurt")).wait();
  ctx.result.proposals.push({
    id: id3,
    title: active.description.split("\n")[0].slice(2),
    state: await stateOf(governor, id3),
  });
  ctx.log(`proposals: ${ctx.result.proposals.map((p) => `${p.title} (${p.state})`).join("; ")}`);
}

async function voteTempCheck(ctx: SeedContext): Promise<void> {
  const check = ctx.tempCheck;
  if (!check || !ctx.snapshot) return;
  const ballots: [index: number, choice: number, reason: string][] = [
    [2, 1, "Bridges are where the losses are"],
    [3, 2, "Too correlated with the hack product"],
    [4, 1, ""],
    [6, 3, "Need the pricing first"],
  ];
  for (const [index, choice, reason] of ballots) {
    const client = await snapshotClient(ctx.snapshot, signer(ctx, index));
    await client.vote(ctx.snapshot.space, check.id, choice, reason);
  }
  ctx.result.tempChecks.push({ id: check.id, title: check.title, votes: ballots.length });
  ctx.log(`temperature check "${check.title}" open on the hub with ${ballots.length} votes`);
}

async function laterCovers(ctx: SeedContext): Promise<void> {
  const [sybil, trent] = [17, 18].map((i) => signer(ctx, i));
  // The listing raised the pools' risk, so its products waited for the underwriters' exit time (cooldown +
  // window); by now the later proposals' votes have passed it, and anyone activates them (here Trent).
  const book = ctx.contracts.CoverBook.connect(trent);
  for (let id = 1n; id <= (await book.productCount()); id++) {
    const [, effectiveAt] = await book.pendingProduct(id);
    if (effectiveAt === 0n) continue;
    const { time } = ctx.connection.networkHelpers;
    if (BigInt(await time.latest()) < effectiveAt) await time.increaseTo(effectiveAt);
    await (await book.applyRiskChange(productKey(id))).wait();
    ctx.log(`product ${id} activated after the exit delay`);
  }
  await buy(ctx, trent, "Hack", "80", 120);
  await buy(ctx, sybil, "Operational", "150000", 90);
  const types = new Set(ctx.result.covers.map((c) => c.riskType));
  ctx.log(`covers on every risk type: ${[...types].join(", ")} (${ctx.result.covers.length} covers)`);
}

/**
 * A depeg on the local feed, after the depeg covers' waiting period: 0.912 (the trigger round), then 0.93,
 * 0.95 and 0.96 every 6 hours, all below the recovery price through the 24 h confirmation window; the price
 * recovers to 1 after it. Travels about 26 hours. The trigger round is kept for {parametricClaims}.
 */
async function depegFall(ctx: SeedContext): Promise<void> {
  const { DepegFeed: feed, CoverBook: book } = ctx.contracts;
  const { time } = ctx.connection.networkHelpers;
  const depeg = ctx.result.covers.filter((c) => c.riskType === "DepegMarket");
  const productId = (await book.cover(depeg[0].id)).productId;
  const { triggerPrice: trigger, terms } = await book.parametricSettings(productId);
  const decimals = Number(await feed.decimals());
  const price = (text: string) => parseUnits(text, decimals);
  if (price("0.912") > trigger) throw new Error("the seed's depeg price is above the product's trigger");
  for (const cover of depeg) {
    const { start } = await book.cover(cover.id);
    if (BigInt(await time.latest()) < start + terms.waitingPeriod)
      await time.increaseTo(start + terms.waitingPeriod);
  }
  await time.increase(HOUR);
  await (await feed.setAnswer(price("0.912"))).wait();
  const round = (await feed.latestRoundData()).roundId;
  const { updatedAt } = await feed.getRoundData(round);
  for (const text of ["0.93", "0.95", "0.96"]) {
    await time.increase(6 * HOUR);
    await (await feed.setAnswer(price(text))).wait();
  }
  await time.increaseTo(updatedAt + terms.confirmationWindow + BigInt(HOUR));
  await (await feed.setAnswer(price("1"))).wait();
  depegRounds.set(ctx, round);
  ctx.log(
    `depeg: ${await feed.description()} fell to 0.912 (round ${round}, trigger ${formatUnits(trigger, decimals)}) ` +
      `and stayed below ${formatUnits(terms.recoveryPrice, decimals)} for ${Number(terms.confirmationWindow) / 3600} h (last round 0.96), then recovered`,
  );
}

const depegRounds = new WeakMap<SeedContext, bigint>();

/** Both depeg covers claim from the confirmed fall (loss-proportional: 4 % at 0.96); Victor redeems. */
async function parametricClaims(ctx: SeedContext): Promise<void> {
  const { DepegFeed: feed, CoverClaims: claims } = ctx.contracts;
  const [dave, victor] = [5, 19].map((i) => signer(ctx, i));
  const depeg = ctx.result.covers.filter((c) => c.riskType === "DepegMarket");
  const round = depegRounds.get(ctx);
  if (round === undefined) throw new Error("the depeg fall step did not run");
  for (const cover of depeg) {
    const holder = cover.holder === victor.address ? victor : dave;
    await (await claims.connect(holder).submitParametricClaim(cover.id, cover.amount, round)).wait();
    const id = await claims.claimCount();
    if (holder === victor) await (await claims.connect(victor).redeemPayout(id)).wait();
    await recordClaim(ctx, id);
  }
  // The local feed has no heartbeat of its own: a fresh round keeps depeg cover on sale.
  await (await feed.setAnswer((await feed.latestRoundData()).answer)).wait();
  ctx.log(`depeg: ${depeg.length} parametric claims approved from round ${round}, Victor redeemed`);
}

/** An assessed claim still in its vote, with votes on both sides. */
async function openClaim(ctx: SeedContext): Promise<void> {
  const claims = ctx.contracts.CoverClaims;
  const [alice, bob, trent] = [2, 3, 18].map((i) => signer(ctx, i));
  const cover = ctx.result.covers.find((c) => c.riskType === "Hack");
  if (!cover) throw new Error("the hack cover is missing");
  const { claimDeposit } = await claims.parameters();
  await (
    await claims
      .connect(trent)
      .submitClaim(
        cover.id,
        parseEther("30"),
        "ipfs://bafybeihkoviema7g3gxyt6la7vd5ho32ictqbilu3wnlo3rs7ewhnp7lly/vault-drain-postmortem.md",
        { value: claimDeposit },
      )
  ).wait();
  const id = await claims.claimCount();
  await (await claims.connect(alice).castClaimVote(id, true)).wait();
  await (await claims.connect(bob).castClaimVote(id, false)).wait();
  await recordClaim(ctx, id);
  ctx.log(`claim ${id} on cover ${cover.id} (hack): in its assessors' vote, 2 votes cast`);
}

/** An underwriter on her way out: a withdrawal request still in its cooldown at the end. */
async function withdrawalRequest(ctx: SeedContext): Promise<void> {
  const pool = ctx.contracts.WethPool;
  const peggy = signer(ctx, 15);
  const shares = (await pool.balanceOf(peggy.address)) / 5n;
  await (await pool.connect(peggy).requestWithdrawal(shares)).wait();
  const assets = await pool.convertToAssets(shares);
  ctx.log(`Peggy requested a withdrawal of ${formatAmount(assets, 18, "WETH")} of shares (in its cooldown)`);
}

async function summarizePools(ctx: SeedContext): Promise<void> {
  const { WethPool, StablecoinPool } = ctx.contracts;
  for (const [name, pool] of [
    ["WethPool", WethPool],
    ["StablecoinPool", StablecoinPool],
  ] as const) {
    const state = await readPoolState(pool as CapitalPool);
    const asset = assetOfPool(ctx, state.address);
    const underwriters = UNDERWRITERS.filter(([, , weth, usd]) =>
      name === "WethPool" ? weth !== "0" : usd !== "0",
    ).length;
    ctx.result.pools.push({
      name,
      symbol: await asset.symbol(),
      decimals: state.assetDecimals,
      capital: state.capital,
      activeCover: state.activeCover,
      utilizationBps: state.utilizationBps,
      pendingWithdrawals: state.pendingWithdrawalAssets,
      underwriters,
    });
  }
}

/** The seeding steps, in time order (see the module comment). */
export const SEED_STEPS: Step[] = [
  holders,
  pools,
  firstCovers,
  paidClaim,
  depegFall,
  proposals,
  openTempCheck,
  activeProposal,
  voteTempCheck,
  laterCovers,
  parametricClaims,
  openClaim,
  withdrawalRequest,
  summarizePools,
];

export async function seedDemoDAO(
  connection: NetworkConnection,
  contracts: DAOContracts,
  options: SeedOptions | ((line: string) => void) = {},
): Promise<SeedResult> {
  const { log = () => {}, snapshot } = typeof options === "function" ? { log: options } : options;
  const signers = await connection.ethers.getSigners();
  if (signers.length < ACCOUNTS_NEEDED) {
    throw new Error(`the demo needs ${ACCOUNTS_NEEDED} dev accounts; the network has ${signers.length}`);
  }
  const ctx: SeedContext = {
    connection,
    contracts: asLocalDAO(contracts),
    signers,
    result: { accounts: [], proposals: [], pools: [], covers: [], claims: [], tempChecks: [] },
    log,
    snapshot,
  };
  for (const step of SEED_STEPS) await step(ctx);
  return ctx.result;
}

export const formatCover = (wei: bigint): string =>
  Number(formatEther(wei)).toLocaleString("en-US", { maximumFractionDigits: 2 });

/** An amount of an asset in short form: "1,600,000 tUSD", "750 WETH". */
export const formatAmount = (amount: bigint, decimals: number, symbol: string): string =>
  `${Number(formatUnits(amount, decimals)).toLocaleString("en-US", { maximumFractionDigits: 2 })} ${symbol}`;

/** Lines describing the seeded pools, covers, claims and temperature checks, for `npm start`'s output. */
export function describeSeed(result: SeedResult): string[] {
  const lines = ["Pools:"];
  for (const p of result.pools) {
    lines.push(
      `  ${p.name.padEnd(15)}capital ${formatAmount(p.capital, p.decimals, p.symbol).padStart(18)}  ` +
        `active cover ${formatAmount(p.activeCover, p.decimals, p.symbol).padStart(13)}  ` +
        `utilization ${(Number(p.utilizationBps) / 100).toFixed(1)} %  (${p.underwriters} underwriters` +
        `${p.pendingWithdrawals > 0n ? `, ${formatAmount(p.pendingWithdrawals, p.decimals, p.symbol)} requested out` : ""})`,
    );
  }
  lines.push("Covers:");
  for (const c of result.covers) {
    lines.push(
      `  #${String(c.id).padEnd(3)}${c.riskType.padEnd(14)}${formatAmount(c.amount, c.decimals, c.symbol).padStart(14)}  ` +
        `${c.product}, until ${new Date(c.end * 1000).toISOString().slice(0, 10)}`,
    );
  }
  lines.push("Claims:");
  for (const c of result.claims) {
    lines.push(
      `  #${String(c.id).padEnd(3)}[${c.state}] ${c.parametric ? "parametric" : "assessed"} claim on cover ` +
        `${c.coverId} for ${formatAmount(c.amount, c.decimals, c.symbol)}`,
    );
  }
  if (result.tempChecks.length > 0) {
    lines.push("Temperature checks (Snapshot dev hub):");
    for (const t of result.tempChecks) lines.push(`  ${t.title} (${t.votes} votes)  ${t.id}`);
  }
  return lines;
}
