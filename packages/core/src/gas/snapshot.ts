/**
 * Gas snapshot: `gas/snapshot.json` maps `Contract.function` to the gas one call used in a fixed
 * scenario. `npm run gas` rewrites it; the gas test re-measures and fails when an entry grows by more
 * than the tolerance or misses its target, so a regression shows up as a diff in review.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { ContractTransactionResponse } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import { REPO_ROOT } from "../deployment/file.js";

export type GasEntries = Record<string, number>;

/** A measured domain: runs its user actions on a fresh chain and returns gas per action. */
export interface GasScenario {
  name: string;
  measure: (connection: NetworkConnection) => Promise<GasEntries>;
  /** Upper bounds that the project promises (gas), by entry. */
  targets: GasEntries;
}

export const SNAPSHOT_PATH = path.join(REPO_ROOT, "gas", "snapshot.json");
export const TOLERANCE = 0.01;

/** Gas used by a sent transaction, once mined. */
export async function gasOf(
  tx: Promise<ContractTransactionResponse> | ContractTransactionResponse,
): Promise<number> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("transaction was not mined");
  return Number(receipt.gasUsed);
}

export function readSnapshot(file = SNAPSHOT_PATH): GasEntries {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, "utf8")) as GasEntries;
}

export function writeSnapshot(entries: GasEntries, file = SNAPSHOT_PATH): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const sorted = Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(file, JSON.stringify(sorted, null, 2) + "\n");
}

export interface GasProblem {
  entry: string;
  problem: string;
}

/** Compares measured gas to the snapshot and the targets; returns every problem found. */
export function compareGas(
  measured: GasEntries,
  snapshot: GasEntries,
  targets: GasEntries,
  tolerance = TOLERANCE,
): GasProblem[] {
  const problems: GasProblem[] = [];
  for (const [entry, gas] of Object.entries(measured)) {
    const recorded = snapshot[entry];
    if (recorded === undefined) {
      problems.push({ entry, problem: `not in the snapshot (measured ${gas}); run \`npm run gas\`` });
    } else if (gas > recorded * (1 + tolerance)) {
      const pct = (((gas - recorded) / recorded) * 100).toFixed(2);
      problems.push({ entry, problem: `grew from ${recorded} to ${gas} (+${pct} %)` });
    }
    const target = targets[entry];
    if (target !== undefined && gas > target) {
      problems.push({ entry, problem: `uses ${gas}, above its target of ${target}` });
    }
  }
  for (const entry of Object.keys(snapshot)) {
    if (!(entry in measured)) problems.push({ entry, problem: "in the snapshot but no longer measured" });
  }
  return problems;
}
