import { expect } from "chai";
import { network } from "hardhat";

import { GAS_SCENARIOS } from "../scripts/gas/index.js";
import { type GasEntries, compareGas, readSnapshot } from "@coverdao/core/node";

describe("gas snapshot (gas/snapshot.json)", () => {
  it("no entry grows by more than 1 % and every target holds", async () => {
    const measured: GasEntries = {};
    const targets: GasEntries = {};
    for (const scenario of GAS_SCENARIOS) {
      const connection = await network.create();
      Object.assign(measured, await scenario.measure(connection));
      Object.assign(targets, scenario.targets);
      await connection.close();
    }
    const problems = compareGas(measured, readSnapshot(), targets);
    expect(problems.map((p) => `${p.entry}: ${p.problem}`)).to.deep.equal([]);
  });
});
