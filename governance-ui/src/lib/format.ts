/** Display formatting shared by every page: amounts, durations, addresses and shares. */
import { formatUnits } from "ethers";

import { trimZeros } from "@coverdao/core";

/** "1,234.5" from base units, at most `maxDecimals` decimals, trailing zeros dropped. */
export function formatAmount(value: bigint, decimals: number, maxDecimals = 4): string {
  const [whole, fraction = ""] = formatUnits(value, decimals).split(".");
  const grouped = BigInt(whole).toLocaleString("en-US");
  const sign = whole.startsWith("-") && !grouped.startsWith("-") ? "-" : "";
  const trimmed = fraction.slice(0, maxDecimals).replace(/0+$/, "");
  return `${sign}${grouped}${trimmed ? `.${trimmed}` : ""}`;
}

/** "0x1234…abcd": enough of an address to recognise it. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** "2d 3h", "45m", "now": a countdown or a duration in seconds (the core's {shortDuration}). */
export { shortDuration as formatDuration } from "@coverdao/core";

/** "12.5%" from basis points. */
export function formatBps(bps: number | bigint): string {
  return `${trimZeros((Number(bps) / 100).toFixed(2))}%`;
}
