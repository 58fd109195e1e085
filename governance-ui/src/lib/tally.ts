/** Proposal tallies against quorum, and the proposal-list filters, as plain functions the pages and tests share. */
import type { ProposalStateName } from "@coverdao/core";

export interface Tally {
  against: bigint;
  for: bigint;
  abstain: bigint;
}

/** `part / whole` in percent with one decimal, 0 when `whole` is 0; capped at `cap` (default none). */
export function percentOf(part: bigint, whole: bigint, cap?: number): number {
  if (whole <= 0n) return 0;
  const value = Number((part * 1000n) / whole) / 10;
  return cap === undefined ? value : Math.min(cap, value);
}

export interface TallyView {
  total: bigint;
  /** Share of all votes cast, in percent. */
  forPct: number;
  againstPct: number;
  abstainPct: number;
  /** Votes that count toward quorum (for + abstain), as a percentage of quorum (uncapped). */
  quorumPct?: number;
  quorumReached?: boolean;
}

/** How a tally stands: shares of the votes, and progress toward quorum (for + abstain count, as in OZ's counting). */
export function tallyView(votes: Tally, quorum?: bigint): TallyView {
  const total = votes.for + votes.against + votes.abstain;
  const counted = votes.for + votes.abstain;
  return {
    total,
    forPct: percentOf(votes.for, total),
    againstPct: percentOf(votes.against, total),
    abstainPct: percentOf(votes.abstain, total),
    quorumPct: quorum === undefined ? undefined : quorum === 0n ? 100 : percentOf(counted, quorum),
    quorumReached: quorum === undefined ? undefined : counted >= quorum,
  };
}

/** The filters the Proposals page offers, as they appear in the URL (`?state=Active&notVoted=1`). */
export const STATE_FILTERS = [
  "All",
  "Pending",
  "Active",
  "Succeeded",
  "Queued",
  "Executed",
  "Defeated",
  "Canceled",
  "Expired",
] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export function parseStateFilter(value: string | undefined): StateFilter {
  return (STATE_FILTERS as readonly string[]).includes(value ?? "") ? (value as StateFilter) : "All";
}

/** The states a filter selects; `undefined` for all. */
export function statesOf(filter: StateFilter): ProposalStateName[] | undefined {
  return filter === "All" ? undefined : [filter];
}

/** What a user may do with a proposal in `state` at `now`: vote, queue, execute (with the wait), or nothing. */
export type ProposalAction =
  | { kind: "vote" }
  | { kind: "queue" }
  | { kind: "execute"; waitSeconds: number }
  | { kind: "none"; reason: string };

export function nextAction(state: ProposalStateName, eta: bigint, now: bigint): ProposalAction {
  switch (state) {
    case "Active":
      return { kind: "vote" };
    case "Succeeded":
      return { kind: "queue" };
    case "Queued":
      return { kind: "execute", waitSeconds: eta > now ? Number(eta - now) : 0 };
    case "Pending":
      return { kind: "none", reason: "Voting has not started yet." };
    case "Executed":
      return { kind: "none", reason: "This proposal has been executed." };
    case "Defeated":
      return {
        kind: "none",
        reason: "This proposal was defeated: it did not reach quorum or more votes were against it.",
      };
    case "Canceled":
      return { kind: "none", reason: "This proposal was canceled." };
    case "Expired":
      return { kind: "none", reason: "This proposal expired before it was executed." };
  }
}
