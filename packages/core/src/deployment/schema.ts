/**
 * The deployment file's schema and parser, browser-safe (no Node built-ins): the UI imports this module,
 * the CLI and scripts import {@link ./deployment.js}, which re-exports it and adds the file reading/writing.
 */
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

/**
 * Helper contracts a deployment may list besides {CONTRACT_NAMES}: they hold no DAO state, so a deployment
 * made before they existed stays valid (readers fall back to single calls without them).
 */
export const OPTIONAL_CONTRACT_NAMES = ["Multicall"] as const;
export type OptionalContractName = (typeof OPTIONAL_CONTRACT_NAMES)[number];

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
   * Snapshot hub (and the space on it) the UI posts temperature checks to, and the UI. `npm start` writes
   * them for the local DAO.
   */
  services: z
    .object({
      rpcUrl: z.url().optional(),
      hubUrl: z.url().optional(),
      snapshotSpace: z.string().min(1).optional(),
      uiUrl: z.url().optional(),
      /** The indexer's base URL (history, voters, delegates), read with `@coverdao/core/indexer`. */
      indexerUrl: z.url().optional(),
    })
    .optional(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

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

/** The address of an optional helper contract, if the deployment has it. */
export function optionalContract(deployment: Deployment, name: OptionalContractName): string | undefined {
  return (deployment.contracts as Record<string, string | undefined>)[name];
}
