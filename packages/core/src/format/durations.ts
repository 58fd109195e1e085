/**
 * Durations for people, one home for every caller: the CLI, the error sentences, the parametric wording and
 * the UI. Three forms, one walk over the units:
 *   exactDuration   604800 → "7 days", 129600 → "36 hours" (the largest unit that divides; reads back as typed)
 *   spellDuration   93600 → "1 day 2 hours", 61 → "1 minute 1 second" (every non-zero unit, or the largest few)
 *   shortDuration   2 days 3 hours 59 s → "2d 3h" (a countdown: two units at most, "now" at or below zero)
 */

const UNITS = [
  ["day", "d", 86_400n],
  ["hour", "h", 3_600n],
  ["minute", "m", 60n],
  ["second", "s", 1n],
] as const;

const plural = (n: bigint, word: string): string => `${n} ${word}${n === 1n ? "" : "s"}`;

/** Each non-zero unit of `seconds` (not negative), largest first: 93600 → [[1, "day", "d"], [2, "hour", "h"]]. */
function durationParts(seconds: bigint): [bigint, string, string][] {
  const parts: [bigint, string, string][] = [];
  let rest = seconds;
  for (const [word, short, scale] of UNITS) {
    const n = rest / scale;
    rest %= scale;
    if (n > 0n) parts.push([n, word, short]);
  }
  return parts;
}

/** Seconds in the largest unit that divides them: 604800 → "7 days", 129600 → "36 hours", 61 → "61 seconds". */
export function exactDuration(seconds: bigint): string {
  for (const [word, , scale] of UNITS.slice(0, 3))
    if (seconds !== 0n && seconds % scale === 0n) return plural(seconds / scale, word);
  return plural(seconds, "second");
}

/**
 * Seconds in words, exactly, largest units first: 93600 → "1 day 2 hours", 0 → "0 seconds", -60 → "minus 1
 * minute"; `units` keeps only that many of the largest non-zero units ("2 days 3 hours").
 */
export function spellDuration(seconds: bigint, units: number = UNITS.length): string {
  if (seconds < 0n) return `minus ${spellDuration(-seconds, units)}`;
  const parts = durationParts(seconds);
  if (parts.length === 0) return "0 seconds";
  return parts
    .slice(0, units)
    .map(([n, word]) => plural(n, word))
    .join(" ");
}

/** A countdown or a duration, compactly: "2d 3h", "45m", "now" (at or below zero). */
export function shortDuration(seconds: number | bigint): string {
  if (Number(seconds) <= 0) return "now";
  return durationParts(BigInt(Math.floor(Number(seconds))))
    .slice(0, 2)
    .map(([n, , short]) => `${n}${short}`)
    .join(" ");
}

/**
 * Seconds of any type (a bigint, a number, an event argument) in words, as {spellDuration} writes them; a
 * negative or unreadable value counts as zero. `units` keeps only that many of the largest units.
 */
export const duration = (secondsValue: unknown, units: number = UNITS.length): string => {
  const whole = Math.max(0, Math.floor(Number(secondsValue)));
  return spellDuration(Number.isFinite(whole) ? BigInt(whole) : 0n, units);
};
