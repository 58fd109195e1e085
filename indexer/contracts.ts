/**
 * What the indexer indexes, and where: addresses from the deployment file, ABIs from Hardhat's compiled
 * artifacts (typed by the `artifacts.d.ts` declarations Hardhat writes beside them). Nothing is copied by hand.
 *
 * Environment:
 * - `COVERDAO_DEPLOYMENT_JSON`: the deployment itself (what `npm start` passes, before it writes the file), or
 * - `COVERDAO_DEPLOYMENT`: a deployment file's path; default `deployments/<COVERDAO_CHAIN_ID or 31337>.json`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { CoverClaims$Type } from "../artifacts/contracts/claims/CoverClaims.sol/artifacts.js";
import type { CoverBook$Type } from "../artifacts/contracts/cover/CoverBook.sol/artifacts.js";
import type { CoverGovernor$Type } from "../artifacts/contracts/governance/CoverGovernor.sol/artifacts.js";
import type { CoverTimelock$Type } from "../artifacts/contracts/governance/CoverTimelock.sol/artifacts.js";
import type { GovernanceToken$Type } from "../artifacts/contracts/governance/GovernanceToken.sol/artifacts.js";
import type { StakingVault$Type } from "../artifacts/contracts/governance/StakingVault.sol/artifacts.js";
import type { CapitalPool$Type } from "../artifacts/contracts/pool/CapitalPool.sol/artifacts.js";

type Hex = `0x${string}`;

/** The repository's root (this file is in `indexer/`). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function artifactAbi<T extends { abi: unknown }>(folder: string, name: string): T["abi"] {
  const file = path.join(REPO_ROOT, "artifacts", "contracts", folder, `${name}.sol`, `${name}.json`);
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as T).abi;
  } catch (error) {
    throw new Error(`cannot read ${file} (run \`npx hardhat compile\`): ${(error as Error).message}`);
  }
}

export const ABIS = {
  CoverGovernor: artifactAbi<CoverGovernor$Type>("governance", "CoverGovernor"),
  GovernanceToken: artifactAbi<GovernanceToken$Type>("governance", "GovernanceToken"),
  StakingVault: artifactAbi<StakingVault$Type>("governance", "StakingVault"),
  CoverTimelock: artifactAbi<CoverTimelock$Type>("governance", "CoverTimelock"),
  CapitalPool: artifactAbi<CapitalPool$Type>("pool", "CapitalPool"),
  CoverBook: artifactAbi<CoverBook$Type>("cover", "CoverBook"),
  CoverClaims: artifactAbi<CoverClaims$Type>("claims", "CoverClaims"),
};

/** The part of a deployment file the indexer needs (the core's schema validates the whole file). */
export interface IndexedDeployment {
  chainId: number;
  startBlock: number;
  contracts: Record<string, string>;
  services?: { rpcUrl?: string };
}

const REQUIRED = [
  "CoverGovernor",
  "GovernanceToken",
  "StakingVault",
  "CoverTimelock",
  "WethPool",
  "StablecoinPool",
  "CoverBook",
  "CoverClaims",
] as const;

function loadDeployment(): IndexedDeployment {
  const inline = process.env.COVERDAO_DEPLOYMENT_JSON;
  const file =
    process.env.COVERDAO_DEPLOYMENT ??
    path.join(REPO_ROOT, "deployments", `${process.env.COVERDAO_CHAIN_ID ?? "31337"}.json`);
  let raw: IndexedDeployment;
  try {
    raw = JSON.parse(inline ?? readFileSync(file, "utf8")) as IndexedDeployment;
  } catch (error) {
    const source = inline ? "COVERDAO_DEPLOYMENT_JSON" : file;
    throw new Error(`the indexer cannot read its deployment (${source}): ${(error as Error).message}`);
  }
  const missing = REQUIRED.filter((name) => !/^0x[0-9a-fA-F]{40}$/.test(raw.contracts?.[name] ?? ""));
  if (!Number.isInteger(raw.chainId) || !Number.isInteger(raw.startBlock) || missing.length > 0) {
    throw new Error(
      `the indexer's deployment is incomplete: chainId ${raw.chainId}, startBlock ${raw.startBlock}` +
        (missing.length ? `, no address for ${missing.join(", ")}` : ""),
    );
  }
  return raw;
}

export const DEPLOYMENT = loadDeployment();

/** A deployment address, lower-case (the form the indexer stores and compares). */
export function addressOf(name: (typeof REQUIRED)[number]): Hex {
  return DEPLOYMENT.contracts[name]!.toLowerCase() as Hex;
}

/** The deployment's name of each pool address (lower-case): WethPool, StablecoinPool. */
export const POOL_NAMES: Record<Hex, string> = {
  [addressOf("WethPool")]: "WethPool",
  [addressOf("StablecoinPool")]: "StablecoinPool",
};
