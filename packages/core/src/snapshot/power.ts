/**
 * A temperature check's voting power against its on-chain proposal's, for the CLI and the UI where both appear.
 *
 * The two read the same token (`GovernanceToken`: held + staked tokens, delegation respected) at different
 * times. Snapshot reads `getVotes` at the check's snapshot block, which this toolkit sets to the latest block
 * when the check is created (as Snapshot's own UI does; a hub refuses a future block). The Governor reads
 * `getPastVotes` at the proposal's snapshot, its creation time plus `votingDelay`, days or weeks later. Power
 * moved in between (a delegation, a transfer, a stake, a slash) counts differently, and nothing can choose a
 * block in advance that equals a future proposal's snapshot; so the difference is computed and shown.
 */
import type { Provider } from "ethers";

import type { GovernanceToken } from "../../../../types/ethers-contracts/index.js";
import { hubGet } from "./client.js";
import type { StoredProposal, StoredVote } from "./store.js";

/** One voter whose power differs between the check and the Governor. */
export interface PowerDifference {
  voter: string;
  /** Power the temperature check counted (at its snapshot block), in wei. */
  tempCheckWei: bigint;
  /** Power the Governor counts (`getPastVotes` at the proposal's snapshot), in wei. */
  governorWei: bigint;
}

export interface PowerComparison {
  /** The check's snapshot block and its timestamp. */
  snapshotBlock: number;
  snapshotTime: number;
  /** The Governor's snapshot timepoint (seconds: the token's clock is a timestamp, EIP-6372). */
  governorTimepoint: bigint;
  /** False until the Governor's snapshot has passed: on-chain power is not fixed yet. */
  known: boolean;
  voters: number;
  tempCheckTotalWei: bigint;
  /** Sum of the same voters' on-chain power (zero until known). */
  governorTotalWei: bigint;
  /** Voters whose power differs (empty until known). */
  differences: PowerDifference[];
}

/**
 * Compares the power each of the check's voters had there with the power the Governor counts for them at
 * `governorTimepoint`. Reads nothing on chain until that timepoint has passed (the token refuses future lookups).
 */
export async function compareVotingPower(
  token: GovernanceToken,
  provider: Provider,
  check: Pick<StoredProposal, "snapshot">,
  votes: Pick<StoredVote, "voter" | "vpWei">[],
  governorTimepoint: bigint,
): Promise<PowerComparison> {
  const [snapshotBlock, latest] = await Promise.all([
    provider.getBlock(check.snapshot),
    provider.getBlock("latest"),
  ]);
  const known = latest !== null && governorTimepoint < BigInt(latest.timestamp);
  const tempCheckTotalWei = votes.reduce((sum, v) => sum + BigInt(v.vpWei), 0n);
  const comparison: PowerComparison = {
    snapshotBlock: check.snapshot,
    snapshotTime: snapshotBlock?.timestamp ?? 0,
    governorTimepoint,
    known,
    voters: votes.length,
    tempCheckTotalWei,
    governorTotalWei: 0n,
    differences: [],
  };
  if (!known) return comparison;
  const onChain = await Promise.all(votes.map((v) => token.getPastVotes(v.voter, governorTimepoint)));
  votes.forEach((v, i) => {
    comparison.governorTotalWei += onChain[i];
    if (onChain[i] !== BigInt(v.vpWei)) {
      comparison.differences.push({ voter: v.voter, tempCheckWei: BigInt(v.vpWei), governorWei: onChain[i] });
    }
  });
  return comparison;
}

/** Reads a check and its votes from a dev hub's JSON API, then compares (see {@link compareVotingPower}). */
export async function compareHubVotingPower(
  hubUrl: string,
  checkId: string,
  token: GovernanceToken,
  provider: Provider,
  governorTimepoint: bigint,
): Promise<PowerComparison> {
  const id = encodeURIComponent(checkId);
  const [check, votes] = await Promise.all([
    hubGet<StoredProposal>(hubUrl, `/api/proposals/${id}`),
    hubGet<StoredVote[]>(hubUrl, `/api/proposals/${id}/votes`),
  ]);
  return compareVotingPower(token, provider, check, votes, governorTimepoint);
}

/**
 * The temperature check on a hub whose title is the on-chain proposal's (`# <title>` heading of its
 * description), the newest first: how the UI finds the check of a proposal made from the same file.
 */
export async function findTempCheckByTitle(
  hubUrl: string,
  title: string,
): Promise<(StoredProposal & { state: string }) | undefined> {
  const list = await hubGet<(StoredProposal & { state: string })[]>(hubUrl, "/api/proposals");
  return list.find((p) => p.title.trim() === title.trim());
}
