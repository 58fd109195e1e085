/**
 * Risk changes that wait for the underwriters' exit time (DESIGN section 2, "Exit before risk"): a governance
 * change that raises a pool's risk is queued on chain ({RiskChangeDelay}) and applies, once anyone calls
 * `applyRiskChange`, no earlier than the withdrawal cooldown plus window of the pools concerned.
 *
 * This module reads what is waiting ({readPendingRiskChanges}) for the UI, the CLI and the proposal simulation,
 * and tells which actions of a proposal will wait ({riskRaisingActions}) so that `proposal validate` can say so
 * before anyone votes. The rule for what raises risk is the contracts' own; {RAISES} restates it per setter,
 * and test/governance/risk-change-delay.test.ts checks the two agree on chain.
 *
 * Browser-safe: ethers and the core's browser-safe modules only.
 */
import { type Result, encodeBytes32String, toBeHex, zeroPadValue } from "ethers";

import { type Chain, readContract } from "../rpc/chain.js";
import type { ContractName } from "../deployment/schema.js";
import { POOL_NAMES, type PoolName } from "../domain/pools.js";
import { formatParameter, parameterForSetter } from "./index.js";
import type { ResolvedAction } from "../proposals/resolve.js";
import { duration as durationInWords } from "../format/durations.js";
import { formatDuration } from "../format/units.js";

/** The contracts whose risk-raising changes wait (they inherit RiskChangeDelay). */
export type RiskDelayedContract = PoolName | "CoverClaims" | "CoverBook";

/** One change waiting on chain. */
export interface PendingRiskChange {
  contract: RiskDelayedContract;
  /** The on-chain key: a parameter name as bytes32, or a product id (`CoverBook`). */
  key: string;
  /** In words: "WETH pool: capacity ratio (largest active cover / capital)", "product #3 (Bridge cover)". */
  label: string;
  /** The value that will apply, in its unit ("100%", "1 day"); for a product, what changes. */
  value: string;
  /** First second at which anyone may apply it. */
  effectiveAt: bigint;
}

/** A scalar risk parameter that waits when raised: its contract's key and its setter. */
interface DelayedParameter {
  contract: RiskDelayedContract;
  key: string;
  setter: string;
}

const DELAYED: readonly DelayedParameter[] = [
  ...POOL_NAMES.flatMap((pool: PoolName): DelayedParameter[] => [
    { contract: pool, key: "capacityRatioBps", setter: "setCapacityRatio" },
    { contract: pool, key: "withdrawalCooldown", setter: "setWithdrawalCooldown" },
  ]),
  { contract: "CoverClaims", key: "quorumBps", setter: "setQuorumBps" },
];

/** The on-chain key of a product's queued terms. */
export const productKey = (productId: bigint): string => zeroPadValue(toBeHex(productId), 32);

/** The on-chain key of a parametric product's queued trigger rule (`CoverBook.parametricTermsKey`). */
export const parametricTermsKey = (productId: bigint): string =>
  zeroPadValue(toBeHex(productId | (1n << 255n)), 32);

/** Whether a scalar setter's new value raises risk against the current one (the contracts' rule). */
const RAISES: Record<string, (next: bigint, current: bigint) => boolean> = {
  setCapacityRatio: (next, current) => next > current,
  setWithdrawalCooldown: (next, current) => next < current,
  setQuorumBps: (next, current) => next < current,
};

/** A product's terms as the contracts compare them (`CoverBook._raisesRisk`). */
interface ProductTerms {
  active: boolean;
  capacityRatioBps: bigint;
  maxPeriod: bigint;
  priceFeed: string;
  triggerPrice: bigint;
}

/** Whether moving a product from `current` to `next` raises risk in any field (`CoverBook._raisesRisk`). */
export function productRaisesRisk(current: ProductTerms | undefined, next: ProductTerms): boolean {
  if (!current) return next.active;
  return (
    (next.active && !current.active) ||
    next.capacityRatioBps > current.capacityRatioBps ||
    next.maxPeriod > current.maxPeriod ||
    next.priceFeed.toLowerCase() !== current.priceFeed.toLowerCase() ||
    next.triggerPrice > current.triggerPrice
  );
}

/** A parametric trigger rule as the contracts compare them (`CoverBook._termsRaiseRisk`). */
export interface TriggerRule {
  recoveryPrice: bigint;
  referencePrice: bigint;
  confirmationWindow: bigint;
  waitingPeriod: bigint;
  heartbeat: bigint;
  heartbeatTolerance: bigint;
  triggerBufferBps: bigint;
  /** ICoverBook.PayoutRule: 0 full, 1 loss-proportional. */
  payoutRule: bigint;
}

/**
 * Whether moving a trigger rule from `current` to `next` lets it pay more easily or more (`CoverBook._termsRaiseRisk`):
 * a first rule on a product on sale, a higher recovery or reference price, a shorter window or waiting period, a
 * staler feed accepted, a smaller buffer, or the full payout in place of the loss-proportional one.
 */
export function triggerRuleRaisesRisk(current: TriggerRule, next: TriggerRule, active: boolean): boolean {
  if (BigInt(current.confirmationWindow) === 0n) return active;
  const n = (v: bigint) => BigInt(v);
  return (
    n(next.recoveryPrice) > n(current.recoveryPrice) ||
    n(next.referencePrice) > n(current.referencePrice) ||
    n(next.confirmationWindow) < n(current.confirmationWindow) ||
    n(next.waitingPeriod) < n(current.waitingPeriod) ||
    n(next.heartbeat) + n(next.heartbeatTolerance) > n(current.heartbeat) + n(current.heartbeatTolerance) ||
    n(next.triggerBufferBps) < n(current.triggerBufferBps) ||
    (n(next.payoutRule) === 0n && n(current.payoutRule) !== 0n)
  );
}

/** What changes between two trigger rules, in words ("window 1 day → 12 hours, full payout"). */
function describeRuleChange(current: TriggerRule, next: TriggerRule): string {
  const n = (v: bigint) => BigInt(v);
  if (n(current.confirmationWindow) === 0n) return "first trigger rule (opens sales)";
  const seconds = (label: string, a: bigint, b: bigint) =>
    n(a) !== n(b) ? `${label} ${formatDuration(n(a))} → ${formatDuration(n(b))}` : "";
  return (
    [
      n(current.recoveryPrice) !== n(next.recoveryPrice)
        ? `recovery price ${current.recoveryPrice} → ${next.recoveryPrice}`
        : "",
      n(current.referencePrice) !== n(next.referencePrice)
        ? `reference price ${current.referencePrice} → ${next.referencePrice}`
        : "",
      seconds("confirmation window", current.confirmationWindow, next.confirmationWindow),
      seconds("waiting period", current.waitingPeriod, next.waitingPeriod),
      seconds(
        "staleness accepted",
        n(current.heartbeat) + n(current.heartbeatTolerance),
        n(next.heartbeat) + n(next.heartbeatTolerance),
      ),
      n(current.triggerBufferBps) !== n(next.triggerBufferBps)
        ? `sale buffer ${Number(current.triggerBufferBps) / 100}% → ${Number(next.triggerBufferBps) / 100}%`
        : "",
      n(current.payoutRule) !== n(next.payoutRule)
        ? `payout ${n(next.payoutRule) === 0n ? "full" : "loss-proportional"}`
        : "",
    ]
      .filter(Boolean)
      .join(", ") || "new trigger rule"
  );
}

const scalarLabel = (chain: Chain, p: DelayedParameter, value: bigint) => {
  const spec = parameterForSetter(p.contract, p.setter)?.parameter;
  return {
    label: spec?.label ?? `${p.contract}.${p.key}`,
    value: spec ? formatParameter(chain, spec, value) : String(value),
  };
};

/** Every risk change waiting on chain, soonest first. */
export async function readPendingRiskChanges(chain: Chain): Promise<PendingRiskChange[]> {
  const scalar = DELAYED.filter((p) => chain.deployment.contracts[p.contract]).map(async (p) => {
    const key = encodeBytes32String(p.key);
    const [pending] = await readContract(chain, p.contract, "pendingRiskChange", [key]);
    const effectiveAt = BigInt((pending as Result).effectiveAt);
    if (effectiveAt === 0n) return undefined;
    const value = BigInt((pending as Result).value);
    return { contract: p.contract, key, effectiveAt, ...scalarLabel(chain, p, value) };
  });
  const [count] = await readContract(chain, "CoverBook", "productCount");
  const products = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1)).map(async (id) => {
    const [params, effectiveAt] = await readContract(chain, "CoverBook", "pendingProduct", [id]);
    if (BigInt(effectiveAt) === 0n) return undefined;
    const [current] = await readContract(chain, "CoverBook", "product", [id]);
    const p = params as Result;
    const changes = [
      !current.active && p.active ? "activates" : "",
      p.capacityRatioBps !== current.capacityRatioBps
        ? `capacity ratio ${Number(current.capacityRatioBps) / 100}% → ${Number(p.capacityRatioBps) / 100}%`
        : "",
      p.maxPeriod !== current.maxPeriod
        ? `longest cover ${formatDuration(current.maxPeriod)} → ${formatDuration(p.maxPeriod)}`
        : "",
      p.priceFeed !== current.priceFeed ? `price feed → ${p.priceFeed}` : "",
      p.triggerPrice !== current.triggerPrice ? `trigger ${current.triggerPrice} → ${p.triggerPrice}` : "",
    ].filter(Boolean);
    return {
      contract: "CoverBook" as const,
      key: productKey(id),
      label: `product #${id} (${p.name})`,
      value: changes.length ? changes.join(", ") : "new terms",
      effectiveAt: BigInt(effectiveAt),
    };
  });
  const rules = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1)).map(async (id) => {
    const [next, effectiveAt] = await readContract(chain, "CoverBook", "pendingParametricTerms", [id]);
    if (BigInt(effectiveAt) === 0n) return undefined;
    const [settings] = await readContract(chain, "CoverBook", "parametricSettings", [id]);
    const [name] = await readContract(chain, "CoverBook", "productName", [id]);
    return {
      contract: "CoverBook" as const,
      key: parametricTermsKey(id),
      label: `product #${id} (${name}) trigger rule`,
      value: describeRuleChange((settings as Result).terms as TriggerRule, next as TriggerRule),
      effectiveAt: BigInt(effectiveAt),
    };
  });
  const all = await Promise.all([...scalar, ...products, ...rules]);
  return all
    .filter((c): c is PendingRiskChange => c !== undefined)
    .sort((a, b) => (a.effectiveAt < b.effectiveAt ? -1 : a.effectiveAt > b.effectiveAt ? 1 : 0));
}

/** One sentence: what waits, from when, and who may apply it. */
export function describePendingRiskChange(change: PendingRiskChange, now: bigint): string {
  const at = new Date(Number(change.effectiveAt) * 1000).toISOString().slice(0, 16).replace("T", " ");
  const wait = change.effectiveAt > now ? `in ${durationInWords(change.effectiveAt - now)}` : "now";
  return `${change.label}: ${change.value} applies from ${at} UTC (${wait}); anyone may apply it then (applyRiskChange).`;
}

/** The delay a risk-raising change made now would wait on `contract`, in seconds. */
async function delayOf(chain: Chain, contract: ContractName, pool?: string): Promise<bigint> {
  if (contract === "CoverBook" && pool) {
    const name = POOL_NAMES.find((p) => chain.deployment.contracts[p]?.toLowerCase() === pool.toLowerCase());
    if (name) return BigInt((await readContract(chain, name, "riskChangeDelay"))[0]);
  }
  return BigInt((await readContract(chain, contract, "riskChangeDelay"))[0]);
}

/**
 * The actions of a proposal that raise risk, each with a note in words: they will execute, but their new value
 * waits `delay` after execution. Compared against the current state (as `validate` calls each action alone).
 */
export async function riskRaisingActions(
  chain: Chain,
  actions: readonly ResolvedAction[],
): Promise<{ index: number; delay: bigint; note: string }[]> {
  const found: { index: number; delay: bigint; note: string }[] = [];
  for (const action of actions) {
    const contract = action.contract as ContractName;
    const args = action.args.map((a) => a.value);
    let raises = false;
    let pool: string | undefined;
    if (
      RAISES[action.function] &&
      DELAYED.some((p) => p.contract === contract && p.setter === action.function)
    ) {
      const p = DELAYED.find(
        (d) => d.contract === contract && d.setter === action.function,
      ) as DelayedParameter;
      const current = await currentScalar(chain, p);
      raises = RAISES[action.function](BigInt(args[0] as bigint), current);
    } else if (
      contract === "CoverBook" &&
      (action.function === "updateProduct" || action.function === "addProduct")
    ) {
      const at = action.function === "addProduct" ? 0 : 1;
      const names = action.fragment.inputs[at].components?.map((c) => c.name) ?? [];
      const values = args[at] as unknown[];
      const params = Object.fromEntries(names.map((n, i) => [n, values[i]])) as unknown as ProductTerms & {
        pool: string;
      };
      pool = params.pool;
      const current =
        action.function === "updateProduct"
          ? ((await readContract(chain, "CoverBook", "product", [args[0]]))[0] as unknown as ProductTerms)
          : undefined;
      raises = productRaisesRisk(current, params);
    } else if (contract === "CoverBook" && action.function === "setParametricTerms") {
      const names = action.fragment.inputs[1].components?.map((c) => c.name) ?? [];
      const values = args[1] as unknown[];
      const next = Object.fromEntries(names.map((n, i) => [n, values[i]])) as unknown as TriggerRule;
      const [settings] = await readContract(chain, "CoverBook", "parametricSettings", [args[0]]);
      const [product] = await readContract(chain, "CoverBook", "product", [args[0]]);
      pool = (product as Result).pool as string;
      raises = triggerRuleRaisesRisk(
        (settings as Result).terms as TriggerRule,
        next,
        Boolean((product as Result).active),
      );
    }
    if (!raises) continue;
    const delay = await delayOf(chain, contract, pool);
    if (delay === 0n) continue;
    found.push({
      index: action.index,
      delay,
      note: `actions[${action.index}] (${action.contract}.${action.function}) raises the pool's risk: it executes, but its new value applies only ${formatDuration(delay)} later (the withdrawal cooldown plus window, so underwriters can leave first), when anyone calls applyRiskChange`,
    });
  }
  return found;
}

async function currentScalar(chain: Chain, p: DelayedParameter): Promise<bigint> {
  if (p.contract === "CoverClaims") {
    const [params] = await readContract(chain, "CoverClaims", "parameters");
    return BigInt((params as Result).quorumBps);
  }
  const [ratio, cooldown] = await readContract(chain, p.contract, "parameters");
  return BigInt(p.key === "capacityRatioBps" ? ratio : cooldown);
}
