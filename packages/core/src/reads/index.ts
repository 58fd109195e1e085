/**
 * Batched reads for the UI and the scripts (browser-safe). Many view calls go out as one `eth_call` to the
 * deployment's {Multicall} (`aggregate3`), so a page costs a constant number of JSON-RPC round trips
 * whatever it shows. Without a Multicall in the deployment the calls go out concurrently instead (ethers'
 * JsonRpcProvider sends concurrent requests as one JSON-RPC batch).
 *
 * The proposal list pages the Governor's on-chain proposal index ({GovernorProposalIndex}: ids and creation
 * blocks), so a page reads its `ProposalCreated` events from only the blocks its proposals were created in
 * ({readProposalsPage}). Every CoverDAO Governor has the index; one without it is refused with a plain error.
 *
 * One file per concept: `proposal-index.ts` (the index's head, pages and creation blocks), `proposals.ts`
 * (proposal summaries, pages and one proposal), `account.ts`, `pools.ts` and `claims.ts`.
 */
export {
  type ProposalSummary,
  type ProposalsQuery,
  type ProposalsPage,
  titleOf,
  type ProposalRead,
  readProposalsPage,
  readProposal,
} from "./proposals.js";
export { clearProposalIndex, INDEX_CHUNK, PAGE_LOG_SPAN, logRanges } from "./proposal-index.js";
export { type AccountView, readAccount } from "./account.js";
export { type PoolView, readPools } from "./pools.js";
export { type ClaimRow, type ClaimsRead, readClaims } from "./claims.js";
