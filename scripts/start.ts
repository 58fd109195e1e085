/**
 * `npm start`: the local DAO in one command.
 *
 * Starts a JSON-RPC chain on 127.0.0.1:8545 (Hardhat's EDR, chain id 31337), deploys the whole system
 * with its Ignition module, writes deployments/31337.json, seeds a demo DAO, prints the URLs and the dev
 * accounts, and runs until Ctrl-C. `npm start -- --check` does the same, checks that everything answers,
 * and exits 0 (CI runs it).
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { JsonRpcProvider } from "ethers";
import { network } from "hardhat";

import { connectDAO } from "./lib/contracts.js";
import { deployCoverDAO } from "./lib/deploy.js";
import { REPO_ROOT, deploymentPath, readDeployment } from "./lib/deployment.js";
import { explainError } from "./lib/errors.js";
import { PROPOSAL_STATES } from "./lib/governance.js";
import { formatCover, seedDemoDAO } from "./lib/seed.js";

const { values: options } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    port: { type: "string", default: "8545" },
    host: { type: "string", default: "127.0.0.1" },
  },
});
const port = Number(options.port);
if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
  console.error(`--port must be a TCP port number; got "${options.port}"`);
  process.exit(2);
}
const rpcUrl = `http://${options.host}:${port}`;
const say = (line: string) => console.log(line);

const server = await network.createServer("default", options.host, port);
try {
  await server.listen();
} catch (error) {
  console.error(`Cannot listen on ${rpcUrl}: ${(error as Error).message}. Is another chain running there?`);
  process.exit(1);
}
say(`Local chain listening on ${rpcUrl} (chain id 31337)`);

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await server.close().catch(() => {});
  }
  process.exit(code);
}
process.on("SIGINT", () => {
  say("\nStopping the local DAO…");
  void stop(0);
});
process.on("SIGTERM", () => void stop(0));

try {
  // The chain is new on every start: forget Ignition's journal of the previous one.
  rmSync(path.join(REPO_ROOT, "ignition", "deployments", "chain-31337"), { recursive: true, force: true });
  const connection = await network.create({ network: "localhost", override: { url: rpcUrl } });
  say("Deploying with Hardhat Ignition…");
  const { deployment, contracts } = await deployCoverDAO(connection, { write: true });
  say("Seeding the demo DAO…");
  const seeded = await seedDemoDAO(connection, contracts, (line) => say(`  ${line}`));

  say("\nCoverDAO is running.");
  say(`  JSON-RPC          ${rpcUrl}  (chain id ${deployment.chainId})`);
  say(`  Deployment        ${deploymentPath(deployment.chainId)}`);
  for (const [name, address] of Object.entries(deployment.contracts)) say(`  ${name.padEnd(18)}${address}`);
  say("\nDev accounts (Hardhat's public test mnemonic: never use these keys on a real network):");
  for (const account of seeded.accounts) {
    const votes = await contracts.GovernanceToken.getVotes(account.address);
    say(
      `  ${account.name.padEnd(9)}${account.address}  ${formatCover(votes).padStart(12)} votes  ${account.role}`,
    );
  }
  say("\nProposals:");
  for (const p of seeded.proposals) say(`  [${p.state}] ${p.title}`);

  if (options.check) {
    // Check through a plain JSON-RPC client and the deployment file, as the UI and CLI will.
    const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
    const chainId = Number((await provider.getNetwork()).chainId);
    const dao = connectDAO(readDeployment(chainId), provider);
    const states = await Promise.all(seeded.proposals.map((p) => dao.CoverGovernor.state(p.id)));
    const seen = states.map((s) => PROPOSAL_STATES[Number(s)]).join(", ");
    if (!["Executed", "Queued", "Active"].every((s) => seen.includes(s))) {
      throw new Error(`expected executed, queued and active proposals; the chain has: ${seen}`);
    }
    say(`\ncheck: chain ${chainId} answers at ${rpcUrl}; deployment file read; proposals ${seen}`);
    provider.destroy();
    await connection.close();
    await stop(0);
  }
  say("\nPress Ctrl-C to stop.");
} catch (error) {
  console.error(`\nnpm start failed: ${explainError(error)}`);
  await stop(1);
}
