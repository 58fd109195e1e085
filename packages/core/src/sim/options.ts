/** Command-line numbers of `npm run simulate` and `npm run bench`, validated at the edge. */
import { z } from "zod";

const schemas = {
  agents: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(2, "must be at least 2")
    .max(20_000, "must be at most 20000"),
  seed: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must not be negative")
    .max(2 ** 32 - 1, "must fit in 32 bits"),
  decimals: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must not be negative")
    .max(36, "must be at most 36"),
};

/** Parses option `--name` (`raw`) as an agent count, a seed or feed decimals; throws a plain-words error. */
export function parseOption(name: string, kind: keyof typeof schemas, raw: string | undefined): number {
  const result = schemas[kind].safeParse(raw);
  if (!result.success)
    throw new Error(`--${name} ${result.error.issues[0]?.message ?? "is invalid"}; got "${raw}"`);
  return result.data;
}
