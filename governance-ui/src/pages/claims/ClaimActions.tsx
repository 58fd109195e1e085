/**
 * What the account can do with a claim in its state: buttons "Vote yes (approve)", "Vote no (deny)",
 * "Escalate to governance", "Redeem payout", "Settle claim", "Claim reward".
 */
import type { ClaimRow } from "@coverdao/core";
import { RequireAccount } from "../../components/ui";
import { formatAmount } from "../../lib/format";
import { useReadyDao } from "../../state/dao";

/** What the account can do with the claim in its state: vote, escalate, redeem, settle, claim its reward. */
export function ClaimActions({ claim }: { claim: ClaimRow }) {
  const { send } = useReadyDao();
  return (
    <RequireAccount action="act on this claim">
      <div className="actions">
        {claim.state === "Voting" && !claim.ballot?.voted && <ClaimVote claim={claim} />}
        {claim.ballot?.voted && (
          <p className="badge-voted">You voted {claim.ballot.support ? "yes" : "no"} on this claim.</p>
        )}
        {claim.state === "Cooldown" && (
          <>
            <button
              type="button"
              onClick={() =>
                void send(`Escalate claim ${claim.id}`, (d) =>
                  d.CoverClaims.escalate(claim.id, {
                    value: claim.escalationBondRequired,
                  }),
                )
              }
            >
              Escalate to governance
            </button>
            <span className="muted small">
              Bond: {formatAmount(claim.escalationBondRequired, 18)} ETH, forfeited if governance does not
              decide in time.
            </span>
          </>
        )}
        {claim.state === "Approved" && (
          <button
            type="button"
            onClick={() =>
              void send(`Redeem payout of claim ${claim.id}`, (d) => d.CoverClaims.redeemPayout(claim.id))
            }
          >
            Redeem payout
          </button>
        )}
        {!claim.settled && ["Denied", "Expired"].includes(claim.state) && (
          <button
            type="button"
            className="secondary"
            onClick={() => void send(`Settle claim ${claim.id}`, (d) => d.CoverClaims.settleClaim(claim.id))}
          >
            Settle claim
          </button>
        )}
        {claim.ballot?.voted &&
          !claim.ballot.rewarded &&
          ["Approved", "Denied", "Paid", "Expired"].includes(claim.state) && (
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void send(`Claim reward of claim ${claim.id}`, (d) => d.CoverClaims.claimReward(claim.id))
              }
            >
              Claim reward
            </button>
          )}
      </div>
    </RequireAccount>
  );
}

/** The assessor's vote while the claim is open for it. */
function ClaimVote({ claim }: { claim: ClaimRow }) {
  const { send } = useReadyDao();
  return (
    <>
      <button
        type="button"
        onClick={() =>
          void send(`Vote yes on claim ${claim.id}`, (d) => d.CoverClaims.castClaimVote(claim.id, true))
        }
      >
        Vote yes (approve)
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void send(`Vote no on claim ${claim.id}`, (d) => d.CoverClaims.castClaimVote(claim.id, false))
        }
      >
        Vote no (deny)
      </button>
      <span className="muted small">
        Your weight is your stake the second before the claim was filed; voting locks your stake until the
        claim is final.
      </span>
    </>
  );
}
