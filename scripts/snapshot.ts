/**
 * `npm run snapshot -- <command>`: temperature checks on Snapshot, signed with snapshot.js's Client712.
 *
 *   temp-check --title T --body-file F     create a basic (For/Against/Abstain) proposal; snapshot = latest block
 *   vote <id> <choice> [--reason R]        choice: 1|2|3 or For|Against|Abstain
 *   results <id>                           scores from the dev hub's JSON API
 *
 * Settings: --hub URL (SNAPSHOT_HUB_URL; default the services.hubUrl that `npm start` recorded in
 * deployments/31337.json, else the dev hub http://127.0.0.1:3001; or https://hub.snapshot.org), --space ID
 * (SNAPSHOT_SPACE, default the recorded space, else coverdao.eth), --rpc URL (SNAPSHOT_RPC_URL, default the
 * recorded services.rpcUrl, else http://127.0.0.1:8545). The signer is SNAPSHOT_PRIVATE_KEY, or else the
 * local node's unlocked account --account NAME|N|0xADDRESS (default 0). Messages are dated by the hub's
 * clock (`/api/health`).
 */
import { existsSync, readFileSync } from "node:fs";

import { JsonRpcProvider, type Signer, Wallet, isAddress } from "ethers";

import {
  type Deployment,
  LOCAL_CHAIN_ID,
  UsageError,
  accountByName,
  commandLine,
  defaultRpcUrl,
  deploymentPath,
  exitWithUsage,
  explainError,
  readDeployment,
} from "@coverdao/core/node";
import {
  BASIC_CHOICES,
  DEV_HUB_URL,
  QUORUM_RULES,
  SnapshotClient,
  hubClock,
  hubGet,
} from "@coverdao/core/snapshot";
import { type Results, spaceSettingsFor } from "@coverdao/core/snapshot/node";

const local = readLocalDeployment();
const USAGE = `Usage: npm run snapshot -- <command> [--hub URL] [--space ID] [--rpc URL] [--account NAME|N|0xADDRESS]
  temp-check --title T --body-file F    open a For/Against/Abstain check; snapshot = the latest block
  vote <id> <choice> [--reason R]       choice: 1|2|3 or For|Against|Abstain
  results <id>                          scores from the dev hub's JSON API
Defaults: the hub, space and chain that npm start recorded in deployments/31337.json (services),
else http://127.0.0.1:3001, coverdao.eth and http://127.0.0.1:8545. Signer: SNAPSHOT_PRIVATE_KEY,
else the local node's account --account (a name such as alice, an index, or an address; default 0).`;
const COMMAND = "npm run snapshot";
const { values, positionals } = commandLine(
  {
    title: { type: "string" },
    "body-file": { type: "string" },
    reason: { type: "string", default: "" },
    hub: { type: "string", default: process.env.SNAPSHOT_HUB_URL ?? local?.services?.hubUrl ?? DEV_HUB_URL },
    space: {
      type: "string",
      default: process.env.SNAPSHOT_SPACE ?? local?.services?.snapshotSpace ?? "coverdao.eth",
    },
    rpc: { type: "string", default: process.env.SNAPSHOT_RPC_URL ?? defaultRpcUrl() },
    account: { type: "string", default: "0" },
  },
  USAGE,
  COMMAND,
  { allowPositionals: true },
);
const [command, ...args] = positionals;
function usageError(sentence: string): never {
  return exitWithUsage(new UsageError(sentence), USAGE, COMMAND);
}

/** The local deployment file, if `npm start` (or a deploy) wrote one; unreadable counts as none here. */
function readLocalDeployment(): Deployment | undefined {
  try {
    return existsSync(deploymentPath(LOCAL_CHAIN_ID)) ? readDeployment(LOCAL_CHAIN_ID) : undefined;
  } catch {
    return undefined;
  }
}

async function signer(provider: JsonRpcProvider): Promise<Signer> {
  const key = process.env.SNAPSHOT_PRIVATE_KEY;
  if (key) return new Wallet(key, provider);
  const account = values.account;
  if (/^\d+$/.test(account)) return provider.getSigner(Number(account));
  if (isAddress(account)) return provider.getSigner(account);
  const named = local ? accountByName(local, account) : undefined;
  if (!named) throw new Error(`No account named "${account}" in ${deploymentPath(LOCAL_CHAIN_ID)}`);
  return provider.getSigner(named);
}

try {
  const provider = new JsonRpcProvider(values.rpc);
  if (command === "temp-check") {
    if (!values.title || !values["body-file"]) usageError("temp-check needs --title and --body-file");
    const settings = await spaceSettingsFor(provider);
    const client = new SnapshotClient({
      signer: await signer(provider),
      hubUrl: values.hub,
      now: await hubClock(values.hub),
    });
    const { id } = await client.createTempCheck({
      space: values.space,
      title: values.title,
      body: readFileSync(values["body-file"], "utf8"),
      snapshot: await provider.getBlockNumber(),
      voting: settings.voting,
    });
    console.log(id);
  } else if (command === "vote") {
    const [id, choiceText] = args;
    if (!id || !choiceText) usageError("vote needs a temperature check's id and a choice");
    const named = BASIC_CHOICES.findIndex((c) => c.toLowerCase() === choiceText.toLowerCase());
    const choice = named >= 0 ? named + 1 : Number(choiceText);
    if (!Number.isInteger(choice) || choice < 1 || choice > BASIC_CHOICES.length)
      usageError(`Unknown choice "${choiceText}": 1-3 or ${BASIC_CHOICES.join("/")}`);
    const client = new SnapshotClient({
      signer: await signer(provider),
      hubUrl: values.hub,
      now: await hubClock(values.hub),
    });
    const { id: voteId } = await client.vote(values.space, id, choice, values.reason);
    console.log(`Voted ${choice} on ${id} (vote ${voteId})`);
  } else if (command === "results") {
    const [id] = args;
    if (!id) usageError("results needs a temperature check's id");
    const results = await hubGet<Results>(values.hub, `/api/proposals/${id}/results`);
    console.log(`${id} (${results.state}, ${results.votes} votes)`);
    results.choices.forEach((choice, i) => console.log(`  ${choice.padEnd(8)} ${results.scores[i]}`));
    const word = (reached: boolean) => (reached ? "reached" : "not reached");
    console.log(`  quorum ${results.quorum}: ${word(results.quorumReached)} (${QUORUM_RULES.snapshot})`);
    console.log(
      `  on chain the Governor counts ${QUORUM_RULES.governor}: ${word(results.governorQuorumReached)}`,
    );
    if (results.passing !== results.governorPassing) {
      console.log(
        `  the same votes ${results.passing ? "pass" : "fail"} here but would ${results.governorPassing ? "pass" : "fail"} on chain`,
      );
    }
  } else {
    usageError(command ? `Unknown command "${command}": temp-check, vote or results` : "Name a command");
  }
} catch (error) {
  console.error(explainError(error));
  process.exitCode = 1;
}
