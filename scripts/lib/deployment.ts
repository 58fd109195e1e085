/**
 * The deployment file: one per chain, `deployments/<chainId>.json`, written by the deploy scripts and
 * read by the CLI, the scripts and the UI. Addresses are never typed by hand anywhere else.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { getAddress, isAddress } from "ethers";
import { z } from "zod";

/** Every contract the core knows, by the name used in deployment files and proposal files. */
export const CONTRACT_NAMES = [
  "GovernanceToken",
  "StakingVault",
  "CoverTimelock",
  "CoverGovernor",
  "DAOAccessManager",
  "WETH",
  "Stablecoin",
  "DepegFeed",
  "WethPool",
  "StablecoinPool",
  "CoverBook",
  "CoverClaims",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

const address = z
  .string()
  .refine((value) => isAddress(value), { message: "not an Ethereum address" })
  .transform((value) => getAddress(value));

export const deploymentSchema = z.object({
  chainId: z.number().int().positive(),
  network: z.string().min(1),
  /** Block of the first deployment transaction: event scans start here. */
  startBlock: z.number().int().nonnegative(),
  contracts: z
    .object(
      Object.fromEntries(CONTRACT_NAMES.map((name) => [name, address])) as Record<
        ContractName,
        typeof address
      >,
    )
    .catchall(address),
  /** Optional extra accounts of note (e.g. the guardian), by role name. */
  accounts: z.record(z.string(), address).default({}),
  /**
   * Optional off-chain services of this deployment, for the UI and the CLI: the JSON-RPC endpoint, the
   * Snapshot hub (and the space on it) and the UI. `npm start` writes them for the local DAO.
   */
  services: z
    .object({
      rpcUrl: z.url().optional(),
      hubUrl: z.url().optional(),
      snapshotSpace: z.string().min(1).optional(),
      uiUrl: z.url().optional(),
    })
    .optional(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEPLOYMENTS_DIR = path.join(REPO_ROOT, "deployments");

export function deploymentPath(chainId: number | bigint, dir = DEPLOYMENTS_DIR): string {
  return path.join(dir, `${chainId}.json`);
}

/** Parses and validates a deployment object; the error names each bad field. */
export function parseDeployment(raw: unknown, source = "deployment"): Deployment {
  const result = deploymentSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new Error(`${source} is invalid:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

/** Reads `deployments/<chainId>.json`, with a clear error when it is missing or malformed. */
export function readDeployment(chainId: number | bigint, dir = DEPLOYMENTS_DIR): Deployment {
  const file = deploymentPath(chainId, dir);
  if (!existsSync(file)) {
    throw new Error(
      `No deployment for chain ${chainId}: ${file} does not exist. Run \`npm start\` or \`npm run deploy\`.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseDeployment(raw, file);
}

export function writeDeployment(deployment: Deployment, dir = DEPLOYMENTS_DIR): string {
  const checked = parseDeployment(deployment);
  mkdirSync(dir, { recursive: true });
  const file = deploymentPath(checked.chainId, dir);
  writeFileSync(file, JSON.stringify(checked, null, 2) + "\n");
  return file;
}
