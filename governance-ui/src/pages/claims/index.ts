/**
 * Claims: the list (newest first, with the core's plain-words explanation), a claim's page with its
 * evidence, assessor vote, escalation, payout redemption, settlement and reward; and the form to file a claim.
 *
 * Accessible names: links "Claim <id>"; buttons "Vote yes (approve)", "Vote no (deny)", "Escalate to governance",
 * "Redeem payout", "Settle claim", "Claim reward"; inputs "Cover id", "Claim amount", "Evidence URI"; button "File claim".
 * For each parametric cover the account holds: form "Parametric claim on cover <id>" with table "Feed rounds for
 * cover <id>", radio group "Trigger round" (radios "Round <id>: <price> <unit> at <time>", qualifying rounds only),
 * input "Amount to claim" and button "File parametric claim".
 *
 * One file per part: `ClaimsPage` (the route), `ClaimList`, `ClaimPage` (with `ClaimActions`), `FileClaimForm`,
 * `ParametricClaimForm`.
 */
export { ClaimsPage } from "./ClaimsPage";
export { checkClaimForm } from "./FileClaimForm";
export { plainAmount, parametricBlocker, checkParametricForm } from "./ParametricClaimForm";
