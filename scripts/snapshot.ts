/**
 * `npm run snapshot -- <command>`: temperature checks on Snapshot, signed with snapshot.js's Client712.
 *
 *   temp-check --title T --body-file F     create a basic (For/Against/Abstain) proposal; snapshot = latest block
 *   vote <id> <choice> [--reason R]        choice: 1|2|3 or For|Against|Abstain
 *   results <id>                           scores from the dev hub's JSON API
 *
 * Settings: --hub URL (SNAPSHOT_HUB_URL; default the dev hub http://127.0.0.1:3001, or
 * https://hub.snapshot.org), --space ID (SNAPSHOT_SPACE, default coverdao.eth), --rpc URL
 * (SNAPSHOT_RPC_URL, default http://127.0.0.1:8545). The signer is SNAPSHOT_PRIVATE_KEY, or else the
 * local node's unlocked account --account N (default 0).
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { JsonRpcProvider, type Signer, Wallet } from "ethers";

import { BASIC_CHOICES, DEV_HUB_URL, SnapshotClient, hubGet } from "./lib/snapshot/client.js";
import type { Results } from "./lib/snapshot/hub.js";
import { spaceSettingsFor } from "./lib/snapshot/space.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    title: { type: "string" },
    "body-file": { type: "string" },
    reason: { type: "string", default: "" },
    hub: { type: "string", default: process.env.SNAPSHOT_HUB_URL ?? DEV_HUB_URL },
    space: { type: "string", default: process.env.SNAPSHOT_SPACE ?? "coverdao.eth" },
    rpc: { type: "string", default: process.env.SNAPSHOT_RPC_URL ?? "http://127.0.0.1:8545" },
    account: { type: "string", default: "0" },
  },
});
const [command, ...args] = positionals;
const usage =
  "usage: npm run snapshot -- temp-check --title T --body-file F | vote <id> <choice> [--reason R] | results <id>";

async function signer(provider: JsonRpcProvider): Promise<Signer> {
  const key = process.env.SNAPSHOT_PRIVATE_KEY;
  return key ? new Wallet(key, provider) : provider.getSigner(Number(values.account));
}

try {
  const provider = new JsonRpcProvider(values.rpc);
  if (command === "temp-check") {
    if (!values.title || !values["body-file"]) throw new Error(usage);
    const settings = await spaceSettingsFor(provider);
    const client = new SnapshotClient({ signer: await signer(provider), hubUrl: values.hub });
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
    if (!id || !choiceText) throw new Error(usage);
    const named = BASIC_CHOICES.findIndex((c) => c.toLowerCase() === choiceText.toLowerCase());
    const choice = named >= 0 ? named + 1 : Number(choiceText);
    if (!Number.isInteger(choice) || choice < 1)
      throw new Error(`Unknown choice "${choiceText}": 1-3 or ${BASIC_CHOICES.join("/")}`);
    const client = new SnapshotClient({ signer: await signer(provider), hubUrl: values.hub });
    const { id: voteId } = await client.vote(values.space, id, choice, values.reason);
    console.log(`Voted ${choice} on ${id} (vote ${voteId})`);
  } else if (command === "results") {
    const [id] = args;
    if (!id) throw new Error(usage);
    const results = await hubGet<Results>(values.hub, `/api/proposals/${id}/results`);
    console.log(`${id} (${results.state}, ${results.votes} votes)`);
    results.choices.forEach((choice, i) => console.log(`  ${choice.padEnd(8)} ${results.scores[i]}`));
    console.log(`  quorum ${results.quorum}: ${results.quorumReached ? "reached" : "not reached"}`);
  } else {
    throw new Error(usage);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
