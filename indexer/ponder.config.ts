/**
 * The indexer's configuration: one chain (the deployment's), every DAO contract from its deployment block.
 *
 * Environment: `PONDER_RPC_URL` (else the deployment's `services.rpcUrl`, else http://127.0.0.1:8545),
 * `DATABASE_URL` (Postgres; else embedded PGlite in `PONDER_PGLITE_DIR`, default `indexer/.ponder/pglite`),
 * `PONDER_POLLING_MS` (new-block polling, default 1000), and the deployment variables of `contracts.ts`.
 */
import path from "node:path";

import { createConfig } from "ponder";

import { ABIS, DEPLOYMENT, REPO_ROOT, addressOf } from "./contracts.js";

const rpc = process.env.PONDER_RPC_URL ?? DEPLOYMENT.services?.rpcUrl ?? "http://127.0.0.1:8545";
const startBlock = DEPLOYMENT.startBlock;
const chain = "dao";

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : {
        kind: "pglite",
        directory: process.env.PONDER_PGLITE_DIR ?? path.join(REPO_ROOT, "indexer", ".ponder", "pglite"),
      },
  chains: {
    [chain]: {
      id: DEPLOYMENT.chainId,
      rpc,
      pollingInterval: Number(process.env.PONDER_POLLING_MS ?? 1000),
      // A local chain is re-created on every `npm start`: never trust a cached response across runs.
      disableCache: DEPLOYMENT.chainId === 31337,
    },
  },
  contracts: {
    CoverGovernor: { chain, abi: ABIS.CoverGovernor, address: addressOf("CoverGovernor"), startBlock },
    GovernanceToken: { chain, abi: ABIS.GovernanceToken, address: addressOf("GovernanceToken"), startBlock },
    StakingVault: { chain, abi: ABIS.StakingVault, address: addressOf("StakingVault"), startBlock },
    CoverTimelock: { chain, abi: ABIS.CoverTimelock, address: addressOf("CoverTimelock"), startBlock },
    CapitalPool: {
      chain,
      abi: ABIS.CapitalPool,
      address: [addressOf("WethPool"), addressOf("StablecoinPool")],
      startBlock,
    },
    CoverBook: { chain, abi: ABIS.CoverBook, address: addressOf("CoverBook"), startBlock },
    CoverClaims: { chain, abi: ABIS.CoverClaims, address: addressOf("CoverClaims"), startBlock },
  },
});
