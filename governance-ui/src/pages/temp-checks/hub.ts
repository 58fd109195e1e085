/** What the temperature-check pages read from the Snapshot hub, and how often. */
import type { Results, SpaceSettings, StoredProposal } from "@coverdao/core/snapshot";

/** Votes signed to the hub mine no block: the hub's lists and results are read again this often. */
export const HUB_POLL_MS = 10_000;

export type HubSpace = { id: string; settings: SpaceSettings };
export type HubProposal = StoredProposal & { state: "pending" | "active" | "closed" };
export type HubResults = Pick<
  Results,
  | "choices"
  | "scoresWei"
  | "scoresTotalWei"
  | "votes"
  | "quorum"
  | "quorumReached"
  | "quorumVotesWei"
  | "governorQuorumReached"
  | "governorQuorumVotesWei"
  | "passing"
  | "governorPassing"
>;
