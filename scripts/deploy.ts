/**
 * `npm run deploy -- --network <name>`: deploys the whole DAO with its Ignition module to the network
 * and writes `deployments/<chainId>.json`, which the CLI, the scripts and the UI read.
 *
 * The network's config is `deploy/networks/<name>.json` (or the file in `COVERDAO_DEPLOY_CONFIG`),
 * validated by scripts/lib/deploy-config.ts and checked against the chain (contracts at the addresses,
 * decimals, a live feed) before anything is sent. With assets and a price feed it deploys the live
 * module (real tokens, Chainlink feed); without a config, or with one that names no assets, a local chain
 * gets local test tokens. The guardian comes from `COVERDAO_GUARDIAN` or the config (required off local
 * chains). Keys come from Hardhat's keystore or the environment (`SEPOLIA_PRIVATE_KEY`), never from a file.
 */
import { network } from "hardhat";
import { isAddress } from "ethers";

import { deployCoverDAO } from "./lib/deploy.js";
import {
  type DeployConfig,
  checkDeployConfigOnChain,
  deployConfigPath,
  ignitionParametersOf,
  readDeployConfig,
} from "./lib/deploy-config.js";
import { deploymentPath } from "./lib/deployment.js";
import { explainError } from "./lib/errors.js";
import { LOCAL_CHAIN_IDS } from "./lib/snapshot/space.js";

const connection = await network.getOrCreate();
try {
  const provider = connection.ethers.provider;
  const chainId = Number((await provider.getNetwork()).chainId);
  const local = connection.networkConfig.type === "edr-simulated" || LOCAL_CHAIN_IDS.includes(chainId);
  const file = process.env.COVERDAO_DEPLOY_CONFIG ?? deployConfigPath(connection.networkName);
  const config: DeployConfig | undefined = readDeployConfig(file);
  if (!config && !local) {
    throw new Error(
      `No deploy config for network "${connection.networkName}" (chain ${chainId}): write ${file} ` +
        "with the WETH and stablecoin addresses and the depeg price feed (see deploy/networks/sepolia.json).",
    );
  }
  if (config) {
    if (config.chainId !== chainId) {
      throw new Error(
        `${file}: chainId is ${config.chainId}, but network "${connection.networkName}" is chain ${chainId}`,
      );
    }
    const problems = await checkDeployConfigOnChain(config, provider);
    if (problems.length > 0) throw new Error(`${file} does not match the chain:\n  ${problems.join("\n  ")}`);
  }

  const guardian = process.env.COVERDAO_GUARDIAN;
  if (guardian !== undefined && !isAddress(guardian)) {
    throw new Error(`COVERDAO_GUARDIAN is not an address: "${guardian}"`);
  }
  if (!guardian && !config?.guardian && !local) {
    throw new Error(
      `Set COVERDAO_GUARDIAN (or "guardian" in ${file}) to the guardian's address, a multisig, before deploying to a real network.`,
    );
  }
  const parameters = config
    ? ignitionParametersOf(config, guardian)
    : guardian
      ? { Governance: { guardian } }
      : {};
  console.log(
    `Deploying CoverDAO to ${connection.networkName} (chain ${chainId}) with ` +
      (config?.assets
        ? `${config.assets.stablecoin.symbol}, WETH and the feed ${config.depegFeed?.address}`
        : "local test tokens") +
      (config ? ` (config ${file})` : ""),
  );
  const { deployment } = await deployCoverDAO(connection, { parameters, write: true });
  console.log(`Deployed CoverDAO to ${deployment.network} (chain ${deployment.chainId}):`);
  for (const [name, address] of Object.entries(deployment.contracts))
    console.log(`  ${name.padEnd(18)} ${address}`);
  console.log(`Wrote ${deploymentPath(deployment.chainId)}`);
} catch (error) {
  console.error(`npm run deploy failed: ${explainError(error)}`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
