/** Runs a simulation scenario on its own fresh chain, for the tests. */
import { type Mode, type Report, SCENARIOS, openChain } from "@coverdao/core/sim";

export async function simulate(
  scenario: string,
  voters: number,
  seed = 1,
  mode: Mode = "batched",
  extra: { feed?: string; decimals?: number } = {},
): Promise<Report> {
  const run = SCENARIOS[scenario];
  if (!run) throw new Error(`no scenario ${scenario}`);
  const connection = await openChain();
  try {
    return await run(connection, { voters, seed, mode, ...extra });
  } finally {
    await connection.close();
  }
}

/** The outcome as plain JSON (bigints as strings), to compare two runs. */
export const plain = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
