/**
 * `npm run gas`: measures every gas scenario on a fresh in-process chain and rewrites gas/snapshot.json.
 */
import { network } from "hardhat";

import { GAS_SCENARIOS } from "./gas/index.js";
import { type GasEntries, compareGas, readSnapshot, writeSnapshot } from "@coverdao/core/node";

const measured: GasEntries = {};
const targets: GasEntries = {};
for (const scenario of GAS_SCENARIOS) {
  const connection = await network.create();
  Object.assign(measured, await scenario.measure(connection));
  Object.assign(targets, scenario.targets);
  await connection.close();
}
const before = readSnapshot();
writeSnapshot(measured);
for (const [entry, gas] of Object.entries(measured).sort(([a], [b]) => a.localeCompare(b))) {
  const old = before[entry];
  const delta = old === undefined ? "new" : `${gas - old >= 0 ? "+" : ""}${gas - old}`;
  const target = targets[entry] === undefined ? "" : `  (target ${targets[entry]})`;
  console.log(`${entry.padEnd(40)} ${String(gas).padStart(9)}  ${delta}${target}`);
}
const overTarget = compareGas(measured, measured, targets).filter((p) => p.problem.includes("target"));
for (const p of overTarget) console.error(`over target: ${p.entry} ${p.problem}`);
process.exitCode = overTarget.length > 0 ? 1 : 0;
