/**
 * `npm run proposal -- <command> <file> [options]`: proposals as code against a deployment.
 *
 *   validate  schema, contracts/functions/arguments against the ABIs, units, registry bounds, eth_call
 *   simulate  propose → vote → queue → execute on a snapshot, before/after table, `<file>.simulation.md`
 *   propose   submit it to the Governor             (signer needed)
 *   queue     queue it in the Timelock once passed  (signer needed)
 *   execute   execute it after the Timelock's ETA   (signer needed)
 *   status    state, tallies against quorum, ETA
 *
 * Options: --network NAME (an http network of hardhat.config.ts; default localhost) or --rpc URL;
 * --deployment FILE (default deployments/<chainId>.json); --account N (a dev account of a local node)
 * or the private key in COVERDAO_PRIVATE_KEY.
 *
 * Runs with tsx and connects with ethers, so arguments pass through npm as they are.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { JsonRpcProvider, type Signer, Wallet, formatEther } from "ethers";

import { FACTORIES } from "./lib/contracts.js";
import { type Deployment, parseDeployment, readDeployment } from "./lib/deployment.js";
import { explainError } from "./lib/errors.js";
import { execute, propose, queue, statusOf } from "./lib/governance.js";
import {
  ProposalError,
  type ResolvedProposal,
  describeAction,
  loadProposal,
  validateProposal,
} from "./lib/proposals.js";
import { simulateProposal, simulationMarkdown, simulationTable } from "./lib/simulate.js";

const COMMANDS = ["validate", "simulate", "propose", "queue", "execute", "status"] as const;
type Command = (typeof COMMANDS)[number];
const LOCAL_CHAINS = [31337n, 1337n];

const USAGE = `Usage: npm run proposal -- <${COMMANDS.join("|")}> <proposals/file.md> [--network NAME | --rpc URL] [--deployment FILE] [--account N]`;

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

async function signerFor(provider: JsonRpcProvider, chainId: bigint, account?: string): Promise<Signer> {
  const key = process.env.COVERDAO_PRIVATE_KEY;
  if (key) return new Wallet(key, provider);
  if (account !== undefined) {
    if (!LOCAL_CHAINS.includes(chainId))
      throw new Error("--account works on a local node only; set COVERDAO_PRIVATE_KEY");
    return provider.getSigner(Number(account));
  }
  throw new Error("No signer: set COVERDAO_PRIVATE_KEY, or on a local node pass --account N");
}

const date = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      network: { type: "string" },
      rpc: { type: "string" },
      deployment: { type: "string" },
      account: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command || !file || !(COMMANDS as readonly string[]).includes(command)) {
    throw new Error(USAGE);
  }
  const proposal = loadProposal(path.resolve(file));
  const url = values.rpc ?? (await rpcUrlOf(values.network ?? "localhost"));
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true });
  const { chainId } = await provider.getNetwork().catch((error: unknown) => {
    throw new Error(`Cannot reach ${url}: ${(error as Error).message}`);
  });
  const deployment: Deployment = values.deployment
    ? parseDeployment(JSON.parse(readFileSync(values.deployment, "utf8")), values.deployment)
    : readDeployment(chainId);
  const chain = { deployment, provider };

  const resolved = await validateProposal(proposal, chain);
  console.log(`${proposal.file}: ${resolved.title}`);
  for (const action of resolved.actions)
    console.log(`  ${action.index + 1}. ${describeAction(chain, action)}`);
  for (const note of resolved.notes) console.log(`  note: ${note}`);

  await run(command as Command, resolved, { chain, provider, chainId, account: values.account });
}

async function run(
  command: Command,
  resolved: ResolvedProposal,
  ctx: {
    chain: { deployment: Deployment; provider: JsonRpcProvider };
    provider: JsonRpcProvider;
    chainId: bigint;
    account?: string;
  },
): Promise<void> {
  const { chain, provider } = ctx;
  const reader = FACTORIES.CoverGovernor.connect(chain.deployment.contracts.CoverGovernor, provider);
  switch (command) {
    case "validate":
      console.log("Valid: every action converts, fits its bounds and would not revert.");
      return;
    case "simulate": {
      const report = await simulateProposal(resolved, chain);
      console.log(`\n${report.steps.join("\n")}\n\n${simulationTable(report)}`);
      const out = resolved.file.replace(/\.md$/, "") + ".simulation.md";
      writeFileSync(out, simulationMarkdown(report));
      console.log(`\nWrote ${out}`);
      return;
    }
    case "status": {
      const status = await statusOf(reader, resolved.call);
      if (!status) {
        console.log("Not proposed on this chain.");
        return;
      }
      const f = (v: bigint) => `${formatEther(v)} COVER`;
      console.log(`Proposal ${status.id}`);
      console.log(`  state     ${status.state}`);
      console.log(`  proposer  ${status.proposer}`);
      console.log(`  voting    ${date(status.snapshot)} → ${date(status.deadline)}`);
      console.log(`  for       ${f(status.votes.for)}`);
      console.log(`  against   ${f(status.votes.against)}`);
      console.log(`  abstain   ${f(status.votes.abstain)}`);
      console.log(
        `  quorum    ${status.quorum === undefined ? "set at the snapshot" : `${f(status.votes.for + status.votes.abstain)} of ${f(status.quorum)} (for + abstain)`}`,
      );
      console.log(`  ETA       ${status.eta === 0n ? "not queued" : date(status.eta)}`);
      return;
    }
    case "propose":
    case "queue":
    case "execute": {
      const signer = await signerFor(provider, ctx.chainId, ctx.account);
      const governor = reader.connect(signer);
      if (command === "propose") {
        const id = await propose(governor, resolved.call);
        console.log(`Proposed: id ${id}`);
      } else {
        const tx = await (command === "queue" ? queue : execute)(governor, resolved.call);
        await tx.wait();
        console.log(`${command === "queue" ? "Queued" : "Executed"}: ${tx.hash}`);
      }
      return;
    }
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ProposalError) console.error(error.message);
  else console.error(`Error: ${explainError(error)}`);
  process.exitCode = 1;
}
