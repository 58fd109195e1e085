/**
 * `npm run time -- <+duration | date | now>` (also `npm run chain -- time ...`): moves the local chain's
 * clock and mines a block, then prints the chain's new time. `+1d`, `+36h`, `+90m`, `+2 weeks`, `+7 days`
 * move forward; an ISO date (`2026-12-09T14:02Z`) jumps to it; no argument only prints the time. The chain
 * is `--rpc`, else the `services.rpcUrl` that `npm start` recorded, else http://127.0.0.1:8545. Only a local
 * development chain (Hardhat's `evm_increaseTime`) can move its clock.
 */
import { JsonRpcProvider } from "ethers";

import {
  UsageError,
  commandLine,
  defaultRpcUrl,
  duration,
  exitWithUsage,
  explainError,
  parseDuration,
  utcMinute,
} from "@coverdao/core/node";

const USAGE = `Usage: npm run time -- [+DURATION | DATE] [--rpc URL]
  Moves the local chain's clock forward and mines a block, then prints the chain's time.
  +1d, +36h, +90m, +2w, "+7 days"   forward by that much
  2026-12-09T14:02Z                  to that date (UTC), which must be ahead of the chain
  (nothing)                          print the chain's time
The chain: --rpc, else the services.rpcUrl npm start recorded in deployments/31337.json.`;
const COMMAND = "npm run time";

const { values, positionals } = commandLine({ rpc: { type: "string" } }, USAGE, COMMAND, {
  allowPositionals: true,
});
// `npm run chain -- time +1d` reads the same as `npm run time -- +1d`.
const words = positionals[0] === "time" ? positionals.slice(1) : positionals;
const target = words.join(" ").trim();

const SHORT: Record<string, string> = { s: "seconds", m: "minutes", h: "hours", d: "days", w: "weeks" };

/** `+1d` → 86400; "+2 weeks" → 1209600. Throws a plain-words error. */
function parseForward(text: string): number {
  const body = text.replace(/^\+\s*/, "");
  const short = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(body);
  const words = short
    ? `${short[1]} ${SHORT[short[2]]}`
    : body.replace(/^(\d+(?:\.\d+)?)\s*w(eeks?)?$/, "$1 weeks");
  try {
    return Number(parseDuration(words));
  } catch {
    throw new Error(`"${text}" is not a time step: write e.g. +1d, +36h, +90m or "+2 weeks"`);
  }
}

function usageError(sentence: string): never {
  return exitWithUsage(new UsageError(sentence), USAGE, COMMAND);
}

let forward: number | undefined;
let until: number | undefined;
if (target.startsWith("+")) {
  try {
    forward = parseForward(target);
  } catch (error) {
    usageError((error as Error).message);
  }
} else if (target) {
  const parsed = Date.parse(target);
  if (Number.isNaN(parsed))
    usageError(`"${target}" is neither +DURATION nor a date such as 2026-12-09T14:02Z`);
  until = Math.floor(parsed / 1000);
}

const url = values.rpc ?? defaultRpcUrl();
const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true });
try {
  // A raw call each time: ethers would answer a second "latest" from its cache.
  const chainTime = async () => {
    const block = (await provider.send("eth_getBlockByNumber", ["latest", false])) as {
      timestamp?: string;
    } | null;
    if (!block?.timestamp) throw new Error(`${url} has no latest block`);
    return Number(block.timestamp);
  };
  const before = await chainTime().catch((error: unknown) => {
    throw new Error(
      `Cannot reach the chain at ${url} (is \`npm start\` running?): ${(error as Error).message}`,
    );
  });
  if (until !== undefined && until <= before)
    throw new Error(`${utcMinute(until)} is not ahead of the chain's time, ${utcMinute(before)}`);
  const step = forward ?? (until !== undefined ? until - before : 0);
  if (step > 0) {
    try {
      await provider.send("evm_increaseTime", [step]);
      await provider.send("evm_mine", []);
    } catch (error) {
      throw new Error(
        `The chain at ${url} cannot move its clock (only a local development chain can): ${(error as Error).message}`,
      );
    }
  }
  const after = await chainTime();
  const wall = Math.floor(Date.now() / 1000);
  const ahead = after - wall;
  console.log(
    `${step > 0 ? `Moved ${duration(step)} forward. ` : ""}The chain's time is ${utcMinute(after)}` +
      (Math.abs(ahead) >= 60
        ? ` (${duration(Math.abs(ahead), 2)} ${ahead > 0 ? "ahead of" : "behind"} the wall clock)`
        : "") +
      ".",
  );
} catch (error) {
  console.error(explainError(error));
  process.exitCode = 1;
} finally {
  provider.destroy();
}
