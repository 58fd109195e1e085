/**
 * A claim's page: evidence, assessor vote, escalation, payout redemption, settlement and reward.
 */
import { Link } from "react-router";
import { type ClaimRow, readClaims } from "@coverdao/core";
import { ErrorNote, Loading } from "../../components/ui";
import { StateBadge } from "../../components/Tally";
import { describeDeadline, useChainNow } from "../../lib/countdown";
import { formatAmount, shortAddress } from "../../lib/format";
import { safeHref } from "../../lib/markdown";
import { href } from "../../lib/router";
import { percentOf } from "../../lib/tally";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";
import { ClaimActions } from "./ClaimActions";
import { explain } from "./common";

export function ClaimPage({ id }: { id: string }) {
  const { provider, deployment, dao, wallet } = useReadyDao();
  const state = useChainQuery(
    "claim",
    async () => {
      const claimId = BigInt(id);
      const read = await readClaims(provider, deployment, { ids: [claimId], account: wallet.address });
      const claim = read.claims[0];
      const evidence = claim && !claim.parametric ? await evidenceOf(claimId) : undefined;
      return { ...read, claim, evidence };
    },
    [provider, deployment, id, wallet.address],
  );

  async function evidenceOf(claimId: bigint): Promise<string | undefined> {
    const logs = await dao.CoverClaims.queryFilter(
      dao.CoverClaims.filters.ClaimSubmitted(claimId),
      deployment.startBlock,
    );
    return logs[0]?.args.evidenceURI;
  }

  const now = useChainNow(state.data?.timestamp, state.readAt);
  if (!state.data) return state.error ? <ErrorNote error={state.error} /> : <Loading what="the claim" />;
  const { claim, evidence } = state.data;
  if (!claim) {
    return (
      <section>
        <h1>Claim not found</h1>
        <p>
          There is no claim {id}. <Link to={href("claims")}>Back to claims</Link>
        </p>
      </section>
    );
  }
  return (
    <article>
      <p>
        <Link to={href("claims")}>← Claims</Link>
      </p>
      <div className="page-head">
        <h1>Claim {claim.id.toString()}</h1>
        <StateBadge state={claim.state} />
      </div>
      <p role="status">{explain(claim)}</p>
      <ClaimFacts claim={claim} evidence={evidence} now={now} />
      <ClaimActions claim={claim} />
    </article>
  );
}

/** The claim's figures: cover, amount, claimant, evidence, weights against quorum and the deadline running. */
function ClaimFacts({ claim, evidence, now }: { claim: ClaimRow; evidence?: string; now?: bigint }) {
  const decimals = claim.pool?.assetDecimals ?? 18;
  const votes = claim.yesWeight + claim.noWeight;
  const link = evidence ? safeHref(evidence) : undefined;
  return (
    <dl className="stats panel">
      <div>
        <dt>Cover</dt>
        <dd>#{claim.coverId.toString()}</dd>
      </div>
      <div>
        <dt>Amount</dt>
        <dd>
          {formatAmount(claim.amount, decimals)} {claim.pool?.symbol}
        </dd>
      </div>
      <div>
        <dt>Claimant</dt>
        <dd title={claim.claimant}>{shortAddress(claim.claimant)}</dd>
      </div>
      <div>
        <dt>Evidence</dt>
        <dd>
          {claim.parametric ? (
            "price feed round (parametric)"
          ) : link ? (
            <a href={link} target="_blank" rel="noopener noreferrer">
              {evidence}
            </a>
          ) : (
            <code>{evidence ?? "—"}</code>
          )}
        </dd>
      </div>
      <div>
        <dt>Yes / no weight</dt>
        <dd>
          {formatAmount(claim.yesWeight, 18, 0)} / {formatAmount(claim.noWeight, 18, 0)} (
          {percentOf(claim.yesWeight, votes)}% yes)
        </dd>
      </div>
      <div>
        <dt>Quorum</dt>
        <dd>
          {formatAmount(votes, 18, 0)} of {formatAmount(claim.quorumWeight, 18, 0)} needed
        </dd>
      </div>
      {now !== undefined && claim.state === "Voting" && (
        <div>
          <dt>Voting ends</dt>
          <dd>{describeDeadline(claim.votingEnd, now)}</dd>
        </div>
      )}
      {now !== undefined && claim.state === "Cooldown" && (
        <div>
          <dt>Escalation possible until</dt>
          <dd>{describeDeadline(claim.cooldownEnd, now)}</dd>
        </div>
      )}
    </dl>
  );
}
