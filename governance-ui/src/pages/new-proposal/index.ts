/** The new-proposal page: {NewProposalPage} and its parts in this folder. */
export { NewProposalPage } from "./NewProposalPage";
