/** The delegate address typed on the delegate page, checked (tested in `checks.test.ts`). */
import { ZeroAddress, getAddress, isAddress } from "ethers";

/** A delegate address typed by the user: checksum-tolerant, with the mistake named. */
export function checkDelegate(text: string): { ok: true; address: string } | { ok: false; error: string } {
  const value = text.trim();
  if (!value) return { ok: false, error: "Enter the address to delegate to." };
  if (!/^0x[0-9a-fA-F]{40}$/.test(value))
    return { ok: false, error: "That is not an address: 0x followed by 40 hex digits." };
  if (!isAddress(value))
    return {
      ok: false,
      error: "The address's letter case does not match its checksum: check it, or type it in lower case.",
    };
  if (getAddress(value) === ZeroAddress)
    return { ok: false, error: "Delegating to the zero address would throw your votes away." };
  return { ok: true, address: getAddress(value) };
}
