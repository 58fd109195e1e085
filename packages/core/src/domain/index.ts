/**
 * `@coverdao/core/domain`: the contracts' enum names and the pool names, with no dependency at all, so that the
 * Ignition modules can take them from here too.
 */
export * from "./states.js";
export * from "./products.js";
export * from "./pools.js";
