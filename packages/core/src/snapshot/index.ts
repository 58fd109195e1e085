/**
 * `@coverdao/core/snapshot` (browser-safe): temperature checks and votes signed with snapshot.js and posted to a
 * hub. It loads snapshot.js (large), so the UI imports it only from its lazily loaded temperature-check page.
 */
export * from "./client.js";
export * from "./snapshotjs.js";
export * from "./power.js";
export type { Results } from "./hub.js";
export type * from "./space.js";
export type * from "./store.js";
