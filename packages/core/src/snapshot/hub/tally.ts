/** Results of a proposal: snapshot.js's scores, exact wei totals, and quorum as the public hub and the Governor count it. */
import type { ProposalState } from "../hub.js";
import { snapshot } from "../snapshotjs.js";
import { type HubContext, HubError, stateOf } from "./context.js";

export interface Results {
  proposal: string;
  state: ProposalState;
  choices: string[];
  /** snapshot.js `utils.voting[type]` scores per choice, in tokens. */
  scores: number[];
  scoresTotal: number;
  /** Exact sums of voting power per choice, in wei (decimal strings). */
  scoresWei: string[];
  scoresTotalWei: string;
  votes: number;
  quorum: number;
  /**
   * Whether the votes reach the quorum as the public hub counts it for an off-chain space without a
   * `quorumType`: every vote (For, Against and Abstain, whatever the voting type). See `QUORUM_RULES` (client.ts).
   */
  quorumReached: boolean;
  /** What the public hub counts towards quorum (every vote), in wei (decimal string). */
  quorumVotesWei: string;
  /**
   * The same votes counted as the Governor counts them (`GovernorCountingSimple`: For + Abstain; Against never
   * helps a quorum), for `basic` voting: whether they would reach the quorum on chain with this power.
   */
  governorQuorumReached: boolean;
  /** For + Abstain, in wei (decimal string); basic voting only (else every vote). */
  governorQuorumVotesWei: string;
  /**
   * Outcomes of basic voting: `passing` as the public hub states a closed basic proposal (quorum of every vote
   * reached and For above Against), `governorPassing` as the Governor would (For + Abstain at quorum and For
   * above Against). They differ when Against votes are what lifts the count to the quorum.
   */
  passing: boolean;
  governorPassing: boolean;
}

/** The results of proposal `id` at hub time `at` (default: now); a 404 {@link HubError} if it is unknown. */
export async function tally(hub: HubContext, id: string, at?: number): Promise<Results> {
  const t = at ?? (await hub.now());
  const proposal = hub.store.proposal(id);
  if (!proposal) throw new HubError(`unknown proposal ${id}`, 404);
  const votes = hub.store.votes(id);
  const Voting = snapshot.utils.voting[proposal.type === "basic" ? "basic" : "single-choice"];
  const scored = new Voting(
    { choices: proposal.choices },
    votes.map((v) => ({
      choice: v.choice,
      balance: v.scores.reduce((a, b) => a + b, 0),
      scores: v.scores,
    })),
    proposal.strategies,
    0,
  );
  const scoresWei = proposal.choices.map((_, i) =>
    votes.filter((v) => v.choice === i + 1).reduce((a, v) => a + BigInt(v.vpWei), 0n),
  );
  const totalWei = scoresWei.reduce((a, b) => a + b, 0n);
  const basic = proposal.type === "basic";
  // The Governor's rule (GovernorCountingSimple._quorumReached): For + Abstain; Against never counts.
  const governorWei = basic ? scoresWei[0] + (scoresWei[2] ?? 0n) : totalWei;
  const quorumReached = hub.toTokens(totalWei) >= proposal.quorum;
  const governorQuorumReached = hub.toTokens(governorWei) >= proposal.quorum;
  const forBeatsAgainst = basic && scoresWei[0] > (scoresWei[1] ?? 0n);
  return {
    proposal: id,
    state: stateOf(proposal, t),
    choices: proposal.choices,
    scores: scored.getScores(),
    scoresTotal: scored.getScoresTotal(),
    scoresWei: scoresWei.map(String),
    scoresTotalWei: totalWei.toString(),
    votes: votes.length,
    quorum: proposal.quorum,
    quorumReached,
    quorumVotesWei: totalWei.toString(),
    governorQuorumReached,
    governorQuorumVotesWei: governorWei.toString(),
    passing: quorumReached && forBeatsAgainst,
    governorPassing: governorQuorumReached && forBeatsAgainst,
  };
}
