/** The risk analytics (browser-safe): assumptions, the capital model, cost of corruption, the chain reader and the report. */
export * from "./assumptions.js";
export * from "./random.js";
export * from "./capital.js";
export * from "./corruption.js";
export * from "./chain.js";
export * from "./report.js";
export * from "./diff.js";
