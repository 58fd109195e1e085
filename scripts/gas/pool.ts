/**
 * Gas of the pool and cover user actions on a fresh chain with the whole DAO deployed: a deposit by a new
 * underwriter into a funded pool, a cover bought on a pool that already backs one, and a withdrawal request
 * and its completion after the cooldown (with a day of premium streamed and a cover active).
 */
import { parseEther } from "ethers";

import { deployCoverDAO } from "@coverdao/core/deploy";
import { type GasScenario, gasOf } from "@coverdao/core/node";

const DAY = 24 * 60 * 60;
const PRODUCT = 1n;

const scenario: GasScenario = {
  name: "pool",
  targets: {
    "CapitalPool.deposit": 110_000,
    "CoverBook.buyCover": 200_000,
  },
  async measure(connection) {
    const { ethers, networkHelpers } = connection;
    const { contracts: c } = await deployCoverDAO(connection);
    const [, , alice, bob, carol] = await ethers.getSigners();
    const pool = await c.WethPool.getAddress();
    const book = await c.CoverBook.getAddress();
    for (const user of [alice, bob, carol]) {
      await c.WETH.connect(user).deposit({ value: parseEther("500") });
      await c.WETH.connect(user).approve(pool, ethers.MaxUint256);
      await c.WETH.connect(user).approve(book, ethers.MaxUint256);
    }
    await c.WethPool.connect(alice).deposit(parseEther("100"), alice.address);
    await c.CoverBook.connect(carol).buyCover(PRODUCT, parseEther("5"), BigInt(90 * DAY), parseEther("1"));
    await networkHelpers.time.increase(DAY);

    const deposit = await gasOf(c.WethPool.connect(bob).deposit(parseEther("50"), bob.address));
    const buyCover = await gasOf(
      c.CoverBook.connect(carol).buyCover(PRODUCT, parseEther("10"), BigInt(60 * DAY), parseEther("1")),
    );
    const requestWithdrawal = await gasOf(c.WethPool.connect(bob).requestWithdrawal(parseEther("10") * 10n ** 6n));
    await networkHelpers.time.increase(7 * DAY);
    const completeWithdrawal = await gasOf(c.WethPool.connect(bob).completeWithdrawal(bob.address));
    return {
      "CapitalPool.deposit": deposit,
      "CoverBook.buyCover": buyCover,
      "CapitalPool.requestWithdrawal": requestWithdrawal,
      "CapitalPool.completeWithdrawal": completeWithdrawal,
    };
  },
};

export default scenario;
