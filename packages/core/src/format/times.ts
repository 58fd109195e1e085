/**
 * Times for people, one home for every caller: the CLI, the error sentences, the parametric wording, the
 * simulations and the UI. Unix seconds in, UTC out:
 *   spellTime   1677...  → "2023-03-11 01:18:11 UTC" (to the second)
 *   utcMinute   1765...  → "2026-12-09 14:02 UTC" (to the minute)
 *   isoTime     1677...  → "2023-03-11T01:18:11Z" (ISO 8601, to the second)
 */

const iso = (seconds: number | bigint): string => new Date(Number(seconds) * 1000).toISOString();

/** A Unix time in words, UTC, to the second: "2023-03-11 01:18:11 UTC". */
export const spellTime = (seconds: number | bigint): string =>
  `${iso(seconds)
    .replace("T", " ")
    .replace(/\.\d+Z$/, "")} UTC`;

/** A Unix time for people, to the minute: "2026-12-09 14:02 UTC". */
export const utcMinute = (seconds: number | bigint): string =>
  iso(seconds).slice(0, 16).replace("T", " ") + " UTC";

/** A Unix time in ISO 8601 to the second: "2023-03-11T01:18:11Z". */
export const isoTime = (seconds: number | bigint): string => iso(seconds).replace(/\.\d+Z$/, "Z");
