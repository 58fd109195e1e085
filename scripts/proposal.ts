/**
 * `npm run proposal -- <command> <file> [options]`: proposals as code against a deployment.
 *
 *   validate         schema, contracts/functions/arguments against the ABIs, units, registry bounds, eth_call
 *   simulate         on a snapshot: the queued and succeeded proposals first, then propose → vote → queue →
 *                    execute; before/after table of parameters and risk figures, `<file>.simulation.md`
 *   temp-check       open the Snapshot temperature check for the file and record its id in the file
 *   temp-check-vote  vote on that temperature check         <file|snapshot id> --choice for|against|abstain
 *   propose          submit it to the Governor
 *   vote             vote on it on chain                    <file|proposal id> --support for|against|abstain
 *   queue            queue it in the Timelock once passed
 *   execute          execute it after the Timelock's ETA
 *   status           state, tallies against quorum, ETA, and the temperature check's result
 *
 * Options: --network NAME (an http network of hardhat.config.ts) or --rpc URL (default: the `services.rpcUrl`
 * that `npm start` wrote in deployments/31337.json, else localhost); --deployment FILE (default
 * deployments/<chainId>.json); --account N|NAME|0xADDRESS (an unlocked account of a local node; NAME is one
 * of the deployment's named accounts, such as alice) or the private key in COVERDAO_PRIVATE_KEY
 * (SNAPSHOT_PRIVATE_KEY first for Snapshot);
 * --reason TEXT for votes; --paths N, --seed S and --token-price USD for the risk diff of simulate; --hub URL (SNAPSHOT_HUB_URL, default the dev hub) and --space ID
 * (SNAPSHOT_SPACE, default coverdao.eth) for temperature checks.
 *
 * Runs with tsx and connects with ethers, so arguments pass through npm as they are. {runProposalCli} is
 * the same program as a function, for tests.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { JsonRpcProvider, type Signer, Wallet, formatEther, isAddress } from "ethers";
import { z } from "zod";

import {
  type Deployment,
  FACTORIES,
  ProposalError,
  type ProposalFile,
  type ResolvedProposal,
  USAGE_EXIT_CODE,
  UsageError,
  VOTE,
  accountByName,
  defaultRpcUrl,
  describeAction,
  execute,
  explainError,
  joinNegativeValues,
  linkTempCheck,
  loadProposal,
  notYet,
  parseDeployment,
  plainParseError,
  proposalIdOf,
  propose,
  queue,
  readDeployment,
  resolveProposal,
  simulateProposal,
  simulationMarkdown,
  simulationTable,
  pendingLines,
  riskDiffMethod,
  riskDiffSummary,
  riskDiffTable,
  stateOf,
  statusOf,
  validateProposal,
  HttpRpcProvider,
  decodeActions,
  describeDecodedAction,
} from "@coverdao/core/node";
import {
  BASIC_CHOICES,
  DEV_HUB_URL,
  SnapshotClient,
  compareHubVotingPower,
  hubClock,
  hubGet,
} from "@coverdao/core/snapshot";
import { type Results, assertValidSpaceSettings, buildSpaceSettings } from "@coverdao/core/snapshot/node";

export const COMMANDS = [
  "validate",
  "simulate",
  "temp-check",
  "temp-check-vote",
  "propose",
  "vote",
  "queue",
  "execute",
  "status",
] as const;
type Command = (typeof COMMANDS)[number];
const LOCAL_CHAINS = [31337n, 1337n];
const DEFAULT_SPACE = "coverdao.eth";

const USAGE = `Usage: npm run proposal -- <command> <proposals/file.md> [--network NAME | --rpc URL] [--deployment FILE] [--account N|NAME|0xADDRESS]
  validate         schema, contracts and arguments against the ABIs, units, bounds, eth_call from the Timelock
  simulate         on a snapshot of the chain, apply the proposals already queued or succeeded, then propose,
                   vote, queue and execute this one; parameters and risk figures (solvency, ruin, corruption
                   margins) before and after; writes <file>.simulation.md   [--paths N] [--seed S] [--token-price USD]
  temp-check       open a Snapshot temperature check and record its id in the file   [--hub URL] [--space ID]
  temp-check-vote  <file|snapshot id> --choice for|against|abstain [--reason TEXT] [--hub URL] [--space ID]
  propose          submit it to the Governor
  vote             <file|proposal id> --support for|against|abstain [--reason TEXT]
  queue            queue it in the Timelock once it has passed
  execute          execute it once the Timelock's delay is over
  status           state, tallies against quorum, ETA, and the temperature check's result
Where: --rpc, else --network (hardhat.config.ts), else the services.rpcUrl that npm start recorded
in deployments/31337.json, else http://127.0.0.1:8545; the hub likewise (--hub, the file's tempCheck,
SNAPSHOT_HUB_URL, services.hubUrl). Who: --account alice (a name npm start printed), an index or an
address of the local node, or the key in COVERDAO_PRIVATE_KEY.`;
const COMMAND = "npm run proposal";

const choice = (flag: string) =>
  z.enum(["for", "against", "abstain"], {
    error: (issue) => `${flag} must be for, against or abstain, got "${String(issue.input)}"`,
  });

/** An account index or name on the command line (`2`, `alice`). */
const ACCOUNT = /^(\d+|[A-Za-z][\w-]*)$/;

/** The command line, checked: what each command needs, and nothing it cannot use (undefined: --help). */
function parseCommandLine(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv, { reason: { type: "string" } }),
      allowPositionals: true,
      strict: true,
      options: {
        network: { type: "string" },
        rpc: { type: "string" },
        deployment: { type: "string" },
        account: { type: "string" },
        support: { type: "string" },
        choice: { type: "string" },
        reason: { type: "string" },
        hub: { type: "string" },
        space: { type: "string" },
        paths: { type: "string" },
        seed: { type: "string" },
        "token-price": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(plainParseError(error as Error));
  }
  const { positionals, values } = parsed;
  if (values.help) return undefined;
  const [command, target, ...extra] = positionals;
  if (!command) throw new UsageError("No command given");
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`Unknown command "${command}": one of ${COMMANDS.join(", ")}`);
  }
  if (!target) throw new UsageError(`${command} needs a proposal file`);
  if (extra.length) throw new UsageError(`Unexpected arguments: ${extra.join(" ")}`);
  const cmd = command as Command;
  const only = (
    flag: "support" | "choice" | "reason" | "hub" | "space" | "paths" | "seed" | "token-price",
    commands: Command[],
  ) => {
    if (values[flag] !== undefined && !commands.includes(cmd)) {
      throw new UsageError(`--${flag} is for ${commands.join(" and ")}, not ${cmd}`);
    }
  };
  only("support", ["vote"]);
  only("choice", ["temp-check-vote"]);
  only("reason", ["vote", "temp-check-vote"]);
  only("hub", ["temp-check", "temp-check-vote", "status"]);
  only("space", ["temp-check", "temp-check-vote"]);
  for (const flag of ["paths", "seed", "token-price"] as const) only(flag, ["simulate"]);
  const risk = riskOptions(values);
  const check = <T>(schema: z.ZodType<T>, value: unknown, missing: string): T => {
    if (value === undefined) throw new UsageError(missing);
    const result = schema.safeParse(value);
    if (!result.success) throw new UsageError(result.error.issues[0].message);
    return result.data;
  };
  const support =
    cmd === "vote"
      ? check(choice("--support"), values.support, "vote needs --support for|against|abstain")
      : undefined;
  const ballot =
    cmd === "temp-check-vote"
      ? check(choice("--choice"), values.choice, "temp-check-vote needs --choice for|against|abstain")
      : undefined;
  if (values.account !== undefined && !ACCOUNT.test(values.account) && !isAddress(values.account)) {
    throw new UsageError(
      `--account must be an account index, a name such as alice or a 0x address, got "${values.account}"`,
    );
  }
  if (values.hub !== undefined && !z.url().safeParse(values.hub).success) {
    throw new UsageError(`--hub must be a URL, got "${values.hub}"`);
  }
  if (values.network !== undefined && values.rpc !== undefined) {
    throw new UsageError("Give --network or --rpc, not both");
  }
  return { command: cmd, target, support, ballot, values, risk };
}

/** The risk diff's options of `simulate`, checked. */
function riskOptions(values: { paths?: string; seed?: string; "token-price"?: string }) {
  return {
    paths: wholeNumber("--paths", values.paths),
    seed: wholeNumber("--seed", values.seed),
    tokenPrice: dollars("--token-price", values["token-price"]),
  };
}

function wholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} must be a positive whole number, got "${text}"`);
  return n;
}

function dollars(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`${flag} must be a price in US dollars, got "${text}"`);
  return n;
}

/** The RPC URL of an http network in hardhat.config.ts (config variables come from the environment). */
async function rpcUrlOf(networkName: string): Promise<string> {
  const { default: config } = await import("../hardhat.config.js");
  const entry = (config.networks ?? {})[networkName] as { type?: string; url?: unknown } | undefined;
  if (!entry) throw new Error(`No network "${networkName}" in hardhat.config.ts`);
  if (entry.type !== "http") {
    throw new Error(
      `"${networkName}" is Hardhat's in-process network: start \`npx hardhat node\` and use --network localhost`,
    );
  }
  if (typeof entry.url === "string") return entry.url;
  const variable = (entry.url as { name?: string } | undefined)?.name;
  const value = variable ? process.env[variable] : undefined;
  if (!value) throw new Error(`Set ${variable ?? "the RPC URL"} in the environment, or pass --rpc URL`);
  return value;
}

async function signerFor(ctx: Context, keyVariables: string[]): Promise<Signer> {
  const { provider, chainId } = ctx;
  const account = ctx.options.values.account;
  for (const variable of keyVariables) {
    const key = process.env[variable];
    if (key) return new Wallet(key, provider);
  }
  if (account !== undefined) {
    if (!LOCAL_CHAINS.includes(chainId))
      throw new Error(`--account works on a local node only; set ${keyVariables.at(-1)}`);
    if (/^\d+$/.test(account)) return provider.getSigner(Number(account));
    if (isAddress(account)) return provider.getSigner(account);
    const named = accountByName(ctx.chain.deployment, account);
    if (!named) {
      const names = Object.keys(ctx.chain.deployment.accounts).map((n) => n.toLowerCase());
      throw new Error(
        `No account named "${account}" in this deployment` +
          (names.length ? `: one of ${names.join(", ")}` : "; give an index or an address"),
      );
    }
    return provider.getSigner(named);
  }
  throw new Error(`No signer: set ${keyVariables.join(" or ")}, or on a local node pass --account NAME|N`);
}

const date = (seconds: bigint | number) =>
  new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");

const VOTE_OF = { for: VOTE.For, against: VOTE.Against, abstain: VOTE.Abstain } as const;

/**
 * Where the CLI writes, and its clock for Snapshot messages (default: the hub's, from its `/api/health`):
 * replaceable in tests.
 */
export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  now?: () => number;
}

interface Context {
  chain: { deployment: Deployment; provider: JsonRpcProvider };
  provider: JsonRpcProvider;
  chainId: bigint;
  io: CliIO;
  options: NonNullable<ReturnType<typeof parseCommandLine>>;
}

/** Runs the CLI on `argv` (without `node script`); returns the exit code. */
export async function runProposalCli(
  argv: string[],
  io: CliIO = { out: (l) => console.log(l), err: (l) => console.error(l) },
): Promise<number> {
  try {
    await main(argv, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      const sentence = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
      io.err(`${sentence} See \`${COMMAND} -- --help\`.`);
      return USAGE_EXIT_CODE;
    }
    if (error instanceof ProposalError) io.err(error.message);
    else io.err(`Error: ${explainError(error)}`);
    return 1;
  }
}

async function main(argv: string[], io: CliIO): Promise<void> {
  const options = parseCommandLine(argv);
  if (!options) {
    io.out(USAGE);
    return;
  }
  const { command, target, values } = options;
  // `vote` and `temp-check-vote` also take a bare id; every other command a proposal file.
  const bareId =
    (command === "vote" && /^\d+$/.test(target)) ||
    (command === "temp-check-vote" && /^0x[0-9a-fA-F]{64}$/.test(target));
  if (!bareId && !existsSync(target) && !target.endsWith(".md")) {
    throw new UsageError(
      `"${target}" is not a proposal file${command === "vote" ? " nor a proposal id" : ""}`,
    );
  }
  const proposal = bareId ? undefined : loadProposal(path.resolve(target));

  const url =
    values.rpc ?? (values.network ? await rpcUrlOf(values.network) : defaultRpcUrl(values.deployment));
  const provider = new HttpRpcProvider(url, undefined, { staticNetwork: true });
  const { chainId } = await provider.getNetwork().catch((error: unknown) => {
    throw new Error(`Cannot reach ${url}: ${(error as Error).message}`);
  });
  const deployment: Deployment = values.deployment
    ? parseDeployment(JSON.parse(readFileSync(values.deployment, "utf8")), values.deployment)
    : readDeployment(chainId);
  const ctx: Context = { chain: { deployment, provider }, provider, chainId, io, options };

  if (!proposal) {
    await (command === "vote" ? castVote(ctx, BigInt(target)) : tempCheckVote(ctx, undefined, target));
    return;
  }
  // Before anything is sent: the whole validation (bounds, eth_call from the Timelock). Afterwards the
  // proposal's effects may make an action revert if called again (a spent grant), so later commands only
  // convert it, which is all they need to find it on chain.
  const checksNow = ["validate", "simulate", "temp-check", "propose"].includes(command);
  const resolved = checksNow
    ? await validateProposal(proposal, ctx.chain)
    : await resolveProposal(proposal, ctx.chain);
  io.out(`${proposal.file}: ${resolved.title}`);
  for (const action of resolved.actions)
    io.out(`  ${action.index + 1}. ${describeAction(ctx.chain, action)}`);
  if ("notes" in resolved) for (const note of resolved.notes as string[]) io.out(`  note: ${note}`);
  await run(command, proposal, resolved, ctx);
}

async function run(command: Command, proposal: ProposalFile, resolved: ResolvedProposal, ctx: Context) {
  const { chain, provider, io } = ctx;
  const reader = FACTORIES.CoverGovernor.connect(chain.deployment.contracts.CoverGovernor, provider);
  switch (command) {
    case "validate":
      io.out("Valid: every action converts, fits its bounds and would not revert.");
      return;
    case "simulate": {
      const { paths, seed, tokenPrice } = ctx.options.risk;
      const report = await simulateProposal(resolved, chain, {
        risk: { paths, seed, prices: tokenPrice === undefined ? undefined : { tokenUsd: tokenPrice } },
      });
      io.out(
        `\nApplied first (already queued or succeeded):\n${pendingLines(report)
          .map((l) => `  ${l}`)
          .join("\n")}`,
      );
      io.out(`\n${report.steps.join("\n")}\n\n${simulationTable(report)}`);
      if (report.risk) {
        io.out(`\nRisk before and after (${riskDiffMethod(report.risk)})`);
        for (const line of riskDiffSummary(report.risk)) io.out(`  ${line}`);
        io.out(`\n${riskDiffTable(report.risk)}`);
      }
      const out = proposalPath(proposal).replace(/\.md$/, "") + ".simulation.md";
      writeFileSync(out, simulationMarkdown(report));
      io.out(`\nWrote ${path.relative(process.cwd(), out) || out}`);
      return;
    }
    case "temp-check":
      return openTempCheck(ctx, proposal, resolved);
    case "temp-check-vote":
      return tempCheckVote(ctx, proposal, undefined);
    case "status":
      return printStatus(ctx, proposal, resolved);
    case "vote":
      return castVote(ctx, await proposalIdOf(reader, resolved.call));
    case "propose":
    case "queue":
    case "execute": {
      const signer = await signerFor(ctx, ["COVERDAO_PRIVATE_KEY"]);
      const governor = reader.connect(signer);
      if (command !== "propose") {
        const later = await notYet(reader, await proposalIdOf(reader, resolved.call), command);
        if (later) throw new Error(`${later}${timeHint(ctx)}`);
      }
      if (command === "propose") {
        const id = await propose(governor, resolved.call);
        io.out(`Proposed: id ${id}`);
      } else {
        const tx = await (command === "queue" ? queue : execute)(governor, resolved.call);
        await tx.wait();
        io.out(`${command === "queue" ? "Queued" : "Executed"}: ${tx.hash}`);
      }
      return;
    }
  }
}

/** On a local chain, how to get there sooner. */
const timeHint = (ctx: Context): string =>
  LOCAL_CHAINS.includes(ctx.chainId) ? " On the local chain, move time with `npm run time -- +1d`." : "";

/** The file on disk (`ProposalFile.file` is relative to the working directory for display). */
const proposalPath = (proposal: ProposalFile) => path.resolve(proposal.file);

async function castVote(ctx: Context, id: bigint): Promise<void> {
  const { io, provider } = ctx;
  const governor = FACTORIES.CoverGovernor.connect(ctx.chain.deployment.contracts.CoverGovernor, provider);
  if ((await governor.proposalSnapshot(id)) === 0n)
    throw new Error(`Proposal ${id} does not exist on this chain`);
  const later = await notYet(governor, id, "vote");
  if (later) throw new Error(`${later}${timeHint(ctx)}`);
  const state = await stateOf(governor, id);
  if (state !== "Active")
    throw new Error(`Proposal ${id} is ${state}: votes are accepted while it is Active`);
  const signer = await signerFor(ctx, ["COVERDAO_PRIVATE_KEY"]);
  const voter = await signer.getAddress();
  const support = ctx.options.support ?? "for";
  const reason = ctx.options.values.reason ?? "";
  const connected = governor.connect(signer);
  const tx = reason
    ? await connected.castVoteWithReason(id, VOTE_OF[support], reason)
    : await connected.castVote(id, VOTE_OF[support]);
  const receipt = await tx.wait();
  const [against, forVotes, abstain] = await governor.proposalVotes(id);
  io.out(
    `Voted ${support} on ${id} as ${voter}${reason ? ` ("${reason}")` : ""}: ${tx.hash} (${receipt?.gasUsed} gas)`,
  );
  io.out(
    `  tallies  for ${formatEther(forVotes)} · against ${formatEther(against)} · abstain ${formatEther(abstain)} COVER`,
  );
}

/** The hub: --hub, the file's linked check, SNAPSHOT_HUB_URL, the deployment's services.hubUrl, the dev hub. */
const hubOf = (ctx: Context, linked?: string) =>
  ctx.options.values.hub ??
  linked ??
  process.env.SNAPSHOT_HUB_URL ??
  ctx.chain.deployment.services?.hubUrl ??
  DEV_HUB_URL;
const spaceOf = (ctx: Context, linked?: string) =>
  ctx.options.values.space ??
  linked ??
  process.env.SNAPSHOT_SPACE ??
  ctx.chain.deployment.services?.snapshotSpace ??
  DEFAULT_SPACE;

async function snapshotClient(ctx: Context, hubUrl: string, now?: () => number): Promise<SnapshotClient> {
  const signer = await signerFor(ctx, ["SNAPSHOT_PRIVATE_KEY", "COVERDAO_PRIVATE_KEY"]);
  return new SnapshotClient({ signer, hubUrl, now: now ?? (await signingClock(ctx, hubUrl)) });
}

/**
 * Messages are dated by the hub's clock (`/api/health` `time`): the dev hub of `npm start` follows the
 * chain's clock, which runs ahead of the wall clock once time has been moved.
 */
async function signingClock(ctx: Context, hubUrl: string): Promise<() => number> {
  return ctx.io.now ?? (await hubClock(hubUrl));
}

/** The Snapshot body: the proposal's description, its actions decoded, and where the file lives. */
function tempCheckBody(ctx: Context, proposal: ProposalFile, resolved: ResolvedProposal): string {
  const actions = resolved.actions.map((a, i) => `${i + 1}. \`${describeAction(ctx.chain, a)}\``);
  return [
    proposal.body,
    "",
    "## On-chain actions",
    "",
    ...actions,
    "",
    `Proposal file: \`${proposal.file}\`. If this check passes, the same file is proposed to the Governor.`,
  ].join("\n");
}

async function openTempCheck(
  ctx: Context,
  proposal: ProposalFile,
  resolved: ResolvedProposal,
): Promise<void> {
  if (proposal.tempCheck) {
    throw new ProposalError([
      {
        file: proposal.file,
        field: "tempCheck",
        message: `already linked to the temperature check ${proposal.tempCheck.id}; remove \`tempCheck\` to open a new one`,
      },
    ]);
  }
  const settings = await buildSpaceSettings(ctx.chain.deployment, ctx.provider);
  assertValidSpaceSettings(settings);
  const hubUrl = hubOf(ctx);
  const space = spaceOf(ctx);
  // One reading of the hub's clock for the message's timestamp and the start it implies: the hub checks
  // that the start is the voting delay after the timestamp.
  const now = (await signingClock(ctx, hubUrl))();
  const client = await snapshotClient(ctx, hubUrl, () => now);
  const start = now + settings.voting.delay;
  const end = start + settings.voting.period;
  const { id } = await client.createTempCheck({
    space,
    title: proposal.title,
    body: tempCheckBody(ctx, proposal, resolved),
    snapshot: await ctx.provider.getBlockNumber(),
    voting: settings.voting,
    start,
    end,
  });
  linkTempCheck(proposalPath(proposal), {
    id,
    space,
    hub: hubUrl,
    start: new Date(start * 1000).toISOString(),
    end: new Date(end * 1000).toISOString(),
  });
  ctx.io.out(`Temperature check ${id} on ${hubUrl} (space ${space})`);
  ctx.io.out(`  voting ${date(start)} → ${date(end)}`);
  ctx.io.out(`  linked in ${proposal.file} (tempCheck)`);
}

async function tempCheckVote(ctx: Context, proposal: ProposalFile | undefined, id: string | undefined) {
  const link = proposal?.tempCheck;
  const snapshotId = id ?? link?.id;
  if (!snapshotId) {
    throw new Error(`${proposal?.file} has no temperature check yet: run temp-check first, or give its id`);
  }
  const hubUrl = hubOf(ctx, link?.hub);
  const client = await snapshotClient(ctx, hubUrl);
  const support = ctx.options.ballot ?? "for";
  const choiceNumber = BASIC_CHOICES.findIndex((c) => c.toLowerCase() === support) + 1;
  const { id: voteId } = await client.vote(
    spaceOf(ctx, link?.space),
    snapshotId,
    choiceNumber,
    ctx.options.values.reason ?? "",
  );
  ctx.io.out(
    `Voted ${BASIC_CHOICES[choiceNumber - 1]} on the temperature check ${snapshotId} (vote ${voteId})`,
  );
}

/**
 * "For 1900000 · Against 0 · Abstain 0 (quorum 400000: reached; Governor's count, For + Abstain: reached), closed,
 * 2 votes". The hub counts every vote towards quorum, as the public hub does; the Governor counts For + Abstain.
 */
export function describeResults(results: Results): string {
  const scores = results.choices.map((c, i) => `${c} ${results.scores[i]}`).join(" · ");
  const word = (reached: boolean) => (reached ? "reached" : "not reached");
  const quorum = `quorum ${results.quorum}: ${word(results.quorumReached)}; Governor's count, For + Abstain: ${word(results.governorQuorumReached)}`;
  return `${scores} (${quorum}), ${results.state}, ${results.votes} vote${results.votes === 1 ? "" : "s"}`;
}

/** The check's power against the Governor's for the check's voters (see packages/core/src/snapshot/power.ts). */
async function printPowerComparison(
  ctx: Context,
  hubUrl: string,
  checkId: string,
  governorTimepoint: bigint,
): Promise<void> {
  const { io } = ctx;
  const f = (v: bigint) => `${formatEther(v)} COVER`;
  try {
    const token = FACTORIES.GovernanceToken.connect(
      ctx.chain.deployment.contracts.GovernanceToken,
      ctx.provider,
    );
    const c = await compareHubVotingPower(hubUrl, checkId, token, ctx.provider, governorTimepoint);
    io.out(
      `Voting power: the temperature check counted it at block ${c.snapshotBlock} (${date(c.snapshotTime)}); the Governor counts it at ${date(governorTimepoint)} (creation + voting delay)`,
    );
    if (!c.known) {
      io.out(`  the Governor's power is fixed at ${date(governorTimepoint)}: compare after that time`);
    } else if (c.differences.length === 0) {
      io.out(
        `  the same for the check's ${c.voters} voter${c.voters === 1 ? "" : "s"} (${f(c.tempCheckTotalWei)})`,
      );
    } else {
      io.out(
        `  differs for ${c.differences.length} of the check's ${c.voters} voters: ${f(c.tempCheckTotalWei)} in the check, ${f(c.governorTotalWei)} on chain`,
      );
      for (const d of c.differences) io.out(`    ${d.voter}  ${f(d.tempCheckWei)} → ${f(d.governorWei)}`);
    }
  } catch (error) {
    io.out(`Voting power: comparison unavailable: ${(error as Error).message}`);
  }
}

async function printStatus(ctx: Context, proposal: ProposalFile, resolved: ResolvedProposal): Promise<void> {
  const { io } = ctx;
  const reader = FACTORIES.CoverGovernor.connect(ctx.chain.deployment.contracts.CoverGovernor, ctx.provider);
  if (proposal.tempCheck) {
    const link = proposal.tempCheck;
    const hubUrl = hubOf(ctx, link.hub);
    io.out(`Temperature check ${link.id} (${link.space} on ${hubUrl})`);
    try {
      const results = await hubGet<Results>(hubUrl, `/api/proposals/${link.id}/results`);
      io.out(`  result    ${describeResults(results)}`);
    } catch (error) {
      io.out(`  result    unavailable: ${(error as Error).message}`);
    }
  } else {
    io.out("Temperature check: none (npm run proposal -- temp-check <file>)");
  }
  const status = await statusOf(reader, resolved.call);
  if (!status) {
    io.out("On chain: not proposed on this chain.");
    return;
  }
  const f = (v: bigint) => `${formatEther(v)} COVER`;
  io.out(`On chain: proposal ${status.id}`);
  io.out(`  state     ${status.state}`);
  io.out(`  proposer  ${status.proposer}`);
  io.out(`  voting    ${date(status.snapshot)} → ${date(status.deadline)}`);
  io.out(`  for       ${f(status.votes.for)}`);
  io.out(`  against   ${f(status.votes.against)}`);
  io.out(`  abstain   ${f(status.votes.abstain)}`);
  io.out(
    `  quorum    ${status.quorum === undefined ? "set at the snapshot" : `${f(status.votes.for + status.votes.abstain)} of ${f(status.quorum)} (for + abstain)`}`,
  );
  io.out(`  ETA       ${status.eta === 0n ? "not queued" : date(status.eta)}`);
  if (proposal.tempCheck) {
    await printPowerComparison(
      ctx,
      hubOf(ctx, proposal.tempCheck.hub),
      proposal.tempCheck.id,
      status.snapshot,
    );
  }
  // The actions as the Governor holds them, decoded by the core as the UI shows them.
  const actions = await decodeActions(ctx.chain, resolved.call.actions);
  io.out("  actions");
  actions.forEach((action, i) => io.out(`    ${i + 1}. ${describeDecodedAction(action)}`));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runProposalCli(process.argv.slice(2));
}
