/**
 * The exit-delay rule (DESIGN section 2, "Exit before risk"): a governance change that raises a pool's risk
 * applies only after its underwriters could leave (withdrawal cooldown + window); one that lowers risk applies
 * at once. Proven through the real Governor and Timelock, and on each contract that holds such a parameter.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { encodeBytes32String, parseEther, toBeHex, zeroPadValue } from "ethers";

import {
  type ProposalCall,
  describePendingRiskChange,
  parametricTermsKey as coreParametricTermsKey,
  parseProposal,
  productKey as coreProductKey,
  productParams,
  readPendingRiskChanges,
  riskRaisingActions,
  simulateProposal,
  triggerRuleRaisesRisk,
  validateProposal,
} from "@coverdao/core/node";
import { passAndExecute } from "../helpers/dao.js";
import { PRODUCT, WETH_COVER_AMOUNT, claimsFixture, timeTo } from "../claims/fixture.js";

const connection = await network.create();
const { networkHelpers } = connection;
const load = () => networkHelpers.loadFixture(fixture);
async function fixture() {
  return claimsFixture(connection);
}

const CAPACITY = encodeBytes32String("capacityRatioBps");
const COOLDOWN = encodeBytes32String("withdrawalCooldown");
const QUORUM = encodeBytes32String("quorumBps");
const productKey = (id: bigint) => zeroPadValue(toBeHex(id), 32);
const latest = async () => BigInt(await networkHelpers.time.latest());

describe("Exit before risk: risk-raising changes wait for the underwriters' exit time", () => {
  it("a proposal raising the capacity ratio executes, but the ratio applies only after cooldown + window", async () => {
    const f = await load();
    const pool = f.c.WethPool;
    const [ratio, cooldown, window] = await pool.parameters();
    const call: ProposalCall = {
      actions: [
        {
          target: await pool.getAddress(),
          value: 0n,
          calldata: pool.interface.encodeFunctionData("setCapacityRatio", [10_000]),
        },
      ],
      description: "# Let the WETH pool sell cover up to all of its capital",
    };
    expect(ratio).to.be.lessThan(10_000n);
    await passAndExecute(connection, f, call);
    const executedAt = await latest();

    // Executed, yet nothing changed: the raise waits in the open, readable by the UI and the CLI.
    expect((await pool.parameters())[0]).to.equal(ratio);
    const pending = await pool.pendingRiskChange(CAPACITY);
    expect(pending.value).to.equal(10_000n);
    expect(pending.effectiveAt).to.equal(executedAt + cooldown + window);
    expect(await pool.riskChangeDelay()).to.equal(cooldown + window);

    // An underwriter who asks to leave when the proposal executes completes before the raise applies.
    const shares = await pool.balanceOf(f.underwriter.address);
    await (await pool.connect(f.underwriter).requestWithdrawal(shares / 10n)).wait();
    await networkHelpers.time.increase(cooldown);
    await expect(pool.connect(f.outsider).applyRiskChange(CAPACITY))
      .to.be.revertedWithCustomError(pool, "RiskChangeNotYetEffective")
      .withArgs(CAPACITY, pending.effectiveAt, (await latest()) + 1n);
    await expect(pool.connect(f.underwriter).completeWithdrawal(f.underwriter.address)).to.emit(
      pool,
      "WithdrawalCompleted",
    );
    expect((await pool.parameters())[0]).to.equal(ratio);

    // Then anyone applies it.
    await timeTo(connection, pending.effectiveAt);
    await expect(pool.connect(f.outsider).applyRiskChange(CAPACITY))
      .to.emit(pool, "RiskChangeApplied")
      .withArgs(CAPACITY, 10_000n)
      .and.to.emit(pool, "CapacityRatioSet")
      .withArgs(ratio, 10_000n);
    expect((await pool.parameters())[0]).to.equal(10_000n);
    await expect(pool.applyRiskChange(CAPACITY))
      .to.be.revertedWithCustomError(pool, "RiskChangeNotQueued")
      .withArgs(CAPACITY);
  });

  it("a risk-lowering change applies at once and drops a queued raise of the same parameter", async () => {
    const f = await load();
    const pool = f.c.WethPool.connect(f.timelock);
    const [ratio] = await pool.parameters();
    await expect(pool.setCapacityRatio(10_000)).to.emit(pool, "RiskChangeQueued");
    await expect(pool.setCapacityRatio(ratio - 1_000n))
      .to.emit(pool, "RiskChangeCancelled")
      .withArgs(CAPACITY, 10_000n)
      .and.to.emit(pool, "CapacityRatioSet")
      .withArgs(ratio, ratio - 1_000n);
    expect((await pool.pendingRiskChange(CAPACITY)).effectiveAt).to.equal(0n);
    // A longer cooldown traps nobody new and lets nobody run faster: at once too.
    const [, cooldown] = await pool.parameters();
    await expect(pool.setWithdrawalCooldown(cooldown + 86_400n))
      .to.emit(pool, "WithdrawalCooldownSet")
      .withArgs(cooldown, cooldown + 86_400n);
  });

  it("attack: one proposal shortening the cooldown and raising capacity cannot shorten the raise's wait", async () => {
    const f = await load();
    const pool = f.c.WethPool;
    const [ratio, cooldown, window] = await pool.parameters();
    const target = await pool.getAddress();
    const call: ProposalCall = {
      actions: [
        { target, value: 0n, calldata: pool.interface.encodeFunctionData("setWithdrawalCooldown", [86_400]) },
        { target, value: 0n, calldata: pool.interface.encodeFunctionData("setCapacityRatio", [10_000]) },
      ],
      description: "# Faster exits and more cover at once",
    };
    await passAndExecute(connection, f, call);
    const executedAt = await latest();
    // Both wait the exit time in force before the proposal: the shorter cooldown is itself a queued raise.
    expect((await pool.pendingRiskChange(COOLDOWN)).effectiveAt).to.equal(executedAt + cooldown + window);
    expect((await pool.pendingRiskChange(CAPACITY)).effectiveAt).to.equal(executedAt + cooldown + window);
    expect(await pool.parameters()).to.deep.equal([ratio, cooldown, window]);
  });

  it("a pool without underwriters has nobody to protect: a raise applies at once", async () => {
    const f = await load();
    expect(await f.c.StablecoinPool.riskChangeDelay()).to.be.greaterThan(0n);
    const { deployCoverDAO } = await import("@coverdao/core/deploy");
    const fresh = await deployCoverDAO(connection);
    expect(await fresh.contracts.StablecoinPool.totalSupply()).to.equal(0n);
    expect(await fresh.contracts.StablecoinPool.riskChangeDelay()).to.equal(0n);
  });

  it("a new active product on a pool with underwriters is listed inactive and activates after the delay", async () => {
    const f = await load();
    const book = f.c.CoverBook.connect(f.timelock);
    const params = {
      ...(await productParams(f.c.CoverBook, PRODUCT.WETH_SMART_CONTRACT)),
      name: "Bridge cover",
    };
    const id = (await f.c.CoverBook.productCount()) + 1n;
    const delay = await f.c.WethPool.riskChangeDelay();
    const added = book.addProduct(params);
    await expect(added).to.emit(book, "ProductAdded").and.to.emit(book, "RiskChangeQueued");
    expect((await f.c.CoverBook.pendingProduct(id))[1]).to.equal((await latest()) + delay);
    expect((await f.c.CoverBook.product(id)).active).to.equal(false);
    const [queued, effectiveAt] = await f.c.CoverBook.pendingProduct(id);
    expect(queued.name).to.equal("Bridge cover");
    expect(queued.active).to.equal(true);
    await expect(f.c.CoverBook.connect(f.buyer).buyCover(id, parseEther("1"), 30n * 86_400n, parseEther("1")))
      .to.be.revertedWithCustomError(book, "CoverProductInactive")
      .withArgs(id);

    await timeTo(connection, effectiveAt);
    await expect(f.c.CoverBook.connect(f.outsider).applyRiskChange(productKey(id)))
      .to.emit(book, "ProductUpdated")
      .withArgs(id, "Bridge cover", true);
    expect((await f.c.CoverBook.product(id)).active).to.equal(true);
    expect((await f.c.CoverBook.pendingProduct(id))[1]).to.equal(0n);
    await expect(
      f.c.CoverBook.connect(f.buyer).buyCover(id, parseEther("1"), 30n * 86_400n, parseEther("1")),
    ).to.emit(book, "CoverBought");
  });

  it("a product update waits whole if any field raises risk; a lowering one applies at once", async () => {
    const f = await load();
    const book = f.c.CoverBook.connect(f.timelock);
    const id = PRODUCT.WETH_SMART_CONTRACT;
    const current = await productParams(f.c.CoverBook, id);

    // Shorter covers: at once. Then longer covers and a lower base rate together: the longer period raises
    // risk, so both wait.
    await expect(
      book.updateProduct(id, { ...current, maxPeriod: current.maxPeriod - 60n * 86_400n }),
    ).to.emit(book, "ProductUpdated");
    const longer = {
      ...current,
      maxPeriod: current.maxPeriod - 30n * 86_400n,
      baseRateBps: current.baseRateBps - 1n,
    };
    await expect(book.updateProduct(id, longer))
      .to.emit(book, "RiskChangeQueued")
      .and.not.to.emit(book, "ProductUpdated");
    expect((await f.c.CoverBook.product(id)).maxPeriod).to.equal(current.maxPeriod - 60n * 86_400n);

    // Less capacity: at once, and it replaces the queued update (the latest decision wins).
    const smaller = {
      ...current,
      maxPeriod: current.maxPeriod - 60n * 86_400n,
      capacityRatioBps: current.capacityRatioBps / 2n,
    };
    await expect(book.updateProduct(id, smaller))
      .to.emit(book, "RiskChangeCancelled")
      .and.to.emit(book, "ProductUpdated")
      .withArgs(id, current.name, true);
    expect((await f.c.CoverBook.product(id)).capacityRatioBps).to.equal(smaller.capacityRatioBps);
    expect((await f.c.CoverBook.pendingProduct(id))[1]).to.equal(0n);

    // Re-activating a paused product raises risk again.
    await (await book.updateProduct(id, { ...smaller, active: false })).wait();
    await expect(book.updateProduct(id, smaller)).to.emit(book, "RiskChangeQueued");
    expect((await f.c.CoverBook.product(id)).active).to.equal(false);
    await expect(
      f.c.CoverBook.connect(f.buyer).buyCover(id, WETH_COVER_AMOUNT / 10n, 30n * 86_400n, parseEther("10")),
    ).to.be.revertedWithCustomError(book, "CoverProductInactive");
  });

  it("a lower claim quorum waits for the slowest pool's exit time; a higher one applies at once", async () => {
    const f = await load();
    const claims = f.c.CoverClaims.connect(f.timelock);
    const quorum = f.params.quorumBps;
    const delay = await f.c.CoverClaims.riskChangeDelay();
    const [, wethCooldown, wethWindow] = await f.c.WethPool.parameters();
    const [, usdCooldown, usdWindow] = await f.c.StablecoinPool.parameters();
    const slowest = [wethCooldown + wethWindow, usdCooldown + usdWindow].reduce((a, b) => (a > b ? a : b));
    expect(delay).to.equal(slowest);

    await expect(claims.setQuorumBps(quorum - 100n)).to.emit(claims, "RiskChangeQueued");
    const queued = await f.c.CoverClaims.pendingRiskChange(QUORUM);
    expect(queued.value).to.equal(quorum - 100n);
    expect(queued.effectiveAt).to.equal((await latest()) + delay);
    expect((await f.c.CoverClaims.parameters()).quorumBps).to.equal(quorum);
    await expect(claims.setQuorumBps(quorum + 100n))
      .to.emit(claims, "ClaimParameterSet")
      .withArgs(QUORUM, quorum, quorum + 100n)
      .and.to.emit(claims, "RiskChangeCancelled");
    expect((await f.c.CoverClaims.parameters()).quorumBps).to.equal(quorum + 100n);
  });

  it("attack: a weaker parametric trigger rule waits like any raise; a stricter one applies at once", async () => {
    const f = await load();
    const book = f.c.CoverBook.connect(f.timelock);
    const id = PRODUCT.STABLE_DEPEG;
    const { terms } = await f.c.CoverBook.parametricSettings(id);
    const current = {
      recoveryPrice: terms.recoveryPrice,
      referencePrice: terms.referencePrice,
      confirmationWindow: terms.confirmationWindow,
      waitingPeriod: terms.waitingPeriod,
      heartbeat: terms.heartbeat,
      heartbeatTolerance: terms.heartbeatTolerance,
      triggerBufferBps: terms.triggerBufferBps,
      payoutRule: terms.payoutRule,
    };
    const key = await f.c.CoverBook.parametricTermsKey(id);
    expect(key).to.equal(coreParametricTermsKey(id));
    const delay = await f.c.StablecoinPool.riskChangeDelay();

    // Each weakening alone would let open covers pay on a shorter or smaller fall: every one of them waits.
    const weaker = [
      { ...current, confirmationWindow: current.confirmationWindow / 2n },
      { ...current, waitingPeriod: current.waitingPeriod / 2n },
      { ...current, triggerBufferBps: 0n },
      { ...current, heartbeatTolerance: current.heartbeatTolerance + 60n },
      { ...current, payoutRule: current.payoutRule === 0n ? 1n : 0n },
    ].filter((rule) => triggerRuleRaisesRisk(current, rule, true));
    expect(weaker.length).to.be.greaterThanOrEqual(4);
    for (const rule of weaker) {
      await expect(book.setParametricTerms(id, rule))
        .to.emit(book, "RiskChangeQueued")
        .and.not.to.emit(book, "ParametricTermsSet");
      expect((await f.c.CoverBook.pendingParametricTerms(id))[1]).to.equal((await latest()) + delay);
      expect((await f.c.CoverBook.parametricSettings(id)).terms.confirmationWindow).to.equal(
        current.confirmationWindow,
      );
    }
    const [queued, effectiveAt] = await f.c.CoverBook.pendingParametricTerms(id);
    expect(queued.payoutRule).to.equal(weaker[weaker.length - 1].payoutRule);
    await expect(f.c.CoverBook.connect(f.outsider).applyRiskChange(key)).to.be.revertedWithCustomError(
      book,
      "RiskChangeNotYetEffective",
    );

    // A longer window is stricter: at once, and it drops the queued weakening (the latest decision wins).
    const stricter = { ...current, confirmationWindow: current.confirmationWindow * 2n };
    expect(triggerRuleRaisesRisk(current, stricter, true)).to.equal(false);
    await expect(book.setParametricTerms(id, stricter))
      .to.emit(book, "ParametricTermsSet")
      .and.to.emit(book, "RiskChangeCancelled");
    expect((await f.c.CoverBook.parametricSettings(id)).terms.confirmationWindow).to.equal(
      stricter.confirmationWindow,
    );

    // Queued again, then applied by anyone once underwriters could have left.
    await (await book.setParametricTerms(id, weaker[0])).wait();
    const [, at] = await f.c.CoverBook.pendingParametricTerms(id);
    expect(at).to.be.greaterThan(effectiveAt - 1n);
    await timeTo(connection, at);
    await expect(f.c.CoverBook.connect(f.outsider).applyRiskChange(key))
      .to.emit(book, "ParametricTermsSet")
      .and.to.emit(book, "RiskChangeApplied");
    expect((await f.c.CoverBook.parametricSettings(id)).terms.confirmationWindow).to.equal(
      weaker[0].confirmationWindow,
    );
  });

  describe("TS core: what waits, in words, for the CLI and the UI", () => {
    const file = (actions: string) => `---\ntitle: Raise risk\nactions:\n${actions}\n---\n\nWhy: a test.\n`;
    const raise =
      "  - contract: WethPool\n    function: setCapacityRatio\n    args: { newRatioBps: 100% }\n" +
      "  - contract: CoverClaims\n    function: setQuorumBps\n    args: { value: 5% }\n" +
      "  - contract: StablecoinPool\n    function: setCapacityRatio\n    args: { newRatioBps: 10% }";

    it("validate names each risk-raising action and its wait; simulate applies it when due", async () => {
      const f = await load();
      const chain = { deployment: f.deployment, provider: connection.ethers.provider };
      const [, cooldown, window] = await f.c.WethPool.parameters();
      const resolved = await validateProposal(parseProposal(file(raise), "raise.md"), chain);
      const days = Number((cooldown + window) / 86_400n);
      expect(resolved.notes.filter((n) => n.includes("raises the pool's risk"))).to.deep.equal([
        `actions[0] (WethPool.setCapacityRatio) raises the pool's risk: it executes, but its new value applies only ${days} days later (the withdrawal cooldown plus window, so underwriters can leave first), when anyone calls applyRiskChange`,
        `actions[1] (CoverClaims.setQuorumBps) raises the pool's risk: it executes, but its new value applies only ${days} days later (the withdrawal cooldown plus window, so underwriters can leave first), when anyone calls applyRiskChange`,
      ]);

      const report = await simulateProposal(resolved, chain);
      expect(report.steps.filter((s) => s.startsWith("Waits for underwriters"))).to.have.length(2);
      expect(report.steps.filter((s) => s.startsWith("Applied"))).to.have.length(2);
      const changed = Object.fromEntries(report.rows.filter((r) => r.changed).map((r) => [r.key, r.after]));
      expect(changed["pool.WethPool.capacityRatio"]).to.equal("100%");
      expect(changed["pool.StablecoinPool.capacityRatio"]).to.equal("10%");
      expect(changed["claims.quorum"]).to.equal("5%");
    });

    it("reads what waits on chain, soonest first, and agrees with the contracts on what raises risk", async () => {
      const f = await load();
      const chain = { deployment: f.deployment, provider: connection.ethers.provider };
      const proposal = await validateProposal(parseProposal(file(raise), "raise.md"), chain);
      const predicted = (await riskRaisingActions(chain, proposal.actions)).map((r) => r.index);
      for (const action of proposal.actions) {
        await (await f.timelock.sendTransaction({ to: action.target, data: action.calldata })).wait();
      }
      const pending = await readPendingRiskChanges(chain);
      expect(pending.map((p) => p.contract)).to.deep.equal(
        predicted.map((i) => proposal.actions[i].contract),
      );
      expect(pending.map((p) => p.value)).to.deep.equal(["100%", "5%"]);

      // A product update: the same rule in TypeScript and in CoverBook.
      const book = f.c.CoverBook.connect(f.timelock);
      const current = await productParams(f.c.CoverBook, PRODUCT.WETH_SMART_CONTRACT);
      await (await book.updateProduct(PRODUCT.WETH_SMART_CONTRACT, { ...current, active: false })).wait();
      await (await book.updateProduct(PRODUCT.WETH_SMART_CONTRACT, current)).wait();
      const all = await readPendingRiskChanges(chain);
      const product = all.find((p) => p.key === coreProductKey(PRODUCT.WETH_SMART_CONTRACT));
      expect(product?.label).to.equal(`product #1 (${current.name})`);
      expect(product?.value).to.equal("activates");
      const now = await latest();
      // A trigger rule: read back in words, with the same key as the contract's.
      const { terms } = await f.c.CoverBook.parametricSettings(PRODUCT.STABLE_DEPEG);
      await (
        await book.setParametricTerms(PRODUCT.STABLE_DEPEG, {
          recoveryPrice: terms.recoveryPrice,
          referencePrice: terms.referencePrice,
          confirmationWindow: terms.confirmationWindow / 2n,
          waitingPeriod: terms.waitingPeriod,
          heartbeat: terms.heartbeat,
          heartbeatTolerance: terms.heartbeatTolerance,
          triggerBufferBps: terms.triggerBufferBps,
          payoutRule: terms.payoutRule,
        })
      ).wait();
      const rule = (await readPendingRiskChanges(chain)).find(
        (p) => p.key === coreParametricTermsKey(PRODUCT.STABLE_DEPEG),
      );
      expect(rule?.label).to.match(/^product #2 \(.+\) trigger rule$/);
      expect(rule?.value).to.equal("confirmation window 1 day → 12 hours");
      expect(describePendingRiskChange(product!, now)).to.match(
        /^product #1 \(.+\): activates applies from \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in \d+ days?\); anyone may apply it then \(applyRiskChange\)\.$/,
      );
    });
  });
});
