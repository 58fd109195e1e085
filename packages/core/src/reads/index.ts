/** Batched reads (one file per concept). */
export * from "./proposals.js";
