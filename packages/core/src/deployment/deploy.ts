/**
 * Deploys the whole DAO with its Hardhat Ignition module and describes it as a {Deployment}.
 * Used by `npm start`, `npm run deploy`, the simulations and the tests.
 */
import { existsSync } from "node:fs";

import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import type { NetworkConnection } from "hardhat/types/network";

import { buildCoverDAOModule } from "../../../../ignition/modules/CoverDAO.js";
import { type DAOContracts, type LocalDAOContracts, asLocalDAO, connectDAO } from "../rpc/contracts.js";
import { type Deployment, deploymentPath, parseDeployment, readDeployment, writeDeployment } from "./file.js";

export interface DeployOptions {
  /**
   * Ignition parameters by module id, e.g. `{ Governance: { guardian } }`. When `Pool.weth` or
   * `Pool.stablecoin` is given the pools use real tokens (and `Pool.depegFeed`); otherwise local tokens are
   * deployed.
   */
  parameters?: DeploymentParameters;
  /** Write `deployments/<chainId>.json` (default: no). */
  write?: boolean;
  /** Directory for the deployment file (default: the repo's `deployments/`). */
  dir?: string;
  /** Ignition's deployment id, the journal's folder under `ignition/deployments/` (default `chain-<id>`). */
  deploymentId?: string;
  /**
   * The services to record for this chain (the JSON-RPC URL deployed to). Services of the file on disk
   * are kept only when they were recorded for this same chain (the same `rpcUrl`).
   */
  services?: Deployment["services"];
}

/**
 * A deployed DAO: its description and its contracts connected to the deployer; by default a local one (the
 * tests', the seed's and the simulations'), whose assets and feed are the local test contracts.
 */
export interface DeployedDAO<Contracts extends DAOContracts = LocalDAOContracts> {
  deployment: Deployment;
  contracts: Contracts;
}

/** {DeployOptions} of a local deployment: no real token given, so the local test contracts are deployed. */
export type LocalDeployOptions = Omit<DeployOptions, "parameters"> & {
  parameters?: DeploymentParameters & { Pool?: { weth?: never; stablecoin?: never } };
};

/**
 * Deploys the DAO. Without real tokens its assets and feed are the local test contracts, connected as such
 * ({LocalDAOContracts}: faucet `deposit`/`mint`, settable feed); with them, by their interfaces.
 */
export async function deployCoverDAO(
  connection: NetworkConnection,
  options?: LocalDeployOptions,
): Promise<DeployedDAO>;
export async function deployCoverDAO(
  connection: NetworkConnection,
  options?: DeployOptions,
): Promise<DeployedDAO<DAOContracts>>;
export async function deployCoverDAO(
  connection: NetworkConnection,
  options: DeployOptions = {},
): Promise<DeployedDAO | DeployedDAO<DAOContracts>> {
  const { ethers, ignition } = connection;
  const provider = ethers.provider;
  const startBlock = await provider.getBlockNumber();
  const [deployer, guardian] = await ethers.getSigners();
  const governance = { guardian: (guardian ?? deployer).address, ...options.parameters?.Governance };
  const parameters: DeploymentParameters = { ...options.parameters, Governance: governance };
  const poolParameters = options.parameters?.Pool ?? {};
  const source = "weth" in poolParameters || "stablecoin" in poolParameters ? "parameters" : "local";
  const result = await ignition.deploy(buildCoverDAOModule(source), {
    parameters,
    ...(options.deploymentId ? { deploymentId: options.deploymentId } : {}),
  });
  const contracts: Record<string, string> = {};
  for (const [key, contract] of Object.entries(result)) {
    contracts[contractNameOf(key)] = await contract.getAddress();
  }
  const chainId = Number((await provider.getNetwork()).chainId);
  const deployment = parseDeployment({
    chainId,
    network: connection.networkName,
    startBlock: startBlock + 1,
    contracts,
    accounts: { guardian: governance.guardian },
  });
  if (options.write) {
    const missing = await addressesWithoutCode(provider, deployment.contracts);
    if (missing.length > 0)
      throw new Error(
        `The deployment answered, but chain ${chainId} has no code at ${missing.join(", ")}; ` +
          `${deploymentPath(chainId, options.dir)} was not written.`,
      );
    writeDeployment(withKnownServices(deployment, options.dir, options.services), options.dir);
  }
  const dao = connectDAO(deployment, deployer);
  return { deployment, contracts: source === "local" ? asLocalDAO(dao) : dao };
}

/** The entries of `addresses` ("Name (0x…)") at which the chain holds no code. */
export async function addressesWithoutCode(
  provider: { getCode(address: string): Promise<string> },
  addresses: Record<string, string>,
): Promise<string[]> {
  const codes = await Promise.all(Object.values(addresses).map((address) => provider.getCode(address)));
  return Object.entries(addresses)
    .filter((_, i) => codes[i] === "0x")
    .map(([name, address]) => `${name} (${address})`);
}

/**
 * What of the file on disk still applies to the new deployment: account names (the dev accounts are the
 * same on every local chain; the new guardian wins), and the services (hub, UI) only when they were
 * recorded for the chain deployed to (the same `rpcUrl`; without one, the same contracts).
 */
function withKnownServices(
  deployment: Deployment,
  dir?: string,
  services?: Deployment["services"],
): Deployment {
  let known: Deployment | undefined;
  try {
    known = existsSync(deploymentPath(deployment.chainId, dir))
      ? readDeployment(deployment.chainId, dir)
      : undefined;
  } catch {
    known = undefined;
  }
  const accounts = { ...known?.accounts, ...deployment.accounts };
  // Local nodes deploy the same contracts at the same addresses, so equal addresses prove the same chain
  // only where no local URL says otherwise (a real network's file, resumed).
  const sameContracts = known && JSON.stringify(known.contracts) === JSON.stringify(deployment.contracts);
  const sameChain =
    services?.rpcUrl !== undefined ? known?.services?.rpcUrl === services.rpcUrl : Boolean(sameContracts);
  const kept = sameChain ? { ...known?.services, ...services } : services;
  return { ...deployment, accounts, ...(kept && Object.keys(kept).length > 0 ? { services: kept } : {}) };
}

/** Ignition result keys are camelCase names; deployment files use contract names. */
const RESULT_KEYS: Record<string, string> = {
  token: "GovernanceToken",
  staking: "StakingVault",
  timelock: "CoverTimelock",
  governor: "CoverGovernor",
  manager: "DAOAccessManager",
  weth: "WETH",
  stablecoin: "Stablecoin",
  depegFeed: "DepegFeed",
  wethPool: "WethPool",
  stablecoinPool: "StablecoinPool",
  coverBook: "CoverBook",
  claims: "CoverClaims",
  multicall: "Multicall",
};

function contractNameOf(key: string): string {
  return RESULT_KEYS[key] ?? key;
}
