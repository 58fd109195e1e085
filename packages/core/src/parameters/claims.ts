/**
 * The claims family: assessment parameters read from `CoverClaims.parameters()`, deposits, rewards, treasury.
 */
import type { UnitSpec } from "../format/units.js";
import { type Bound, DURATION, type ParameterSpec, type ParameterUnit, constant } from "./types.js";

/** A bounded claim parameter: read from `parameters()`, set by `set<Name>(value)`. */
const claimParameter = (
  field: string,
  label: string,
  unit: ParameterUnit,
  bounds: { min: Bound; max: Bound },
): ParameterSpec => ({
  key: `claims.${field.replace(/Bps$/, "")}`,
  family: "claims",
  label,
  contract: "CoverClaims",
  getter: { function: "parameters", output: `0.${field}` },
  setters: [{ function: `set${field[0].toUpperCase()}${field.slice(1)}`, arg: "value" }],
  unit,
  bounds,
});

const ETH: UnitSpec = { kind: "token", symbol: "ETH" };
export const CLAIMS_PARAMETERS: ParameterSpec[] = [
  claimParameter("votingPeriod", "Claim voting period", DURATION, {
    min: constant("MIN_VOTING_PERIOD"),
    max: constant("MAX_VOTING_PERIOD"),
  }),
  claimParameter("lateVoteExtension", "Late-vote extension", DURATION, {
    min: constant("MIN_LATE_VOTE_EXTENSION"),
    max: constant("MAX_LATE_VOTE_EXTENSION"),
  }),
  claimParameter(
    "maxExtensions",
    "Extensions per claim",
    { kind: "integer" },
    {
      min: 0n,
      max: constant("MAX_EXTENSIONS_CEILING"),
    },
  ),
  claimParameter("cooldown", "Cooldown (escalation window after the vote)", DURATION, {
    min: constant("MIN_COOLDOWN"),
    max: constant("MAX_COOLDOWN"),
  }),
  claimParameter("escalationTimeout", "Time governance has to decide an escalation", DURATION, {
    min: constant("MIN_ESCALATION_TIMEOUT"),
    max: constant("MAX_ESCALATION_TIMEOUT"),
  }),
  claimParameter("redemptionWindow", "Redemption window of an approved claim", DURATION, {
    min: constant("MIN_REDEMPTION_WINDOW"),
    max: constant("MAX_REDEMPTION_WINDOW"),
  }),
  claimParameter("gracePeriod", "Filing grace period after a cover ends", DURATION, {
    min: constant("MIN_GRACE_PERIOD"),
    max: constant("MAX_GRACE_PERIOD"),
  }),
  claimParameter(
    "quorumBps",
    "Claim quorum (share of total stake at filing)",
    { kind: "bps" },
    {
      min: constant("MIN_QUORUM_BPS"),
      max: constant("MAX_QUORUM_BPS"),
    },
  ),
  claimParameter(
    "rewardBps",
    "Assessor reward per claim, at most (share of the unreserved pot)",
    { kind: "bps" },
    {
      min: 0n,
      max: constant("MAX_REWARD_BPS"),
    },
  ),
  claimParameter("claimDeposit", "Claim deposit", ETH, {
    min: constant("MIN_CLAIM_DEPOSIT"),
    max: constant("MAX_CLAIM_DEPOSIT"),
  }),
  claimParameter("escalationBond", "Escalation bond", ETH, {
    min: constant("MIN_ESCALATION_BOND"),
    max: constant("MAX_ESCALATION_BOND"),
  }),
  {
    key: "claims.escalationBondScale",
    family: "claims",
    label: "Escalation bond of a claim as large as its pool",
    contract: "CoverClaims",
    getter: { function: "escalationBondScale" },
    setters: [{ function: "setEscalationBondScale", arg: "value" }],
    unit: ETH,
    bounds: { min: constant("MIN_ESCALATION_BOND_SCALE"), max: constant("MAX_ESCALATION_BOND_SCALE") },
  },
  claimParameter(
    "rewardAmountBps",
    "Assessor reward per claim that reached quorum (share of the amount claimed)",
    { kind: "bps" },
    {
      min: 0n,
      max: constant("MAX_REWARD_AMOUNT_BPS"),
    },
  ),
  claimParameter(
    "quorumMissFeeBps",
    "Share of the deposit kept when a claim misses quorum",
    { kind: "bps" },
    {
      min: 0n,
      max: constant("MAX_QUORUM_MISS_FEE_BPS"),
    },
  ),
  {
    key: "claims.treasury",
    family: "claims",
    label: "Treasury receiving forfeited deposits and bonds",
    contract: "CoverClaims",
    getter: { function: "treasury" },
    setters: [{ function: "setTreasury", arg: "newTreasury" }],
    unit: { kind: "address" },
  },
];
