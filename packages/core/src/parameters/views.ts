/**
 * What the registry reads besides contract views (`readContract` in rpc/chain.ts): feed decimals, concrete units, address labels.
 */
import { type Result, ZeroAddress, isError } from "ethers";

import { AggregatorV3Interface__factory } from "../../../../types/ethers-contracts/index.js";
import type { Chain } from "../rpc/chain.js";
import type { Deployment } from "../deployment/schema.js";
import { type NumericUnit, type UnitSpec, UnitError } from "../format/units.js";

/** A Chainlink AggregatorV3Interface feed, whose `decimals()` units need. */
const FEED = AggregatorV3Interface__factory.createInterface();

/**
 * The decimals of the Chainlink-style feed (AggregatorV3Interface) at `address`, read with `decimals()`. An
 * address that does not answer it (an account, another contract) is a {UnitError} saying so; a failure
 * other than a revert or an empty answer (a node error) adds its own message.
 */
export async function feedDecimals(chain: Chain, address: string): Promise<number> {
  try {
    const raw = await chain.provider.call({ to: address, data: FEED.encodeFunctionData("decimals") });
    return Number(FEED.decodeFunctionResult("decimals", raw)[0]);
  } catch (error) {
    const plain = isError(error, "CALL_EXCEPTION") || isError(error, "BAD_DATA");
    const cause = plain ? "" : ` (${String((error as Error)?.message ?? error).split("\n")[0]})`;
    throw new UnitError(
      `cannot read decimals() of the price feed at ${address}: is it a Chainlink-style feed?${cause}`,
    );
  }
}

/**
 * `unit` made concrete for one struct or call whose fields are `fields` (by name; addresses as 0x text):
 * a feed price gets the decimals of the feed in its sibling field, read on chain, and remembers that feed
 * (the zero address, a product without a feed, reads nothing: its price can only be 0). Other units are
 * already concrete. `decimalsOf` may be given to share feed reads (a cache).
 */
export async function concreteUnit(
  chain: Chain,
  unit: NumericUnit,
  fields: Readonly<Record<string, unknown>>,
  decimalsOf: (address: string) => Promise<number> = (address) => feedDecimals(chain, address),
): Promise<UnitSpec> {
  if (unit.kind !== "feedPrice") return unit;
  const feed = fields[unit.feedField];
  if (typeof feed !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(feed)) {
    throw new UnitError(`a price in ${unit.symbol} needs its feed's address in ${unit.feedField}`);
  }
  const decimals = feed === ZeroAddress ? 0 : await decimalsOf(feed);
  return { kind: "price", decimals, symbol: unit.symbol, feed };
}

/** "CoverTimelock (0x…)" when the address is in the deployment, else the address. */
export function labelAddress(deployment: Deployment, address: string): string {
  const lower = address.toLowerCase();
  const named = [...Object.entries(deployment.contracts), ...Object.entries(deployment.accounts)].find(
    ([, value]) => value.toLowerCase() === lower,
  );
  return named ? `${named[0]} (${address})` : address;
}

/** Walks an output path (`cooldown`, `0.votingPeriod`) through a decoded result. */
export function pick(result: Result, output: string | undefined): unknown {
  if (!output) return result[0];
  let value: unknown = result;
  for (const part of output.split(".")) {
    const node = value as Result;
    value = /^\d+$/.test(part) ? node[Number(part)] : node.getValue(part);
  }
  return value;
}
