import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import { FunctionFragment, id, parseEther } from "ethers";
import { network } from "hardhat";

import {
  ARGUMENT_UNITS,
  type Chain,
  FAMILIES,
  FieldError,
  PARAMETERS,
  ProposalError,
  REPO_ROOT,
  convertArguments,
  draftSetterCall,
  loadProposal,
  parametersOf,
  parseProposal,
  readAllParameters,
  registryProblems,
  resolveProposal,
  simulateProposal,
  simulationMarkdown,
  statusOf,
  validateProposal,
} from "@coverdao/core/node";
import { DAY, daoWithVoters, passAndExecute } from "../helpers/dao.js";

const connection = await network.create();
const { networkHelpers } = connection;

const PROPOSALS_DIR = path.join(REPO_ROOT, "proposals");
const EXAMPLES = readdirSync(PROPOSALS_DIR)
  .filter((f) => f.endsWith(".md") && !f.endsWith(".simulation.md"))
  .map((f) => path.join(PROPOSALS_DIR, f));

/** The DAO with voters, and a treasury: the deployer funds the Timelock with 1M COVER. */
async function fixture() {
  const dao = await daoWithVoters(connection);
  const timelock = await dao.contracts.CoverTimelock.getAddress();
  await (await dao.contracts.GovernanceToken.transfer(timelock, parseEther("1000000"))).wait();
  return dao;
}

async function setup() {
  const dao = await networkHelpers.loadFixture(fixture);
  const chain = { deployment: dao.deployment, provider: connection.ethers.provider };
  return { dao, chain };
}

/** The problems of a proposal text: parse, then validate against the chain. */
async function problemsOf(chain: Chain, text: string): Promise<string[]> {
  try {
    await validateProposal(parseProposal(text, "bad.md"), chain);
  } catch (error) {
    if (error instanceof ProposalError) return error.problems.map(formatted);
    throw error;
  }
  return [];
}
const formatted = (p: ProposalError["problems"][number]) =>
  [p.file, p.action ? `actions[${p.action.index}] (${p.action.call})` : "", p.field ?? "", p.message].join(
    " | ",
  );

const proposal = (actions: string, body = "Why: a real reason.") =>
  `---\ntitle: Test proposal\nactions:\n${actions}\n---\n\n${body}\n`;

/** Product #1 as deployed, with `changes`, set by `updateProduct` (or given to `addProduct`). */
const product = (changes: Record<string, string>, fn: "updateProduct" | "addProduct" = "updateProduct") => {
  const fields = {
    name: "Smart contract cover (WETH)",
    riskType: "SmartContract",
    pool: "WethPool",
    baseRateBps: "2.5%",
    surchargeBps: "7.5%",
    capacityRatioBps: "80%",
    minPeriod: "28 days",
    maxPeriod: "365 days",
    active: "true",
    priceFeed: '"0x0000000000000000000000000000000000000000"',
    triggerPrice: "0 USD",
    ...changes,
  };
  const params = Object.entries(fields)
    .map(([k, v]) => `        ${k}: ${v}`)
    .join("\n");
  const id = fn === "updateProduct" ? "      productId: 1\n" : "";
  return `  - contract: CoverBook\n    function: ${fn}\n    args:\n${id}      params:\n${params}`;
};

const cooldown = (value: string) =>
  `  - contract: StakingVault\n    function: setUnstakeCooldown\n    args:\n      newCooldown: ${value}`;

describe("Proposals as code", () => {
  it("has a registry whose getters, setters and bound constants exist in the ABIs", async () => {
    expect(registryProblems()).to.deep.equal([]);
    const { chain } = await setup();
    const readings = await readAllParameters(chain);
    const byKey = new Map(readings.map((r) => [r.key, r]));
    // Product fields are read once per product (two at deployment).
    const perProduct = PARAMETERS.filter((p) => p.index).length;
    expect(readings).to.have.length(PARAMETERS.length + perProduct);
    expect(byKey.get("staking.unstakeCooldown")?.display).to.equal("7 days");
    expect(byKey.get("staking.unstakeCooldown")?.bounds?.display).to.equal("1 day … 90 days");
    expect(byKey.get("staking.maxSlash")?.display).to.equal("20%");
    expect(byKey.get("governance.quorum")?.display).to.equal("4%");
    expect(byKey.get("governance.proposalThreshold")?.bounds?.display).to.equal("0 COVER … 500000 COVER");
    expect(byKey.get("governance.timelockDelay")?.bounds?.display).to.equal("1 hour … 30 days");
    expect(byKey.get("guardian.GUARDIAN_ROLE")?.value).to.deep.equal([chain.deployment.accounts.guardian]);
    expect(byKey.get("access.functionRoles")?.value).to.include.members([
      "StakingVault.lock(address,uint48) → CLAIMS_ROLE",
      "WethPool.payAssessorReward(address,uint256) → CLAIMS_ROLE",
      "WethPool.pause() → GUARDIAN_ROLE",
    ]);
    expect(byKey.get("treasury.COVER")?.display).to.equal("1000000 COVER");
    // Pools: two deployments of one contract, one entry each.
    expect(byKey.get("pool.WethPool.withdrawalCooldown")?.display).to.equal("7 days");
    expect(byKey.get("pool.StablecoinPool.withdrawalCooldown")?.bounds?.display).to.equal("1 day … 90 days");
    expect(byKey.get("pool.StablecoinPool.capacityRatio")?.display).to.equal("90%");
    // Products: indexed, labelled with their names, bounds that depend on the product's other fields.
    const base = byKey.get("cover.product.baseRate#1");
    expect(base?.label).to.equal("#1 Smart contract cover (WETH): product base annual rate");
    expect(base?.display).to.equal("2.5%");
    expect(byKey.get("cover.product.surcharge#1")?.bounds?.display).to.equal("0% … 97.5%");
    expect(byKey.get("cover.product.maxPeriod#2")?.bounds?.display).to.equal("7 days … 365 days");
    expect(byKey.get("cover.product.riskType#2")?.display).to.equal("DepegMarket");
    expect(byKey.get("cover.product.triggerPrice#2")?.display).to.equal("0.995 USD");
    // The trigger rule (issue 14): per product, read from parametricSettings, bounded by the contract.
    expect(byKey.get("cover.product.confirmationWindow#2")?.display).to.equal("1 day");
    expect(byKey.get("cover.product.waitingPeriod#2")?.bounds?.display).to.equal("1 hour … 30 days");
    expect(byKey.get("cover.product.payoutRule#2")?.display).to.equal("LossProportional");
    expect(byKey.get("cover.product.priceFeed#2")?.display).to.equal(
      `DepegFeed (${chain.deployment.contracts.DepegFeed})`,
    );
    expect(byKey.get("cover.product.active#1")?.display).to.equal("yes");
    expect(byKey.get("cover.assessorShare")?.bounds?.display).to.equal("0% … 20%");
    // Claims: all fourteen bounded setters (the escalation bond scale, the reward per claim and the quorum-miss fee among them).
    const claims = readings.filter((r) => r.parameter.family === "claims" && r.bounds);
    expect(claims).to.have.length(14);
    expect(byKey.get("claims.votingPeriod")?.display).to.equal("3 days");
    expect(byKey.get("claims.quorum")?.bounds?.display).to.equal("1% … 50%");
    expect(byKey.get("claims.claimDeposit")?.display).to.equal("0.05 ETH");
    expect(byKey.get("claims.claimDeposit")?.bounds?.display).to.equal("0.001 ETH … 10 ETH");
    expect(byKey.get("claims.maxExtensions")?.bounds?.display).to.equal("0 … 5");
    // The percent unit assumes OpenZeppelin's default quorum denominator.
    expect(await (await setup()).dao.contracts.CoverGovernor.quorumDenominator()).to.equal(100n);
  });

  it("keeps the registry browser-safe: no node: module among its runtime imports, transitively", () => {
    const seen = new Set<string>();
    const nodeImports: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      // Runtime imports only: `import type` and `export type` are erased by the compiler.
      for (const [, specifier] of source.matchAll(/^(?:import|export)(?! type )[^;]*?from "([^"]+)";/gms)) {
        if (specifier.startsWith("node:"))
          nodeImports.push(`${path.relative(REPO_ROOT, file)} → ${specifier}`);
        else if (specifier.startsWith(".")) {
          const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, ".ts");
          visit(existsSync(target) ? target : target.replace(/\.ts$/, "/index.ts"));
        }
      }
    };
    visit(path.join(REPO_ROOT, "packages/core/src/parameters/index.ts"));
    expect(seen.size).to.be.greaterThan(3);
    expect(nodeImports).to.deep.equal([]);
  });

  describe("every example proposal", () => {
    expect(EXAMPLES.length).to.be.greaterThanOrEqual(5);
    for (const file of EXAMPLES) {
      it(`validates and simulates ${path.basename(file)}`, async () => {
        const { chain } = await setup();
        const resolved = await validateProposal(loadProposal(file), chain);
        expect(resolved.description.startsWith(`# ${resolved.title}\n\n`)).to.equal(true);
        const report = await simulateProposal(resolved, chain, { risk: { paths: 5_000 } });
        expect(report.rows.some((r) => r.changed)).to.equal(true);
        expect(simulationMarkdown(report)).to.include("| Family | Parameter | Before | After | Bounds |");
        // The risk diff rides along: every pool's figures on both sides, nothing applied first on this DAO.
        expect(report.pending).to.deep.equal([]);
        expect(report.risk?.rows.some((r) => r.key === "WethPool.atCapacity.solvencyRatio")).to.equal(true);
        expect(simulationMarkdown(report)).to.include("## Risk before and after");
        // The snapshot was reverted: nothing changed on the chain.
        const after = await readAllParameters(chain);
        const existedBefore = report.rows.filter((r) => r.before !== "—");
        expect(after.map((r) => [r.key, r.display])).to.deep.equal(
          existedBefore.map((r) => [r.key, r.before]),
        );
      });
    }

    it("reports exactly the intended before/after changes", async function () {
      // Ten simulations in one test, each applying the chain's decided proposals first: more than mocha's 40 s
      // default on a loaded two-core machine.
      this.timeout(180_000);
      const { chain } = await setup();
      const changes = async (name: string) => {
        const resolved = await validateProposal(loadProposal(path.join(PROPOSALS_DIR, name)), chain);
        // The parameters alone (the risk diff is checked per example above and in test/risk/diff.test.ts).
        const report = await simulateProposal(resolved, chain, { risk: false });
        return Object.fromEntries(
          report.rows.filter((r) => r.changed).map((r) => [r.key, [r.before, r.after]]),
        );
      };
      expect(await changes("001-staking-cooldown.md")).to.deep.equal({
        "staking.unstakeCooldown": ["7 days", "10 days"],
        "staking.unstakeWindow": ["2 days", "3 days"],
      });
      expect(await changes("002-governor-quorum-and-voting-period.md")).to.deep.equal({
        "governance.votingPeriod": ["5 days", "7 days"],
        "governance.quorum": ["4%", "5%"],
        "governance.lateQuorumExtension": ["1 day", "2 days"],
      });
      const council = "0xD4942789f72E6Ed738C4bfAA089Fbf016a8CCc18";
      const guardian = chain.deployment.accounts.guardian;
      expect(await changes("003-rotate-guardian.md")).to.deep.equal({
        "governance.proposalGuardian": [`guardian (${guardian})`, council],
        "guardian.GUARDIAN_ROLE": [`guardian (${guardian})`, council],
      });
      expect(await changes("004-treasury-audit-grant.md")).to.deep.equal({
        "treasury.COVER": ["1000000 COVER", "750000 COVER"],
      });
      expect(await changes("006-weth-cover-pricing.md")).to.deep.equal({
        "cover.product.baseRate#1": ["2.5%", "3%"],
        "cover.product.surcharge#1": ["7.5%", "9%"],
        "cover.assessorShare": ["10%", "12%"],
      });
      expect(await changes("007-stablecoin-capacity.md")).to.deep.equal({
        "pool.StablecoinPool.capacityRatio": ["90%", "80%"],
        "cover.product.capacityRatio#2": ["70%", "60%"],
      });
      expect(await changes("008-pool-withdrawal-cooldown.md")).to.deep.equal({
        "pool.WethPool.withdrawalCooldown": ["7 days", "10 days"],
        "pool.WethPool.withdrawalWindow": ["2 days", "3 days"],
        "pool.StablecoinPool.withdrawalCooldown": ["7 days", "10 days"],
        "pool.StablecoinPool.withdrawalWindow": ["2 days", "3 days"],
      });
      expect(await changes("009-claim-assessment.md")).to.deep.equal({
        "claims.votingPeriod": ["3 days", "4 days"],
        "claims.quorum": ["10%", "15%"],
        "claims.cooldown": ["2 days", "3 days"],
        "claims.claimDeposit": ["0.05 ETH", "0.1 ETH"],
      });
      expect(await changes("010-add-bridge-hack-cover.md")).to.deep.equal({
        "cover.productCount": ["2", "3"],
        "cover.product.name#3": ["—", "Bridge hack cover (WETH)"],
        "cover.product.riskType#3": ["—", "Hack"],
        "cover.product.pool#3": ["—", `WethPool (${chain.deployment.contracts.WethPool})`],
        "cover.product.baseRate#3": ["—", "4%"],
        "cover.product.surcharge#3": ["—", "8%"],
        "cover.product.capacityRatio#3": ["—", "30%"],
        "cover.product.minPeriod#3": ["—", "30 days"],
        "cover.product.maxPeriod#3": ["—", "180 days"],
        "cover.product.active#3": ["—", "yes"],
        "cover.product.priceFeed#3": ["—", "(none)"],
        "cover.product.triggerPrice#3": ["—", "0 USD"],
        // An assessed product has no trigger rule: its fields read zero.
        "cover.product.recoveryPrice#3": ["—", "0"],
        "cover.product.referencePrice#3": ["—", "0"],
        "cover.product.confirmationWindow#3": ["—", "0 seconds"],
        "cover.product.waitingPeriod#3": ["—", "0 seconds"],
        "cover.product.heartbeat#3": ["—", "0 seconds"],
        "cover.product.heartbeatTolerance#3": ["—", "0 seconds"],
        "cover.product.triggerBuffer#3": ["—", "0%"],
        "cover.product.payoutRule#3": ["—", "Full"],
        "cover.product.minCoverAmount#3": ["—", "0"],
      });
      const slashing = await changes("005-claims-may-slash.md");
      expect(Object.keys(slashing)).to.deep.equal(["staking.maxSlash", "access.functionRoles"]);
      expect(slashing["staking.maxSlash"]).to.deep.equal(["20%", "10%"]);
      const [rolesBefore, rolesAfter] = slashing["access.functionRoles"];
      const slashRole = "StakingVault.slash(address,uint256) → CLAIMS_ROLE";
      expect(rolesBefore).not.to.include(slashRole);
      expect(rolesAfter).to.include(slashRole);
      expect(rolesAfter.replace(`, ${slashRole}`, "")).to.equal(rolesBefore);
    });
  });

  it("drafts setter calls from the registry that the proposal pipeline accepts, keeping every other field", async () => {
    const { chain } = await setup();
    expect(Object.keys(FAMILIES)).to.include.members(["pool", "cover", "claims"]);
    const find = (key: string) => {
      const parameter = PARAMETERS.find((p) => p.key === key);
      if (!parameter) throw new Error(`no ${key}`);
      return parameter;
    };
    expect(parametersOf("claims").map((p) => p.key)).to.include("claims.claimDeposit");
    const actions = [
      await draftSetterCall(chain, find("cover.product.surcharge"), "9%", 1n),
      await draftSetterCall(chain, find("cover.treasuryShare"), "6%"),
      await draftSetterCall(chain, find("claims.claimDeposit"), "0.1 ETH"),
      await draftSetterCall(chain, find("pool.StablecoinPool.withdrawalWindow"), "3 days"),
    ];
    // The product is restated from the chain, with the one field changed.
    expect(actions[0]).to.deep.equal({
      contract: "CoverBook",
      function: "updateProduct",
      args: {
        productId: "1",
        params: {
          name: "Smart contract cover (WETH)",
          riskType: "SmartContract",
          pool: "WethPool",
          baseRateBps: "2.5%",
          surchargeBps: "9%",
          capacityRatioBps: "80%",
          minPeriod: "28 days",
          maxPeriod: "365 days",
          active: true,
          priceFeed: "0x0000000000000000000000000000000000000000",
          triggerPrice: "0 USD",
        },
      },
    });
    expect(actions[1].args).to.deep.equal({ assessorShareBps: "10%", treasuryShareBps: "6%" });
    const draft = { file: "draft.md", title: "Drafted", body: "From the registry.", actions };
    const report = await simulateProposal(await validateProposal(draft, chain), chain);
    const changed = Object.fromEntries(
      report.rows.filter((r) => r.changed).map((r) => [r.key, [r.before, r.after]]),
    );
    expect(changed).to.deep.equal({
      "pool.StablecoinPool.withdrawalWindow": ["2 days", "3 days"],
      "cover.product.surcharge#1": ["7.5%", "9%"],
      "cover.treasuryShare": ["5%", "6%"],
      "claims.claimDeposit": ["0.05 ETH", "0.1 ETH"],
    });
    // Out of bounds: caught by validation, not by the draft.
    const tooMuch = await draftSetterCall(chain, find("cover.assessorShare"), "25%");
    const error = await validateProposal({ ...draft, actions: [tooMuch] }, chain).catch((e: unknown) => e);
    expect((error as ProposalError).message).to.include(
      'draft.md: actions[0] (CoverBook.setPremiumShares): args.assessorShareBps: "25%" is out of bounds: premium share to claim assessors must be between 0% and 20%',
    );
    await expect(draftSetterCall(chain, find("cover.product.baseRate"), "3%")).to.be.rejectedWith(
      "give its productId",
    );
    await expect(draftSetterCall(chain, find("guardian.GUARDIAN_ROLE"), "x")).to.be.rejectedWith(
      "no single setter",
    );
  });

  it("takes a proposal file through propose, vote, queue and execute, with its effect", async () => {
    const { dao, chain } = await setup();
    const resolved = await validateProposal(
      loadProposal(path.join(PROPOSALS_DIR, "001-staking-cooldown.md")),
      chain,
    );
    const governor = dao.contracts.CoverGovernor;
    expect(await statusOf(governor, resolved.call)).to.equal(undefined);
    await passAndExecute(connection, dao, resolved.call);
    const status = await statusOf(governor, resolved.call);
    expect(status?.state).to.equal("Executed");
    expect(status?.votes.for).to.equal(parseEther("1900000"));
    expect(status?.quorum).to.equal(parseEther("400000"));
    const [cooldownNow, windowNow] = await dao.contracts.StakingVault.parameters();
    expect([cooldownNow, windowNow]).to.deep.equal([BigInt(10 * DAY), BigInt(3 * DAY)]);
  });

  it("converts arrays of function signatures and role names (setTargetFunctionRole)", async () => {
    const { chain } = await setup();
    const resolved = await resolveProposal(
      loadProposal(path.join(PROPOSALS_DIR, "005-claims-may-slash.md")),
      chain,
    );
    const [target, selectors, roleId] = resolved.actions[1].args.map((a) => a.value);
    expect(target).to.equal(chain.deployment.contracts.StakingVault);
    expect(selectors).to.deep.equal([id("slash(address,uint256)").slice(0, 10)]);
    expect(roleId).to.equal(2n);
    expect(resolved.actions[0].args[0].value).to.equal(1000n);
  });

  it("converts struct arguments as named fields, with units from the argument registry", async () => {
    const { chain } = await setup();
    const addProduct = FunctionFragment.from(
      "function addProduct((string name, uint16 premiumBps, uint48 gracePeriod, uint256 capacity, address[] pools, bool active) product)",
    );
    ARGUMENT_UNITS["CoverPool.addProduct.product.capacity"] = { kind: "token", symbol: "USDC" };
    try {
      const product = {
        name: "Aave v3 smart-contract cover",
        premiumBps: "2.6%",
        gracePeriod: "14 days",
        capacity: "2500000.5 USDC",
        pools: ["CoverTimelock", "0x5337cda553eCB46de49e53E1E079f19Ca89eC04d"],
        active: true,
      };
      const [converted] = await convertArguments(chain, "CoverPool", addProduct, { product });
      expect(converted).to.deep.equal([
        "Aave v3 smart-contract cover",
        260n,
        BigInt(14 * DAY),
        2_500_000_500_000n,
        [chain.deployment.contracts.CoverTimelock, "0x5337cda553eCB46de49e53E1E079f19Ca89eC04d"],
        true,
      ]);
      const bad = { ...product, capacity: "1000 COVER" };
      const error = await convertArguments(chain, "CoverPool", addProduct, { product: bad }).catch(
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(FieldError);
      expect((error as FieldError).field).to.equal("args.product.capacity");
      expect((error as FieldError).message).to.include("not an amount of USDC");
      const { active: _active, ...missing } = product;
      const error2 = await convertArguments(chain, "CoverPool", addProduct, { product: missing }).catch(
        (e: unknown) => e,
      );
      expect((error2 as FieldError).message).to.include("missing active");
    } finally {
      delete ARGUMENT_UNITS["CoverPool.addProduct.product.capacity"];
    }
  });

  describe("bad files fail with precise errors", () => {
    const expectProblem = async (text: string, expected: string) => {
      const { chain } = await setup();
      const problems = await problemsOf(chain, text);
      expect(problems, `problems: ${problems.join("\n")}`).to.have.length(1);
      expect(problems[0], problems[0]).to.include(expected);
    };

    it("unknown contract", async () => {
      await expectProblem(
        proposal("  - contract: CoverPool\n    function: setCapacity\n    args: {}"),
        'bad.md | actions[0] (CoverPool.setCapacity) | contract | unknown contract "CoverPool"',
      );
    });

    it("unknown function", async () => {
      await expectProblem(
        proposal("  - contract: StakingVault\n    function: setCooldown\n    args: {}"),
        'actions[0] (StakingVault.setCooldown) | function | unknown function "setCooldown" on StakingVault; it has:',
      );
    });

    it("wrong argument count", async () => {
      await expectProblem(
        proposal(`${cooldown("10 days")}\n      extra: 1`),
        "actions[0] (StakingVault.setUnstakeCooldown) | args | wrong arguments: expected 1 (newCooldown), got 2; unexpected extra",
      );
      await expectProblem(
        proposal("  - contract: StakingVault\n    function: setUnstakeCooldown"),
        "wrong arguments: expected 1 (newCooldown), got 0; missing newCooldown",
      );
    });

    it("unparseable unit, unfit unit, too many decimals", async () => {
      await expectProblem(
        proposal(cooldown("10 fortnights")),
        'args.newCooldown | "10 fortnights" is not a duration',
      );
      await expectProblem(proposal(cooldown("12.5%")), 'args.newCooldown | "12.5%" is not a duration');
      await expectProblem(
        proposal(cooldown("864000")),
        'args.newCooldown | 864000 has no unit: write it as "7 days"',
      );
      await expectProblem(
        proposal("  - contract: StakingVault\n    function: setMaxSlashBps\n    args: { newBps: 12.345% }"),
        'args.newBps | "12.345%" has more than 2 decimal places',
      );
      await expectProblem(
        proposal(
          '  - contract: GovernanceToken\n    function: transfer\n    args: { to: "0x5337cda553eCB46de49e53E1E079f19Ca89eC04d", value: 1000 USDC }',
        ),
        'args.value | "1000 USDC" is not an amount of COVER',
      );
    });

    it("value out of bounds, from the contract's constants", async () => {
      await expectProblem(
        proposal(cooldown("100 days")),
        'actions[0] (StakingVault.setUnstakeCooldown) | args.newCooldown | "100 days" is out of bounds: unstake cooldown must be between 1 day and 90 days (86400…7776000), got 8640000',
      );
      await expectProblem(
        proposal(
          "  - contract: CoverGovernor\n    function: updateQuorumNumerator\n    args: { newQuorumNumerator: 60% }",
        ),
        "quorum (share of total votes) must be between 1% and 50%",
      );
    });

    it("value out of bounds for pool, cover and claims parameters", async () => {
      await expectProblem(
        proposal(
          "  - contract: WethPool\n    function: setWithdrawalCooldown\n    args: { newCooldown: 100 days }",
        ),
        'actions[0] (WethPool.setWithdrawalCooldown) | args.newCooldown | "100 days" is out of bounds: weth pool: withdrawal cooldown must be between 1 day and 90 days (86400…7776000), got 8640000',
      );
      await expectProblem(
        proposal(
          "  - contract: StablecoinPool\n    function: setCapacityRatio\n    args: { newRatioBps: 0.5% }",
        ),
        'actions[0] (StablecoinPool.setCapacityRatio) | args.newRatioBps | "0.5%" is out of bounds: stablecoin pool: capacity ratio (largest active cover / capital) must be between 1% and 100%',
      );
      await expectProblem(
        proposal("  - contract: CoverClaims\n    function: setQuorumBps\n    args: { value: 60% }"),
        'actions[0] (CoverClaims.setQuorumBps) | args.value | "60%" is out of bounds: claim quorum (share of total stake at filing) must be between 1% and 50% (100…5000), got 6000',
      );
      await expectProblem(
        proposal("  - contract: CoverClaims\n    function: setClaimDeposit\n    args: { value: 20 ETH }"),
        "claim deposit must be between 0.001 ETH and 10 ETH",
      );
      await expectProblem(
        proposal("  - contract: CoverClaims\n    function: setMaxExtensions\n    args: { value: 6 }"),
        "actions[0] (CoverClaims.setMaxExtensions) | args.value | 6 is out of bounds: extensions per claim must be between 0 and 5",
      );
      // A product's surcharge is bounded by its own base rate: 100% - 3% = 97%.
      await expectProblem(
        proposal(product({ baseRateBps: "3%", surchargeBps: "98%" })),
        'actions[0] (CoverBook.updateProduct) | args.params.surchargeBps | "98%" is out of bounds: product utilization surcharge (annual, at full use) must be between 0% and 97% (0…9700), got 9800',
      );
      await expectProblem(
        proposal(product({ minPeriod: "60 days", maxPeriod: "30 days" })),
        'args.params.maxPeriod | "30 days" is out of bounds: product longest cover period must be between 60 days and 365 days',
      );
      await expectProblem(
        proposal(product({ capacityRatioBps: "120%" }, "addProduct")),
        'actions[0] (CoverBook.addProduct) | args.params.capacityRatioBps | "120%" is out of bounds',
      );
    });

    it("unknown enum member, wrong unit in a struct field, for products and claims", async () => {
      await expectProblem(
        proposal(product({ riskType: "Exploit" })),
        'actions[0] (CoverBook.updateProduct) | args.params.riskType | unknown riskType "Exploit": one of SmartContract, Hack, DepegMarket, Operational',
      );
      await expectProblem(
        proposal(product({ triggerPrice: "0.95 EUR" })),
        'args.params.triggerPrice | "0.95 EUR" is not a price in USD: write e.g. "0.95 USD"',
      );
      await expectProblem(
        proposal("  - contract: CoverClaims\n    function: setClaimDeposit\n    args: { value: 0.1 WETH }"),
        'actions[0] (CoverClaims.setClaimDeposit) | args.value | "0.1 WETH" is not an amount of ETH',
      );
    });

    it("malformed address", async () => {
      await expectProblem(
        proposal(
          '  - contract: StakingVault\n    function: setSlashRecipient\n    args: { newRecipient: "0x1234" }',
        ),
        'args.newRecipient | malformed address "0x1234"',
      );
      await expectProblem(
        proposal(
          '  - contract: StakingVault\n    function: setSlashRecipient\n    args: { newRecipient: "0x5337CDA553eCB46de49e53E1E079f19Ca89eC04d" }',
        ),
        "(bad checksum: check its letter case)",
      );
      await expectProblem(
        proposal(
          "  - contract: StakingVault\n    function: setSlashRecipient\n    args: { newRecipient: Treasury }",
        ),
        'malformed address "Treasury": not a 0x address, nor a deployment name',
      );
    });

    it("missing description and missing title", async () => {
      await expectProblem(proposal(cooldown("10 days"), ""), "bad.md |  | description | missing description");
      const { chain } = await setup();
      const problems = await problemsOf(chain, "---\nactions: []\n---\nBody\n");
      expect(problems).to.deep.equal([
        "bad.md |  | title | Invalid input: expected string, received undefined",
        "bad.md |  | actions | a proposal needs at least one action",
      ]);
    });

    it("an action that would revert when the Timelock executes it", async () => {
      await expectProblem(
        proposal(
          '  - contract: GovernanceToken\n    function: transfer\n    args: { to: "0x5337cda553eCB46de49e53E1E079f19Ca89eC04d", value: 2000000 COVER }',
        ),
        "actions[0] (GovernanceToken.transfer) |  | would revert when the Timelock executes it: Balance too low: 1000000.0 available, 2000000.0 needed.",
      );
    });
  });

  describe("trigger prices in the product's own feed decimals", () => {
    /** An 18-decimal feed (as many ETH-denominated Chainlink feeds are), next to the deployment's 8-decimal one. */
    async function feed18(): Promise<string> {
      const feed = await connection.ethers.deployContract("LocalPriceFeed", [18, "tUSD / ETH", 10n ** 18n]);
      return feed.getAddress();
    }
    /** Product #2 (parametric) restated with `priceFeed` and `triggerPrice`. */
    const depeg = (priceFeed: string, triggerPrice: string) =>
      product({
        name: "Stablecoin depeg cover (parametric)",
        riskType: "DepegMarket",
        pool: "StablecoinPool",
        baseRateBps: "1.5%",
        surchargeBps: "5%",
        capacityRatioBps: "70%",
        minPeriod: "7 days",
        maxPeriod: "180 days",
        priceFeed,
        triggerPrice,
      }).replace("productId: 1", "productId: 2");
    /** The encoded `params` struct of the proposal's only action. */
    const params = async (chain: Chain, text: string) => {
      const resolved = await validateProposal(parseProposal(text, "feed.md"), chain);
      return resolved.actions[0].args[1].value as unknown[];
    };

    it("encodes 0.95 USD as 0.95e18 for an 18-decimal feed and 95000000 for an 8-decimal one", async () => {
      const { chain } = await setup();
      const feed = await feed18();
      const eighteen = await params(chain, proposal(depeg(`"${feed}"`, "0.95 USD")));
      expect(eighteen.slice(-2)).to.deep.equal([feed, 95n * 10n ** 16n]);
      const eight = await params(chain, proposal(depeg("DepegFeed", "0.95 USD")));
      expect(eight.slice(-2)).to.deep.equal([chain.deployment.contracts.DepegFeed, 95_000_000n]);
      // No feed: an assessed product keeps a zero trigger, and nothing is read.
      const none = await params(chain, proposal(product({})));
      expect(none.slice(-2)).to.deep.equal(["0x0000000000000000000000000000000000000000", 0n]);
    });

    it("refuses a feed that does not answer decimals(), too many decimals, and a trigger without a feed", async () => {
      const { chain } = await setup();
      const timelock = chain.deployment.contracts.CoverTimelock;
      const account = "0x5337cda553eCB46de49e53E1E079f19Ca89eC04d";
      // A contract without decimals() reverts (the in-process node says why, after the sentence).
      const [notFeed] = await problemsOf(chain, proposal(depeg("CoverTimelock", "0.95 USD")));
      expect(notFeed).to.include(
        `bad.md | actions[0] (CoverBook.updateProduct) | args.params.priceFeed | cannot read decimals() of the price feed at ${timelock}: is it a Chainlink-style feed?`,
      );
      expect(await problemsOf(chain, proposal(depeg(`"${account}"`, "0.95 USD")))).to.deep.equal([
        `bad.md | actions[0] (CoverBook.updateProduct) | args.params.priceFeed | cannot read decimals() of the price feed at ${account}: is it a Chainlink-style feed?`,
      ]);
      const depegFeed = chain.deployment.contracts.DepegFeed;
      expect(await problemsOf(chain, proposal(depeg("DepegFeed", "0.950000001 USD")))).to.deep.equal([
        `bad.md | actions[0] (CoverBook.updateProduct) | args.params.triggerPrice | "0.950000001 USD" has 9 decimal places but the price feed at ${depegFeed} answers with 8 decimals`,
      ]);
      // Trailing zeros are not decimal places.
      expect(await problemsOf(chain, proposal(depeg("DepegFeed", "0.9500000000 USD")))).to.deep.equal([]);
      expect(await problemsOf(chain, proposal(product({ triggerPrice: "0.95 USD" })))).to.deep.equal([
        'bad.md | actions[0] (CoverBook.updateProduct) | args.params.triggerPrice | "0.95 USD" needs a price feed: with no feed (the zero address) the price is 0 USD',
      ]);
    });

    it("reads and restates a trigger in its own feed's decimals, before and after a change of feed", async () => {
      const { dao, chain } = await setup();
      const trigger = async () => {
        const readings = await readAllParameters(chain, "cover");
        const reading = readings.find((r) => r.key === "cover.product.triggerPrice#2");
        return [reading?.value, reading?.display, reading?.unit];
      };
      const depegFeed = chain.deployment.contracts.DepegFeed;
      expect(await trigger()).to.deep.equal([
        99_500_000n,
        "0.995 USD",
        { kind: "price", decimals: 8, symbol: "USD", feed: depegFeed },
      ]);
      // A draft that changes the feed restates the trigger as written ("0.995 USD"), which the new feed's
      // decimals convert: the trigger keeps its price.
      const feed = await feed18();
      const priceFeed = PARAMETERS.find((p) => p.key === "cover.product.priceFeed")!;
      const draft = await draftSetterCall(chain, priceFeed, feed, 2n);
      expect((draft.args.params as Record<string, unknown>).triggerPrice).to.equal("0.995 USD");
      const file = {
        file: "draft.md",
        title: "Move the depeg product to an 18-decimal feed",
        body: "Why.",
        actions: [draft],
      };
      const resolved = await validateProposal(file, chain);
      const report = await simulateProposal(resolved, chain);
      const rows = Object.fromEntries(report.rows.map((r) => [r.key, [r.before, r.after]]));
      expect(rows["cover.product.triggerPrice#2"]).to.deep.equal(["0.995 USD", "0.995 USD"]);
      await passAndExecute(connection, dao, resolved.call);
      expect((await dao.contracts.CoverBook.product(2n)).triggerPrice).to.equal(995n * 10n ** 15n);
      expect(await trigger()).to.deep.equal([
        995n * 10n ** 15n,
        "0.995 USD",
        { kind: "price", decimals: 18, symbol: "USD", feed },
      ]);
      // The trigger rule's prices are in the feed's decimals too: governance restates them for the new feed.
      const terms = await validateProposal(
        {
          ...file,
          actions: [
            {
              contract: "CoverBook",
              function: "setParametricTerms",
              args: {
                productId: "2",
                terms: {
                  recoveryPrice: "999000000000000000",
                  referencePrice: "1000000000000000000",
                  confirmationWindow: "1 day",
                  waitingPeriod: "2 days",
                  heartbeat: "1 day",
                  heartbeatTolerance: "30 minutes",
                  triggerBufferBps: "0.3%",
                  payoutRule: "LossProportional",
                },
              },
            },
          ],
        },
        chain,
      );
      await passAndExecute(connection, dao, terms.call);
      // And the next draft of the trigger itself is written and converted with the new feed's decimals.
      const triggerPrice = PARAMETERS.find((p) => p.key === "cover.product.triggerPrice")!;
      const next = await draftSetterCall(chain, triggerPrice, "0.9 USD", 2n);
      const converted = await validateProposal({ ...file, actions: [next] }, chain);
      expect((converted.actions[0].args[1].value as unknown[]).slice(-2)).to.deep.equal([
        feed,
        9n * 10n ** 17n,
      ]);
    });
  });
});
