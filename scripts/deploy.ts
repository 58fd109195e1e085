/**
 * `npm run deploy -- --network <name>`: deploys the whole DAO with its Ignition module to the network
 * and writes `deployments/<chainId>.json`, which the CLI, the scripts and the UI read.
 *
 * The guardian comes from `COVERDAO_GUARDIAN` (required off local chains); other Ignition parameters
 * may be given as a JSON file in `COVERDAO_PARAMETERS` ({ "Governance": { "votingPeriod": 432000 } }).
 */
import { readFileSync } from "node:fs";

import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import { isAddress } from "ethers";
import { network } from "hardhat";

import { deployCoverDAO } from "./lib/deploy.js";
import { deploymentPath } from "./lib/deployment.js";

const connection = await network.getOrCreate();
try {
  const parameters: DeploymentParameters = process.env.COVERDAO_PARAMETERS
    ? (JSON.parse(readFileSync(process.env.COVERDAO_PARAMETERS, "utf8")) as DeploymentParameters)
    : {};
  const guardian = process.env.COVERDAO_GUARDIAN;
  const local = connection.networkConfig.type === "edr-simulated" || connection.networkName === "localhost";
  if (guardian !== undefined && !isAddress(guardian)) {
    throw new Error(`COVERDAO_GUARDIAN is not an address: "${guardian}"`);
  }
  if (!guardian && !local && !parameters.Governance?.guardian) {
    throw new Error(
      "Set COVERDAO_GUARDIAN to the guardian's address (a multisig) before deploying to a real network.",
    );
  }
  if (guardian) parameters.Governance = { ...parameters.Governance, guardian };
  const { deployment } = await deployCoverDAO(connection, { parameters, write: true });
  console.log(`Deployed CoverDAO to ${deployment.network} (chain ${deployment.chainId}):`);
  for (const [name, address] of Object.entries(deployment.contracts))
    console.log(`  ${name.padEnd(18)} ${address}`);
  console.log(`Wrote ${deploymentPath(deployment.chainId)}`);
} finally {
  await connection.close();
}
