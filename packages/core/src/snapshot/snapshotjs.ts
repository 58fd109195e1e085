/**
 * The one import of @snapshot-labs/snapshot.js. Its CommonJS bundle sets `module.exports` to the
 * library object, so under ESM the default import *is* the library; its bundled declarations describe
 * it as `exports.default`, which TypeScript (node16 resolution) would read as `{ default: library }`.
 * This module fixes the type once, so every other file gets `snapshot.utils`, `snapshot.Client712`...
 */
import snapshotModule from "@snapshot-labs/snapshot.js";

// Node16 resolution reads the bundled declarations as `{ default: library }`; bundler resolution (the UI) as the library.
type Library = typeof snapshotModule extends { default: infer L } ? L : typeof snapshotModule;
const loaded = snapshotModule as unknown as Library & { default?: Library };
/** snapshot.js: `Client712`, `schemas`, `utils` (validateSchema, getHash, verify, voting). */
export const snapshot: Library = loaded.default ?? loaded;

/**
 * snapshot.js's table of known EIP-712 type sets: sha256(JSON.stringify(types)) → message kind. The
 * Snapshot sequencer classifies envelopes with it; the dev hub does the same. Read in Node only (Node's
 * `require` is taken at run time so that the browser, which only signs, can import this module too).
 */
export const HASHED_TYPES: Record<string, string> =
  typeof process === "undefined" || !process.getBuiltinModule
    ? {}
    : (process.getBuiltinModule("node:module").createRequire(import.meta.url)(
        "@snapshot-labs/snapshot.js/src/sign/hashedTypes.json",
      ) as Record<string, string>);
