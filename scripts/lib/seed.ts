/**
 * Seeds a demo DAO on a fresh local chain so that every screen and command has something real to
 * show: holders with varied balances, self- and delegated voting power, stakers, and proposals in each
 * interesting state (executed, queued, active). Each domain adds its seeding as a step.
 */
import { type Signer, formatEther, parseEther } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import type { DAOContracts } from "./contracts.js";
import { type ProposalCall, VOTE, execute, propose, queue, stateOf } from "./governance.js";

const DAY = 86_400;

/** A named dev account of the demo DAO. */
export interface DemoAccount {
  name: string;
  role: string;
  address: string;
}

export interface SeedResult {
  accounts: DemoAccount[];
  proposals: { id: bigint; title: string; state: string }[];
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
  [5, "Dave", "holder", "500000", 5, 20],
  [6, "Erin", "assessor", "300000", 6, 50],
  [7, "Frank", "holder", "150000", 7, 10],
  [8, "Grace", "holder", "100000", 8, 0],
  [9, "Heidi", "delegator to Bob", "50000", 3, 0],
  [10, "Ivan", "delegator to Bob", "25000", 3, 0],
  [11, "Judy", "delegator to Alice", "10000", 2, 0],
  [12, "Mallory", "small holder, no delegate yet", "5000", -1, 0],
  [13, "Niaj", "small holder", "1000", 13, 0],
];

type Step = (ctx: SeedContext) => Promise<void>;

export interface SeedContext {
  connection: NetworkConnection;
  contracts: DAOContracts;
  signers: (Signer & { address: string })[];
  result: SeedResult;
  log: (line: string) => void;
}

async function holders(ctx: SeedContext): Promise<void> {
  const { GovernanceToken: token, StakingVault: staking } = ctx.contracts;
  const [deployer, guardian] = ctx.signers;
  ctx.result.accounts.push(
    { name: "Deployer", role: "distributed the supply; holds no privilege", address: deployer.address },
    { name: "Guardian", role: "pauses for a bounded time, cancels proposals", address: guardian.address },
  );
  for (const [index, name, role, balance, delegateTo, stakePct] of HOLDERS) {
    const signer = ctx.signers[index];
    await (await token.transfer(signer.address, parseEther(balance))).wait();
    if (delegateTo >= 0) await (await token.connect(signer).delegate(ctx.signers[delegateTo].address)).wait();
    if (stakePct > 0) {
      await (await staking.connect(signer).stake((parseEther(balance) * BigInt(stakePct)) / 100n)).wait();
    }
    ctx.result.accounts.push({ name, role, address: signer.address });
  }
  ctx.log(`${HOLDERS.length} holders funded; delegations and stakes in place`);
}

async function proposals(ctx: SeedContext): Promise<void> {
  const { CoverGovernor: governor, StakingVault: staking } = ctx.contracts;
  const { networkHelpers } = ctx.connection;
  const [alice, bob, carol, dave, erin] = [2, 3, 4, 5, 6].map((i) => ctx.signers[i]);
  const stakingAddress = await staking.getAddress();
  const governorAddress = await governor.getAddress();
  const call = (target: string, calldata: string, title: string, body: string): ProposalCall => ({
    actions: [{ target, value: 0n, calldata }],
    description: `# ${title}\n\n${body}`,
  });
  const openVoting = async () => networkHelpers.time.increase(Number(await governor.votingDelay()) + 1);
  const endVoting = async (id: bigint) =>
    networkHelpers.time.increaseTo(Number(await governor.proposalDeadline(id)) + 1);
  const record = async (id: bigint, p: ProposalCall) =>
    ctx.result.proposals.push({
      id,
      title: p.description.split("\n")[0].slice(2),
      state: await stateOf(governor, id),
    });

  // 1. Executed: a longer unstake cooldown.
  const executed = call(
    stakingAddress,
    staking.interface.encodeFunctionData("setUnstakeCooldown", [10 * DAY]),
    "Lengthen the unstake cooldown to 10 days",
    "Claims vote for 5 days and then cool down for 2: a 7-day unstake cooldown lets an assessor request an " +
      "exit as soon as a claim is filed. Ten days keeps every assessor's stake at risk for the whole claim.",
  );
  await networkHelpers.mine();
  const id1 = await propose(governor.connect(alice), executed);
  await openVoting();
  for (const voter of [alice, bob, carol])
    await (await governor.connect(voter).castVote(id1, VOTE.For)).wait();
  await (await governor.connect(dave).castVoteWithReason(id1, VOTE.Against, "Slows honest exits")).wait();
  await endVoting(id1);
  await (await queue(governor, executed)).wait();
  await networkHelpers.time.increase(2 * DAY + 1);
  await (await execute(governor, executed)).wait();
  await record(id1, executed);

  // 2. Queued: a longer voting period, waiting for its Timelock ETA.
  const queued = call(
    governorAddress,
    governor.interface.encodeFunctionData("setVotingPeriod", [6 * DAY]),
    "Extend the voting period to 6 days",
    "Delegates in Asia-Pacific time zones asked for a full extra day so that a weekend never eats the vote.",
  );
  const id2 = await propose(governor.connect(bob), queued);
  await openVoting();
  for (const voter of [alice, bob, erin])
    await (await governor.connect(voter).castVote(id2, VOTE.For)).wait();
  await (await governor.connect(carol).castVote(id2, VOTE.Abstain)).wait();
  await endVoting(id2);
  await (await queue(governor, queued)).wait();
  await record(id2, queued);

  // 3. Active: a lower slashing bound, mid-vote.
  const active = call(
    stakingAddress,
    staking.interface.encodeFunctionData("setMaxSlashBps", [1_500]),
    "Cap one slash at 15 % of a stake",
    "A 20 % slash per call is harsher than the assessment errors we have seen. 15 % still deters collusion " +
      "while leaving room for an honest assessor who voted with a mistaken majority.",
  );
  const id3 = await propose(governor.connect(carol), active);
  await openVoting();
  await (await governor.connect(carol).castVoteWithReason(id3, VOTE.For, "Proportionate")).wait();
  await (await governor.connect(bob).castVoteWithReason(id3, VOTE.Against, "Fraud must hurt")).wait();
  await record(id3, active);
  ctx.log(`proposals: ${ctx.result.proposals.map((p) => `${p.title} (${p.state})`).join("; ")}`);
}

/** The seeding steps, in order; pool, cover and claims steps are appended by their domains. */
export const SEED_STEPS: Step[] = [holders, proposals];

export async function seedDemoDAO(
  connection: NetworkConnection,
  contracts: DAOContracts,
  log: (line: string) => void = () => {},
): Promise<SeedResult> {
  const signers = await connection.ethers.getSigners();
  if (signers.length < 14)
    throw new Error(`the demo needs 14 dev accounts; the network has ${signers.length}`);
  const ctx: SeedContext = { connection, contracts, signers, result: { accounts: [], proposals: [] }, log };
  for (const step of SEED_STEPS) await step(ctx);
  return ctx.result;
}

export const formatCover = (wei: bigint): string =>
  Number(formatEther(wei)).toLocaleString("en-US", { maximumFractionDigits: 2 });
