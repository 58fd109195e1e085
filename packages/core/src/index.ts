/**
 * The browser face of the core (`@coverdao/core`): contract access, batched reads, governance, claims, pool
 * maths, the parameter registry, proposals as code and their simulation, units and error words. Nothing here
 * imports a Node built-in, directly or through its imports; `test/core/browser-bundle.test.ts` bundles this
 * entry for the browser to keep it so. The file system, SQLite and Hardhat parts are in `@coverdao/core/node`
 * and the heavier entries beside it (see this package's `exports`).
 */
export * from "./rpc/chain.js";
export * from "./rpc/contracts.js";
export * from "./rpc/provider.js";
export * from "./rpc/batch.js";
export * from "./deployment/schema.js";
export * from "./reads/index.js";
export * from "./governance/governance.js";
export * from "./claims/claims.js";
export * from "./claims/parametric.js";
export * from "./pool/pool.js";
export * from "./pool/pricing.js";
export * from "./parameters/index.js";
export * from "./parameters/risk-changes.js";
export * from "./proposals/schema.js";
export * from "./proposals/resolve.js";
export * from "./proposals/validate.js";
export * from "./proposals/decode.js";
export * from "./proposals/simulate.js";
export * from "./format/units.js";
export * from "./format/errors.js";
export * from "./domain/index.js";
export * from "./format/durations.js";
export * from "./format/times.js";
export * from "./format/decimals.js";
export * from "./risk/index.js";
