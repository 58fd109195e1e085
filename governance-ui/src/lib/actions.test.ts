import { ZeroAddress, getAddress } from "ethers";
import { describe, expect, it } from "vitest";

import { CONTRACT_NAMES, type Deployment, changeRows, contractInterface, decodeAction } from "@coverdao/core";

// A deployment with made-up addresses: decoding only needs names, ABIs come from the factories.
const fake = (n: number) => getAddress(`0x${n.toString(16).padStart(40, "a")}`);
const contracts = Object.fromEntries(CONTRACT_NAMES.map((name, i) => [name, fake(i + 1)]));
const deployment: Deployment = {
  chainId: 31337,
  network: "test",
  startBlock: 0,
  contracts: contracts as Deployment["contracts"],
  accounts: {},
};

describe("decodeAction", () => {
  it("names the contract, the function and the argument in its unit, and finds the registry parameter", () => {
    const data = contractInterface("StakingVault").encodeFunctionData("setUnstakeCooldown", [864_000]);
    const action = decodeAction(deployment, deployment.contracts.StakingVault, 0n, data);
    expect(action.contract).toBe("StakingVault");
    expect(action.function).toBe("setUnstakeCooldown");
    expect(action.args).toEqual([{ name: "newCooldown", type: "uint48", display: "10 days", raw: "864000" }]);
    expect(action.parameter?.spec.key).toBe("staking.unstakeCooldown");
  });
  it("shows basis points and token amounts in their units, and addresses by deployment name", () => {
    const vault = contractInterface("StakingVault");
    expect(
      decodeAction(
        deployment,
        deployment.contracts.StakingVault,
        0n,
        vault.encodeFunctionData("setMaxSlashBps", [1500]),
      ).args[0].display,
    ).toBe("15%");
    const slash = decodeAction(
      deployment,
      deployment.contracts.StakingVault,
      0n,
      vault.encodeFunctionData("slash", [deployment.contracts.CoverTimelock, 25n * 10n ** 17n]),
    );
    expect(slash.args.map((a) => a.display)).toEqual([
      `CoverTimelock (${deployment.contracts.CoverTimelock})`,
      "2.5 COVER",
    ]);
  });
  it("shows a trigger price in its own feed's decimals, and raw while they are unknown", () => {
    const feed = fake(77);
    const params = (priceFeed: string, triggerPrice: bigint) => [
      "Depeg cover",
      2,
      deployment.contracts.StablecoinPool,
      150,
      500,
      7000,
      7 * 86_400,
      180 * 86_400,
      true,
      priceFeed,
      triggerPrice,
    ];
    const book = contractInterface("CoverBook");
    const data = book.encodeFunctionData("updateProduct", [2n, params(feed, 95n * 10n ** 16n)]);
    const unknown = decodeAction(deployment, deployment.contracts.CoverBook, 0n, data);
    expect(unknown.args[1].display).toMatch(/triggerPrice: 950000000000000000 \(in the feed's decimals\) }$/);
    expect(unknown.feeds).toEqual([feed]);
    const known = decodeAction(
      deployment,
      deployment.contracts.CoverBook,
      0n,
      data,
      new Map([[feed.toLowerCase(), 18]]),
    );
    expect(known.args[1].display).toMatch(/triggerPrice: 0.95 USD }$/);
    expect(known.feeds).toEqual([]);
    const eight = book.encodeFunctionData("updateProduct", [2n, params(feed, 95_000_000n)]);
    expect(
      decodeAction(deployment, deployment.contracts.CoverBook, 0n, eight, new Map([[feed.toLowerCase(), 8]]))
        .args[1].display,
    ).toMatch(/triggerPrice: 0.95 USD }$/);
    // No feed: an assessed product's zero trigger needs no decimals.
    const none = book.encodeFunctionData("updateProduct", [2n, params(ZeroAddress, 0n)]);
    const assessed = decodeAction(deployment, deployment.contracts.CoverBook, 0n, none);
    expect([assessed.args[1].display.endsWith("triggerPrice: 0 USD }"), assessed.feeds]).toEqual([true, []]);
  });
  it("leaves unknown targets and calldata undecoded rather than guessing", () => {
    const stranger = fake(999);
    const unknown = decodeAction(deployment, stranger, 0n, "0x12345678");
    expect([unknown.contract, unknown.function, unknown.args]).toEqual([undefined, undefined, []]);
    const garbled = decodeAction(deployment, deployment.contracts.StakingVault, 0n, "0xdeadbeef");
    expect([garbled.contract, garbled.function, garbled.calldata]).toEqual([
      "StakingVault",
      undefined,
      "0xdeadbeef",
    ]);
  });
  it("lists every product field an update sets, and the table keeps only those that change", () => {
    const book = contractInterface("CoverBook");
    const data = book.encodeFunctionData("updateProduct", [
      2n,
      [
        "Depeg cover",
        2,
        deployment.contracts.StablecoinPool,
        250,
        500,
        7000,
        7 * 86_400,
        180 * 86_400,
        true,
        ZeroAddress,
        0n,
      ],
    ]);
    const action = decodeAction(deployment, deployment.contracts.CoverBook, 0n, data);
    const byKey = Object.fromEntries(action.parameters.map((p) => [p.spec.key, p.display]));
    expect(byKey["cover.product.baseRate"]).toBe("2.5%");
    expect(byKey["cover.product.capacityRatio"]).toBe("70%");
    expect(byKey["cover.product.maxPeriod"]).toBe("180 days");
    expect(byKey["cover.product.name"]).toBe("Depeg cover");
    // Now: the same product with a 1.5 % base rate; every other field as the update writes it.
    const now = action.parameters.map((p) => (p.spec.key === "cover.product.baseRate" ? "1.5%" : p.display));
    const rows = changeRows(action, 0, now);
    expect(rows.filter((r) => !r.unchanged).map((r) => [r.label, r.current, r.display])).toEqual([
      ["#2 Product base annual rate", "1.5%", "2.5%"],
    ]);
    expect(rows.filter((r) => r.unchanged).length).toBe(action.parameters.length - 1);
    // A new product (addProduct) has no current values: every field is shown.
    const added = decodeAction(
      deployment,
      deployment.contracts.CoverBook,
      0n,
      book.encodeFunctionData("addProduct", [
        [
          "Bridge cover",
          1,
          deployment.contracts.WethPool,
          300,
          600,
          5000,
          7 * 86_400,
          90 * 86_400,
          true,
          ZeroAddress,
          0n,
        ],
      ]),
    );
    const newRows = changeRows(
      added,
      1,
      added.parameters.map(() => undefined),
    );
    expect(newRows.length).toBe(added.parameters.length);
    expect(newRows.every((r) => !r.unchanged && r.current === undefined)).toBe(true);
    // A plain setter is one row, shown even when it sets the value it already has.
    const plain = decodeAction(
      deployment,
      deployment.contracts.StakingVault,
      0n,
      contractInterface("StakingVault").encodeFunctionData("setUnstakeCooldown", [864_000]),
    );
    expect(changeRows(plain, 2, ["10 days"]).map((r) => [r.label, r.unchanged])).toEqual([
      ["Unstake cooldown", false],
    ]);
  });
});
