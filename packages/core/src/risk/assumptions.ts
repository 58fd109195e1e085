/**
 * The risk model's assumptions: one versioned file. Every default names its source, or says it is a judgement.
 * A report states the version and every value it used (see docs/risk.md); change a value here, bump
 * {ASSUMPTIONS_VERSION}, and say why in the commit.
 */
import { RISK_TYPES, type RiskTypeName } from "../domain/products.js";

/** Bumped whenever a default below changes. */
export const ASSUMPTIONS_VERSION = "2026-12-03.1";

/** Where a number comes from: a published statistic (with its address) or a stated judgement. */
export interface Source {
  kind: "published" | "judgement";
  /** One sentence: what the number rests on. */
  note: string;
  /** Addresses of the published material. */
  urls?: string[];
}

/** How often a covered protocol of one risk type has a claimable incident, and how much of the cover it costs. */
export interface IncidentAssumption {
  /** Probability that one covered product has a claimable incident within a year (at most one counts). */
  annualProbability: number;
  /** Share of the product's active cover whose holders claim when an incident happens. */
  claimShare: number;
  /** Loss of each claiming holder, as a share of their cover: uniform between these bounds. */
  severityMin: number;
  severityMax: number;
  source: Source;
}

/** How a parametric (price-feed) product's peg breaks, for products with a trigger price. */
export interface DepegAssumption {
  /** Probability that the pegged asset depegs (falls 2 % or more below its reference) within a year. */
  annualProbability: number;
  /** Depth of an ordinary depeg, as a share of the reference price: uniform between these bounds. */
  depthMin: number;
  depthMax: number;
  /** Given a depeg, probability that it is a collapse instead, with depth uniform between the collapse bounds. */
  collapseProbability: number;
  collapseDepthMin: number;
  collapseDepthMax: number;
  /** Probability that a depeg deep enough to trigger stays below the trigger through the confirmation window. */
  sustainedProbability: number;
  /** Share of the product's active cover whose holders claim once the trigger is confirmed. */
  claimShare: number;
  source: Source;
}

/** Dependence between incidents (a one-factor-per-type Gaussian copula on the yearly incident draws). */
export interface CorrelationAssumption {
  /** Latent correlation between two products of the same risk type. */
  withinType: number;
  /** Latent correlation between two products of different risk types (at most `withinType`). */
  acrossTypes: number;
  source: Source;
}

export interface Assumptions {
  version: string;
  incidents: Record<RiskTypeName, IncidentAssumption>;
  depeg: DepegAssumption;
  correlation: CorrelationAssumption;
  /** One-year confidence level of the value at risk and of the capital requirement (Solvency II: 99.5 %). */
  confidence: number;
  /** Share of the claim-voting stake that votes honestly on a claim, when the chain has no finished vote to observe. */
  honestClaimTurnout: number;
  /** Share of the voting supply that votes on a proposal, when the chain has no finished proposal to observe. */
  governanceTurnout: number;
  /** Probability that a fraudulent approval is caught and its voters slashed (by escalation or a later proposal). */
  fraudDetection: number;
  /** Sources of the confidence level, the turnouts and the detection probability. */
  sources: Record<"confidence" | "honestClaimTurnout" | "governanceTurnout" | "fraudDetection", Source>;
}

const CHAINALYSIS_2024 = [
  "https://www.oodaloop.com/briefs/2024/02/12/funds-stolen-from-crypto-platforms-fall-more-than-50-in-2023/",
  "https://www.nftnews24.com/chainalysis-reports-63-7-decrease-in-total-value-of-crypto-stolen-from-defi-platforms-in-2023-compared-to-previous-year/",
];
const DEFI_REKT_2023 = ["https://de.fi/blog/de-fi-rekt-report-crypto-losses-reach-1-95b-in-2023"];
const DEPEG_HISTORY = [
  "https://acadictive.com/blockchain/modules/stablecoin-peg/depegging-risks",
  "https://www.coindesk.com/markets/2023/12/07/galaxy-backed-gyroscopes-all-weather-decentralized-stablecoin-goes-live-on-ethereum-mainnet/",
  "https://zippfeed.com/learn/stablecoin-depeg-risk-and-history",
];
const NEXUS_CAPITAL_MODEL = [
  "https://nexusmutual.gitbook.io/docs/users/understanding-nexus-mutual/capital-model",
];

/** The defaults, with their sources. */
export const DEFAULT_ASSUMPTIONS: Assumptions = {
  version: ASSUMPTIONS_VERSION,
  incidents: {
    SmartContract: {
      annualProbability: 0.02,
      claimShare: 0.3,
      severityMin: 0.3,
      severityMax: 1,
      source: {
        kind: "judgement",
        note:
          "Chainalysis counts about 230 crypto hacks in 2023 (219 in 2022), DeFi the largest part, against a few " +
          "thousand live DeFi protocols: roughly 3-5 % a protocol a year across all protocols; audited protocols " +
          "that sell cover are taken at 2 %. Claim share and severity are judgements (a bug rarely drains every position).",
        urls: CHAINALYSIS_2024,
      },
    },
    Hack: {
      annualProbability: 0.04,
      claimShare: 0.4,
      severityMin: 0.5,
      severityMax: 1,
      source: {
        kind: "published",
        note:
          "Chainalysis: 231 hacking incidents in 2023, $1.1 billion stolen from DeFi ($3.1 billion in 2022); De.Fi " +
          "counts $1.95 billion of losses in 2023 with about 10 % recovered. The 4 % a protocol a year and the " +
          "50-100 % loss of a drained position follow from those counts; the claim share is a judgement.",
        urls: [...CHAINALYSIS_2024, ...DEFI_REKT_2023],
      },
    },
    DepegMarket: {
      annualProbability: 0.05,
      claimShare: 0.5,
      severityMin: 0.05,
      severityMax: 0.3,
      source: {
        kind: "published",
        note:
          "Major depegs of large stablecoins: UST (May 2022, collapse), USDC to $0.87 (March 2023, recovered in 48 h), " +
          "DAI with it; Moody's counts over 600 small deviations of large fiat-backed stablecoins in 2023. About one " +
          "claimable depeg of a covered asset every 20 years; loss 5-30 % as in those events.",
        urls: DEPEG_HISTORY,
      },
    },
    Operational: {
      annualProbability: 0.01,
      claimShare: 0.2,
      severityMin: 0.1,
      severityMax: 0.5,
      source: {
        kind: "judgement",
        note: "No public count separates operational errors (bad parameters, lost keys, halted chains) from hacks: 1 % a year is a judgement.",
      },
    },
  },
  depeg: {
    annualProbability: 0.05,
    depthMin: 0.02,
    depthMax: 0.15,
    collapseProbability: 0.1,
    collapseDepthMin: 0.5,
    collapseDepthMax: 1,
    sustainedProbability: 0.5,
    claimShare: 1,
    source: {
      kind: "published",
      note:
        "USDC fell to $0.87 (13 %) in March 2023 and recovered in about 48 hours; UST collapsed to near zero in May " +
        "2022: one collapse among about ten notable depegs of large stablecoins gives the 10 % collapse share. " +
        "That half of the triggering depegs outlast a confirmation window is a judgement (USDC stayed below $0.95 " +
        "for about a day); every parametric holder is taken to claim (the payout needs no proof).",
      urls: DEPEG_HISTORY,
    },
  },
  correlation: {
    withinType: 0.3,
    acrossTypes: 0.1,
    source: {
      kind: "judgement",
      note:
        "Incidents cluster (July 2023's Vyper bug hit several Curve pools at once; USDC's depeg took DAI with it), " +
        "but no public series estimates the correlation: 0.3 within a risk type and 0.1 across types are judgements, " +
        "in the spirit of Solvency II's correlation matrices.",
      urls: DEPEG_HISTORY,
    },
  },
  confidence: 0.995,
  honestClaimTurnout: 0.1,
  governanceTurnout: 0.1,
  fraudDetection: 0.5,
  sources: {
    confidence: {
      kind: "published",
      note: "Solvency II's one-year 99.5 % (1-in-200-year) level, which Nexus Mutual's minimum capital requirement follows.",
      urls: NEXUS_CAPITAL_MODEL,
    },
    honestClaimTurnout: {
      kind: "judgement",
      note: "Used only when no claim vote has finished on this chain: 10 % of the stake voting honestly is a judgement.",
    },
    governanceTurnout: {
      kind: "judgement",
      note: "Used only when no proposal has finished on this chain: 10 % of the supply is a judgement (DAO turnouts are often lower).",
    },
    fraudDetection: {
      kind: "judgement",
      note: "Escalation to the Governor or a later slashing proposal catches half of the fraudulent approvals: a judgement.",
    },
  },
};

/** A problem with an assumption, in words: `undefined` when every value is in range. */
export function checkAssumptions(a: Assumptions): string | undefined {
  const share = (name: string, v: number) =>
    Number.isFinite(v) && v >= 0 && v <= 1 ? undefined : `${name} must be between 0 and 1 (got ${v})`;
  for (const type of RISK_TYPES) {
    const i = a.incidents[type];
    if (!i) return `the incident assumption of ${type} is missing`;
    const problem =
      share(`${type} annual probability`, i.annualProbability) ??
      share(`${type} claim share`, i.claimShare) ??
      share(`${type} minimum severity`, i.severityMin) ??
      share(`${type} maximum severity`, i.severityMax) ??
      (i.severityMin > i.severityMax ? `${type} minimum severity is above its maximum` : undefined);
    if (problem) return problem;
  }
  const d = a.depeg;
  const depeg =
    share("depeg annual probability", d.annualProbability) ??
    share("depeg minimum depth", d.depthMin) ??
    share("depeg maximum depth", d.depthMax) ??
    share("collapse probability", d.collapseProbability) ??
    share("collapse minimum depth", d.collapseDepthMin) ??
    share("collapse maximum depth", d.collapseDepthMax) ??
    share("sustained probability", d.sustainedProbability) ??
    share("depeg claim share", d.claimShare);
  if (depeg) return depeg;
  if (d.depthMin > d.depthMax || d.collapseDepthMin > d.collapseDepthMax)
    return "a depeg minimum depth is above its maximum";
  const c = a.correlation;
  const corr =
    share("correlation within a risk type", c.withinType) ??
    share("correlation across risk types", c.acrossTypes);
  if (corr) return corr;
  if (c.acrossTypes > c.withinType)
    return "the correlation across risk types must not exceed the one within a type";
  if (!(a.confidence > 0.5 && a.confidence < 1))
    return `the confidence level must be between 50 % and 100 % (got ${a.confidence})`;
  return (
    share("honest claim turnout", a.honestClaimTurnout) ??
    share("governance turnout", a.governanceTurnout) ??
    share("fraud detection probability", a.fraudDetection)
  );
}

/** Prices that turn token amounts and pool assets into one unit (US dollars), for the cost of corruption. */
export interface Prices {
  /** US dollars for one governance token. */
  tokenUsd: number;
  /** US dollars for one unit of each pool asset, by symbol. */
  assetsUsd: Record<string, number>;
  source: Source;
}

/** Default prices: inputs to change with `--token-price` and `--asset-price`, not statistics. */
export const DEFAULT_PRICES: Prices = {
  tokenUsd: 1,
  assetsUsd: { WETH: 3000, tUSD: 1, USDC: 1 },
  source: {
    kind: "judgement",
    note: "The local DAO's token has no market: 1 US dollar a token, 3,000 US dollars an ether and 1 a stablecoin are placeholders to set with --token-price and --asset-price.",
  },
};

// ------------------------------------------------------------------------- the `year` simulation's market

/**
 * How the agents of the `year` simulation behave. Its incidents are not here: they come from
 * {Assumptions.incidents} for the product's risk type (chance, share of cover claiming, severity), drawn exactly
 * as the capital model draws them, so the two can be compared (test/sim/cross-validation.test.ts).
 */
export interface YearMarketAssumptions {
  /** Each week, the chance that a holder without active cover buys one. */
  weeklyPurchaseChance: number;
  /** Cover bought, in ether: a whole number between these bounds. */
  coverEthMin: number;
  coverEthMax: number;
  /** Cover period, in weeks: a whole number between these bounds. */
  coverWeeksMin: number;
  coverWeeksMax: number;
  /** Each underwriter's deposit in the first week, in ether. */
  firstDepositEthMin: number;
  firstDepositEthMax: number;
  /** Expected number of underwriters adding to their deposit in each later week, and by how much (ether). */
  weeklyTopUps: number;
  topUpEthMin: number;
  topUpEthMax: number;
  /** Each week, the chance that one underwriter asks to withdraw `withdrawalShare` of their shares. */
  weeklyWithdrawalChance: number;
  withdrawalShare: number;
  /** Share of the claims after an incident that assessors judge unfounded. */
  unfoundedClaimShare: number;
  /** Chance that an assessor votes yes on a founded claim, and on an unfounded one. */
  approveFounded: number;
  approveUnfounded: number;
  source: Source;
  assessorSource: Source;
}

/** The `year` simulation's defaults. */
export const DEFAULT_YEAR_MARKET: YearMarketAssumptions = {
  weeklyPurchaseChance: 0.5,
  coverEthMin: 10,
  coverEthMax: 60,
  coverWeeksMin: 4,
  coverWeeksMax: 12,
  firstDepositEthMin: 40,
  firstDepositEthMax: 120,
  weeklyTopUps: 1.5,
  topUpEthMin: 5,
  topUpEthMax: 50,
  weeklyWithdrawalChance: 0.35,
  withdrawalShare: 0.3,
  unfoundedClaimShare: 0.2,
  approveFounded: 0.9,
  approveUnfounded: 0.15,
  source: {
    kind: "judgement",
    note:
      "A small pool's activity: half the holders without cover buy each week, covers of 10-60 ETH for 4-12 weeks, " +
      "underwriters of 40-120 ETH who top up or withdraw now and then. No public series describes one pool's " +
      "weekly flows; these are judgements sized so the book fills about half the product's capacity.",
  },
  assessorSource: {
    kind: "judgement",
    note:
      "One claim in five after an incident is judged unfounded (no loss, wrong cover); assessors approve a " +
      "founded claim with probability 0.9 and an unfounded one with 0.15: judgements, not measured.",
  },
};
