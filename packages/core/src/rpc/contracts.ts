/**
 * Typed contract handles for a deployment. ABIs come from the TypeChain factories that Hardhat
 * generates from the compiled artifacts, addresses from the deployment file: nothing is copied by hand.
 */
import type { ContractRunner, Interface } from "ethers";

import {
  CapitalPool__factory,
  CoverBook__factory,
  CoverClaims__factory,
  CoverGovernor__factory,
  CoverTimelock__factory,
  DAOAccessManager__factory,
  GovernanceToken__factory,
  LocalPriceFeed__factory,
  StakingVault__factory,
  TestStablecoin__factory,
  WETH9__factory,
} from "../../../../types/ethers-contracts/index.js";
import type { ContractName, Deployment } from "../deployment/schema.js";

/** The factory of every contract the core knows, by deployment name. */
export const FACTORIES = {
  GovernanceToken: GovernanceToken__factory,
  StakingVault: StakingVault__factory,
  CoverTimelock: CoverTimelock__factory,
  CoverGovernor: CoverGovernor__factory,
  DAOAccessManager: DAOAccessManager__factory,
  // On real networks these name the canonical tokens and Chainlink feed; their ERC-20 and AggregatorV3
  // surfaces are identical (the faucet `mint` and `setAnswer` exist on local chains only).
  WETH: WETH9__factory,
  Stablecoin: TestStablecoin__factory,
  DepegFeed: LocalPriceFeed__factory,
  WethPool: CapitalPool__factory,
  StablecoinPool: CapitalPool__factory,
  CoverBook: CoverBook__factory,
  CoverClaims: CoverClaims__factory,
} as const satisfies Record<ContractName, { connect: unknown; createInterface: () => Interface }>;

export type DAOContracts = {
  [K in ContractName]: ReturnType<(typeof FACTORIES)[K]["connect"]>;
};

/** Connects every contract of `deployment` to `runner` (a provider to read, a signer to write). */
export function connectDAO(deployment: Deployment, runner: ContractRunner): DAOContracts {
  const entries = (Object.keys(FACTORIES) as ContractName[]).map((name) => [
    name,
    FACTORIES[name].connect(deployment.contracts[name], runner),
  ]);
  return Object.fromEntries(entries) as DAOContracts;
}

/** The ABI interface of a known contract. */
export function contractInterface(name: ContractName): Interface {
  return FACTORIES[name].createInterface();
}
