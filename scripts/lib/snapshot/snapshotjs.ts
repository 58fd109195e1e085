/**
 * The one import of @snapshot-labs/snapshot.js. Its CommonJS bundle sets `module.exports` to the
 * library object, so under ESM the default import *is* the library; its bundled declarations describe
 * it as `exports.default`, which TypeScript (node16 resolution) would read as `{ default: library }`.
 * This module fixes the type once, so every other file gets `snapshot.utils`, `snapshot.Client712`...
 */
import { createRequire } from "node:module";

import snapshotModule from "@snapshot-labs/snapshot.js";

type Library = (typeof snapshotModule)["default"];
const loaded = snapshotModule as unknown as Library & { default?: Library };
/** snapshot.js: `Client712`, `schemas`, `utils` (validateSchema, getHash, verify, voting). */
export const snapshot: Library = loaded.default ?? loaded;

const require = createRequire(import.meta.url);
/**
 * snapshot.js's table of known EIP-712 type sets: sha256(JSON.stringify(types)) → message kind. The
 * Snapshot sequencer classifies envelopes with it; the dev hub does the same.
 */
export const HASHED_TYPES = require("@snapshot-labs/snapshot.js/src/sign/hashedTypes.json") as Record<
  string,
  string
>;
