/**
 * Typed contract handles for a deployment. ABIs come from the TypeChain factories that Hardhat
 * generates from the compiled artifacts, addresses from the deployment file: nothing is copied by hand.
 */
import type { ContractRunner, Interface } from "ethers";

import {
  AggregatorV3Interface__factory,
  CapitalPool__factory,
  CoverBook__factory,
  CoverClaims__factory,
  CoverGovernor__factory,
  CoverTimelock__factory,
  DAOAccessManager__factory,
  GovernanceToken__factory,
  IERC20Metadata__factory,
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
  // The pools' assets and the depeg product's feed by the interfaces the contracts use: on real networks
  // the canonical tokens and a Chainlink feed; local chains deploy test contracts ({LOCAL_FACTORIES}).
  WETH: IERC20Metadata__factory,
  Stablecoin: IERC20Metadata__factory,
  DepegFeed: AggregatorV3Interface__factory,
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

/**
 * The local test contracts a local deployment puts under the asset and feed names: WETH9 (`deposit`), the
 * stablecoin faucet (`mint`) and the settable feed (`setAnswer`). For local and test code only: the seed,
 * the simulations, the tests and the local deploy path.
 */
export const LOCAL_FACTORIES = {
  WETH: WETH9__factory,
  Stablecoin: TestStablecoin__factory,
  DepegFeed: LocalPriceFeed__factory,
} as const satisfies Partial<Record<ContractName, { connect: unknown; createInterface: () => Interface }>>;

export type LocalContractName = keyof typeof LOCAL_FACTORIES;

/**
 * {DAOContracts} of a local deployment, whose assets and feed are the local test contracts: each is both the
 * test contract (first, so that `connect` keeps it) and the interface it implements.
 */
export type LocalDAOContracts = Omit<DAOContracts, LocalContractName> & {
  [K in LocalContractName]: ReturnType<(typeof LOCAL_FACTORIES)[K]["connect"]> & DAOContracts[K];
};

/** `contracts` of a local deployment with its assets and feed reconnected (same address, same runner) as the local test contracts. */
export function asLocalDAO(contracts: DAOContracts): LocalDAOContracts {
  const { WETH, Stablecoin, DepegFeed } = contracts;
  return {
    ...contracts,
    WETH: LOCAL_FACTORIES.WETH.connect(WETH.target as string, WETH.runner),
    Stablecoin: LOCAL_FACTORIES.Stablecoin.connect(Stablecoin.target as string, Stablecoin.runner),
    DepegFeed: LOCAL_FACTORIES.DepegFeed.connect(DepegFeed.target as string, DepegFeed.runner),
  } as LocalDAOContracts;
}

/** The ABI interface of a known contract. */
export function contractInterface(name: ContractName): Interface {
  return FACTORIES[name].createInterface();
}
