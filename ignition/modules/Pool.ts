import {
  PAYOUT_RULES as PAYOUT_RULE_NAMES,
  RISK_TYPES as RISK_TYPE_NAMES,
  enumIndex,
} from "@coverdao/core/domain";
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type {
  CallableContractFuture,
  ContractFuture,
  Future,
  IgnitionModuleBuilder,
  NamedArtifactContractDeploymentFuture,
} from "@nomicfoundation/ignition-core";
import { ZeroAddress } from "ethers";

import GovernanceModule, { ROLES, selector } from "./Governance.js";

const HOUR = 60n * 60n;
const DAY = 24n * HOUR;

/** Risk types, in the order of `ICoverBook.RiskType` (names from the core's one list). */
export const RISK_TYPES = enumIndex(RISK_TYPE_NAMES);
/** Parametric payout rules, in the order of `ICoverBook.PayoutRule`. */
export const PAYOUT_RULES = {
  Full: 0n,
  LossProportional: BigInt(enumIndex(PAYOUT_RULE_NAMES).LossProportional),
} as const;

/**
 * Where the pools' assets come from: `local` deploys a WETH9-style token, a 6-decimal test stablecoin with
 * an open faucet and a settable price feed (local chains only); `parameters` takes the real token and feed
 * addresses from the module parameters `weth`, `stablecoin` and `depegFeed`.
 */
export type AssetSource = "local" | "parameters";

const modules = new Map<AssetSource, ReturnType<typeof definePoolModule>>();

/** The Pool module for an asset source (one module object per source, as Ignition expects). */
export function buildPoolModule(source: AssetSource) {
  let module = modules.get(source);
  if (!module) {
    module = definePoolModule(source);
    modules.set(source, module);
  }
  return module;
}

/**
 * Pools and covers: one ERC-4626 {CapitalPool} per asset (WETH and a 6-decimal stablecoin), the {CoverBook},
 * two default products, and the access wiring: each pool's cover hooks (`addCover`, `payClaim`) accept only
 * the cover book set with `setCoverBook`; AccessManager function roles give CLAIMS_ROLE the assessor rewards
 * and GUARDIAN_ROLE pause and unpause. Setters stay with the admin role, which {CoverDAO} hands to the
 * Timelock afterwards. The Claims module makes its contract the cover book's claims module (payouts).
 */
function definePoolModule(source: AssetSource) {
  return buildModule("Pool", (m) => {
    const { manager, timelock } = m.useModule(GovernanceModule);
    const { weth, stablecoin, depegFeed } = assets(m, source);
    const wethPool = m.contract(
      "CapitalPool",
      [weth, poolConfig(m, manager, "CoverDAO WETH Pool", "cdWETH")],
      { id: "WethPool" },
    );
    const stablecoinPool = m.contract(
      "CapitalPool",
      [stablecoin, poolConfig(m, manager, "CoverDAO Stablecoin Pool", "cdUSD")],
      { id: "StablecoinPool" },
    );
    const coverBook = m.contract("CoverBook", [
      {
        authority: manager,
        pauseDuration: m.getParameter("pauseDuration", 3n * DAY),
        treasury: timelock,
        assessorShareBps: m.getParameter("assessorShareBps", 1_000n),
        treasuryShareBps: m.getParameter("treasuryShareBps", 500n),
      },
    ]);
    const wiring = wireAccess(m, manager, coverBook, { weth: wethPool, stablecoin: stablecoinPool });
    addDefaultProducts(m, { coverBook, wethPool, stablecoinPool, depegFeed }, wiring);
    return { weth, stablecoin, depegFeed, wethPool, stablecoinPool, coverBook };
  });
}

/** The pools' assets and the depeg product's feed, deployed locally or bound to configured addresses. */
function assets(m: IgnitionModuleBuilder, source: AssetSource) {
  if (source === "local") {
    return {
      weth: m.contract("WETH9", [], { id: "WETH" }),
      stablecoin: m.contract("TestStablecoin", [], { id: "Stablecoin" }),
      depegFeed: m.contract("LocalPriceFeed", [8, "tUSD / USD", 100_000_000n], { id: "DepegFeed" }),
    };
  }
  // Real tokens and a Chainlink feed: bound by the interfaces the contracts use, never by the local contracts.
  return {
    weth: m.contractAt("IERC20Metadata", m.getParameter<string>("weth"), { id: "WETH" }),
    stablecoin: m.contractAt("IERC20Metadata", m.getParameter<string>("stablecoin"), { id: "Stablecoin" }),
    depegFeed: m.contractAt("AggregatorV3Interface", m.getParameter<string>("depegFeed"), {
      id: "DepegFeed",
    }),
  };
}

/** A {CapitalPool}'s constructor settings (`ICapitalPool.PoolConfig`), from the module parameters. */
function poolConfig(m: IgnitionModuleBuilder, manager: ContractFuture<string>, name: string, symbol: string) {
  return {
    name,
    symbol,
    authority: manager,
    pauseDuration: m.getParameter("pauseDuration", 3n * DAY),
    capacityRatioBps: m.getParameter("capacityRatioBps", 9_000n),
    withdrawalCooldown: m.getParameter("withdrawalCooldown", 7n * DAY),
    withdrawalWindow: m.getParameter("withdrawalWindow", 2n * DAY),
  };
}

/**
 * Access: the cover book reserves capacity and pays claims on the pools; the guardian pauses. Returns the
 * calls that must run before a product is added.
 */
function wireAccess(
  m: IgnitionModuleBuilder,
  manager: CallableContractFuture<string>,
  coverBook: ContractFuture<string>,
  pools: { weth: CallableContractFuture<string>; stablecoin: CallableContractFuture<string> },
): Future[] {
  const roles = [
    m.call(
      manager,
      "setTargetFunctionRole",
      [coverBook, [selector("pause()"), selector("unpause()")], ROLES.GUARDIAN],
      { id: "coverBookGuardianRole" },
    ),
  ];
  const coverBookWiring = [];
  for (const [name, pool] of Object.entries(pools)) {
    coverBookWiring.push(m.call(pool, "setCoverBook", [coverBook], { id: `${name}PoolCoverBook` }));
    roles.push(
      m.call(
        manager,
        "setTargetFunctionRole",
        [pool, [selector("payAssessorReward(address,uint256)")], ROLES.CLAIMS],
        { id: `${name}PoolClaimsRole` },
      ),
      m.call(
        manager,
        "setTargetFunctionRole",
        [pool, [selector("pause()"), selector("unpause()")], ROLES.GUARDIAN],
        { id: `${name}PoolGuardianRole` },
      ),
    );
  }
  return [...roles, ...coverBookWiring];
}

/**
 * Default products, added `after` the access wiring; governance edits them and adds more through the Timelock.
 * The depeg product gets its trigger rule, Etherisc-like: below 0.995 for 24 hours without a recovery to 0.999
 * pays the loss measured against the peg (1.00) at the end of the window; rounds count two days after purchase.
 */
function addDefaultProducts(
  m: IgnitionModuleBuilder,
  futures: {
    coverBook: NamedArtifactContractDeploymentFuture<"CoverBook">;
    wethPool: ContractFuture<string>;
    stablecoinPool: ContractFuture<string>;
    depegFeed: ContractFuture<string>;
  },
  after: Future[],
): void {
  const { coverBook, wethPool, stablecoinPool, depegFeed } = futures;
  m.call(
    coverBook,
    "addProduct",
    [
      {
        name: "Smart contract cover (WETH)",
        riskType: RISK_TYPES.SmartContract,
        pool: wethPool,
        baseRateBps: 250n,
        surchargeBps: 750n,
        capacityRatioBps: 8_000n,
        minPeriod: 28n * DAY,
        maxPeriod: 365n * DAY,
        active: true,
        priceFeed: ZeroAddress,
        triggerPrice: 0n,
      },
    ],
    { id: "productSmartContractWeth" },
  );
  const depegProduct = m.call(
    coverBook,
    "addProduct",
    [
      {
        name: "Stablecoin depeg cover (parametric)",
        riskType: RISK_TYPES.DepegMarket,
        pool: stablecoinPool,
        baseRateBps: 150n,
        surchargeBps: 500n,
        capacityRatioBps: 7_000n,
        minPeriod: 7n * DAY,
        maxPeriod: 180n * DAY,
        active: true,
        priceFeed: depegFeed,
        triggerPrice: m.getParameter("depegTrigger", 99_500_000n),
      },
    ],
    { id: "productDepegStablecoin", after },
  );
  m.call(
    coverBook,
    "setParametricTerms",
    [
      m.readEventArgument(depegProduct, "ProductAdded", "productId", { emitter: coverBook }),
      {
        recoveryPrice: m.getParameter("depegRecovery", 99_900_000n),
        referencePrice: m.getParameter("depegReference", 100_000_000n),
        confirmationWindow: m.getParameter("depegConfirmationWindow", DAY),
        waitingPeriod: m.getParameter("depegWaitingPeriod", 2n * DAY),
        heartbeat: m.getParameter("depegHeartbeat", DAY),
        heartbeatTolerance: m.getParameter("depegHeartbeatTolerance", 30n * 60n),
        triggerBufferBps: m.getParameter("depegTriggerBufferBps", 30n),
        payoutRule: m.getParameter("depegPayoutRule", PAYOUT_RULES.LossProportional),
      },
    ],
    { id: "productDepegStablecoinTerms", after: [depegProduct] },
  );
}

export default buildPoolModule("local");
