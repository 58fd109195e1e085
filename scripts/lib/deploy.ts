/**
 * Deploys the whole DAO with its Hardhat Ignition module and describes it as a {Deployment}.
 * Used by `npm start`, `npm run deploy`, the simulations and the tests.
 */
import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import type { NetworkConnection } from "hardhat/types/network";

import { buildCoverDAOModule } from "../../ignition/modules/CoverDAO.js";
import { connectDAO, type DAOContracts } from "./contracts.js";
import { type Deployment, parseDeployment, writeDeployment } from "./deployment.js";

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
}

export interface DeployedDAO {
  deployment: Deployment;
  contracts: DAOContracts;
}

export async function deployCoverDAO(
  connection: NetworkConnection,
  options: DeployOptions = {},
): Promise<DeployedDAO> {
  const { ethers, ignition } = connection;
  const provider = ethers.provider;
  const startBlock = await provider.getBlockNumber();
  const [deployer, guardian] = await ethers.getSigners();
  const governance = { guardian: (guardian ?? deployer).address, ...options.parameters?.Governance };
  const parameters: DeploymentParameters = { ...options.parameters, Governance: governance };
  const poolParameters = options.parameters?.Pool ?? {};
  const source = "weth" in poolParameters || "stablecoin" in poolParameters ? "parameters" : "local";
  const result = await ignition.deploy(buildCoverDAOModule(source), { parameters });
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
  if (options.write) writeDeployment(deployment, options.dir);
  return { deployment, contracts: connectDAO(deployment, deployer) };
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
