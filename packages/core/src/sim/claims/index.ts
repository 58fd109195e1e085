/**
 * Claim scenarios, one file each: `claims-cycle` (covers bought, claims filed, assessed, one escalated to the
 * Governor, payouts), `correlated-claims` (a depeg: every cover claims; who is paid and the shortfall),
 * `bank-run` (underwriters rush to withdraw when a large claim is filed) and `apathy` (quorum failures in
 * claims and governance, and where they leave pending claims and proposals). What they share (assessors,
 * vote weights, who bore a loss) is in `common.ts`.
 */
export { claimsCycle } from "./claims-cycle.js";
export { correlatedClaims } from "./correlated-claims.js";
export { bankRun } from "./bank-run.js";
export { apathy } from "./apathy.js";
