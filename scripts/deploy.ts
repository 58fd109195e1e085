/**
 * `npm run deploy -- --rpc URL | --network NAME`: deploys the whole DAO with its Ignition module to any EVM
 * chain and writes `deployments/<chainId>.json`, which the CLI, the scripts and the UI read.
 *
 * `--rpc URL` names the chain by its JSON-RPC endpoint: the key is `COVERDAO_PRIVATE_KEY`, else (a local
 * node) its unlocked accounts. `--network NAME` takes a network of hardhat.config.ts with its keystore or
 * environment secrets (`SEPOLIA_RPC_URL`, `SEPOLIA_PRIVATE_KEY`); the default is `localhost`.
 *
 * The network's config is `deploy/networks/<name>.json` (or the file in `COVERDAO_DEPLOY_CONFIG`),
 * validated by packages/core/src/deployment/config.ts and checked against the chain (contracts at the addresses,
 * decimals, a live feed) before anything is sent. With assets and a price feed it deploys the live
 * module (real tokens, Chainlink feed); without a config, or with one that names no assets, a local chain
 * gets local test tokens. The guardian comes from `COVERDAO_GUARDIAN` or the config (required off local
 * chains).
 *
 * Ignition's journal is kept per chain: `ignition/deployments/chain-<id>-<genesis block hash>`, so two
 * chains with the same id (two local nodes) never share one; a journal whose contracts have no code on the
 * chain is refused in words. Code is checked at every address before the deployment file is written; the
 * file keeps the account names and the services that still apply.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { isAddress } from "ethers";
import hre, { network } from "hardhat";

import { REPO_ROOT, UsageError, commandLine, deploymentPath, exitWithUsage } from "@coverdao/core/cli";

const USAGE = `Usage: npm run deploy -- [--rpc URL | --network NAME]
  Deploys the DAO and writes deployments/<chainId>.json (the file every command and the UI read).
  --rpc URL        the chain's JSON-RPC endpoint; signs with COVERDAO_PRIVATE_KEY, else the node's accounts
  --network NAME   a network of hardhat.config.ts (default localhost), e.g. sepolia with its secrets
Config: deploy/networks/<network>.json or COVERDAO_DEPLOY_CONFIG (assets, feed; required off local
chains); guardian: COVERDAO_GUARDIAN or the config. Details: docs/deploying.md.`;
const COMMAND = "npm run deploy";
const { values } = commandLine({ rpc: { type: "string" }, network: { type: "string" } }, USAGE, COMMAND);
if (values.rpc !== undefined && values.network !== undefined)
  exitWithUsage(new UsageError("Give --rpc or --network, not both"), USAGE, COMMAND);
if (values.rpc !== undefined && !/^https?:\/\/.+/.test(values.rpc))
  exitWithUsage(new UsageError(`--rpc must be an http(s) URL; got "${values.rpc}"`), USAGE, COMMAND);

// A fresh clone has neither artifacts nor TypeChain types: build first (a no-op when up to date), then load
// the modules that import the generated contract factories.
await hre.tasks.getTask("build").run({ quiet: true });
const { addressesWithoutCode, deployCoverDAO } = await import("@coverdao/core/deploy");
const { checkDeployConfigOnChain, deployConfigPath, ignitionParametersOf, readDeployConfig } =
  await import("@coverdao/core/deploy");
type DeployConfig = import("@coverdao/core/deploy").DeployConfig;
const { LOCAL_CHAIN_IDS } = await import("@coverdao/core/snapshot/node");
const { explainError } = await import("@coverdao/core");

const key = process.env.COVERDAO_PRIVATE_KEY;
const connection = values.rpc
  ? await network.create({
      network: "localhost",
      override: { url: values.rpc, ...(key ? { accounts: [key] } : {}) },
    })
  : await network.create({ network: values.network ?? "localhost" }).catch((error: unknown) => {
      console.error(`npm run deploy failed: ${explainError(error)}`);
      process.exit(1);
    });
const networkName = values.network ?? (values.rpc ? "rpc" : "localhost");
const where = values.rpc ?? networkName;
try {
  const provider = connection.ethers.provider;
  const chainId = Number(
    (
      await provider.getNetwork().catch((error: unknown) => {
        throw new Error(`Cannot reach the chain at ${where}: ${(error as Error).message}`);
      })
    ).chainId,
  );
  const local = connection.networkConfig.type === "edr-simulated" || LOCAL_CHAIN_IDS.includes(chainId);
  const file = process.env.COVERDAO_DEPLOY_CONFIG ?? deployConfigPath(networkName);
  const config: DeployConfig | undefined = readDeployConfig(file);
  if (!config && !local) {
    throw new Error(
      `No deploy config for network "${networkName}" (chain ${chainId}): write ${file} ` +
        "with the WETH and stablecoin addresses and the depeg price feed (see deploy/networks/sepolia.json).",
    );
  }
  if (config) {
    if (config.chainId !== chainId) {
      throw new Error(
        `${file}: chainId is ${config.chainId}, but network "${networkName}" is chain ${chainId}`,
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
    `Deploying CoverDAO to ${networkName} (chain ${chainId}) with ` +
      (config?.assets
        ? `${config.assets.stablecoin.symbol}, WETH and the feed ${config.depegFeed?.address}`
        : "local test tokens") +
      (config ? ` (config ${file})` : ""),
  );
  // One journal per chain: the same chain id on another node (another genesis block) gets its own.
  const genesis = await provider.getBlock(0);
  if (!genesis?.hash) throw new Error(`The chain at ${where} has no genesis block`);
  const deploymentId = `chain-${chainId}-${genesis.hash.slice(2, 14)}`;
  await checkJournal(deploymentId, provider);
  const { deployment } = await deployCoverDAO(connection, {
    parameters,
    write: true,
    deploymentId,
    // A local URL is worth recording for the CLI; a remote one may carry an API key, so it is not written.
    services:
      values.rpc && /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(values.rpc)
        ? { rpcUrl: values.rpc }
        : undefined,
  });
  console.log(`Deployed CoverDAO to ${where} (chain ${deployment.chainId}):`);
  for (const [name, address] of Object.entries(deployment.contracts))
    console.log(`  ${name.padEnd(18)} ${address}`);
  console.log(`Code checked at every address. Wrote ${deploymentPath(deployment.chainId)}`);
} catch (error) {
  console.error(`npm run deploy failed: ${explainError(error)}`);
  process.exitCode = 1;
} finally {
  await connection.close();
}

/**
 * An earlier journal of this deployment id is resumed by Ignition: refuse it unless the chain holds code at
 * every address it recorded (a node restarted from the same genesis forgets its contracts).
 */
async function checkJournal(deploymentId: string, provider: { getCode(a: string): Promise<string> }) {
  const file = path.join(REPO_ROOT, "ignition", "deployments", deploymentId, "deployed_addresses.json");
  if (!existsSync(file)) return;
  const recorded = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const missing = await addressesWithoutCode(provider, recorded);
  if (missing.length > 0)
    throw new Error(
      `Ignition's journal ${path.relative(REPO_ROOT, path.dirname(file))} records contracts that this chain does not ` +
        `hold (no code at ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""}): it belongs to an ` +
        "earlier chain with the same genesis. Remove that folder to deploy afresh; nothing was sent.",
    );
}
