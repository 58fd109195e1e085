/** Decimal strings without their trailing zeros: one home for every amount, price and percentage written out. */
import { formatUnits } from "ethers";

/** Trims trailing zeros (and a bare ".") from a decimal string: "1.500" → "1.5", "2.0" → "2", "100" → "100". */
export function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** An integer of `decimals` decimals written exactly, without grouping or trailing zeros: it reads back as typed. */
export function plainDecimal(value: bigint, decimals: number): string {
  return trimZeros(formatUnits(value, decimals));
}
