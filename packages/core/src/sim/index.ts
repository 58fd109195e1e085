/** `@coverdao/core/sim` (Node): the simulation scenarios. Importing it boots Hardhat's network (see `engine.ts`). */
export * from "./scenarios.js";
export * from "./engine.js";
export * from "./setup.js";
export * from "./report.js";
export * from "./options.js";
export * from "./svg.js";
export * from "./replay.js";
export * from "./governance.js";
export * from "./claims/index.js";
export * from "./year.js";
