/**
 * State names of the contracts' enums, by index (the ABI carries only `uint8`): one home for each, whatever
 * reads or writes them (reads, claims, governance, error sentences, the UI).
 */

/** OpenZeppelin's IGovernor.ProposalState, by index. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** ICoverClaims.ClaimState, by index. */
export const CLAIM_STATES = [
  "None",
  "Voting",
  "Cooldown",
  "Escalated",
  "Approved",
  "Denied",
  "Paid",
  "Expired",
] as const;
export type ClaimStateName = (typeof CLAIM_STATES)[number];

/** Each claim state in words, for sentences: "Claim 3 is in its cooldown". */
export const CLAIM_STATE_WORDS: Record<ClaimStateName, string> = {
  None: "not filed",
  Voting: "in its vote",
  Cooldown: "in its cooldown",
  Escalated: "escalated to governance",
  Approved: "approved",
  Denied: "denied",
  Paid: "paid",
  Expired: "expired",
};
