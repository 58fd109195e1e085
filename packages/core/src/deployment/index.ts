/** `@coverdao/core/deploy` (Node): deploy the DAO with its Ignition module, and the per-network deploy configs. */
export * from "./deploy.js";
export * from "./config.js";
