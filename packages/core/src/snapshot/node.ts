/** `@coverdao/core/snapshot/node` (Node): space settings from a deployment, and the development hub with its SQLite store. */
export * from "./index.js";
export * from "./space.js";
export * from "./hub.js";
export * from "./store.js";
