/**
 * The Node face of the core (`@coverdao/core/node`): everything of the browser face, plus the deployment file
 * (`deployments/<chainId>.json`), the command line every script shares and the gas snapshot. Parts that load a
 * large dependency have their own entries, so a command pays only for what it uses: `@coverdao/core/deploy`
 * (Hardhat Ignition), `@coverdao/core/seed`, `@coverdao/core/snapshot` and `@coverdao/core/snapshot/node`
 * (snapshot.js; the dev hub's SQLite store) and `@coverdao/core/sim` (boots Hardhat's network on import).
 */
export * from "./index.js";
export * from "./deployment/file.js";
export * from "./proposals/file.js";
export * from "./cli/command-line.js";
export * from "./gas/snapshot.js";
