/**
 * Proposals: the list ({ProposalsPage} in `ProposalList.tsx`) and one proposal's page ({ProposalPage}, with
 * {VotePanel}, {StatusPanel}, {ActionsPanel} and its reads in {useProposal}).
 */
export { ProposalsPage } from "./ProposalList";
export { ProposalPage } from "./ProposalPage";
