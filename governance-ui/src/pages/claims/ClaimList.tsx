/**
 * The claim list (newest first, in plain words), with the forms to file a claim below it.
 */
import { Link } from "react-router";
import { readClaims } from "@coverdao/core";
import { ErrorNote, Loading } from "../../components/ui";
import { StateBadge } from "../../components/Tally";
import { href } from "../../lib/router";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";
import { FileClaim } from "./FileClaimForm";
import { ParametricClaims } from "./ParametricClaimForm";
import { explain } from "./common";

export function ClaimList() {
  const { provider, deployment, wallet } = useReadyDao();
  const state = useChainQuery(
    "claims",
    () => readClaims(provider, deployment, { limit: 50, account: wallet.address }),
    [provider, deployment, wallet.address],
  );
  return (
    <section>
      <h1>Claims</h1>
      <ErrorNote error={state.error} />
      {!state.data && <Loading what="claims" />}
      {state.data && (
        <>
          <p className="muted" role="status">
            {state.data.count} claim{state.data.count === 1 ? "" : "s"} filed
            {state.data.count > state.data.claims.length
              ? `; the newest ${state.data.claims.length} shown`
              : ""}
            .
          </p>
          <ol className="cards" aria-label="Claim list">
            {state.data.claims.map((claim) => (
              <li key={claim.id.toString()}>
                <article className="card">
                  <header className="card-head">
                    <h2>
                      <Link to={href("claims", claim.id.toString())}>Claim {claim.id.toString()}</Link>
                    </h2>
                    <StateBadge state={claim.state} />
                    {claim.ballot?.voted && (
                      <span className="badge badge-voted">
                        You voted {claim.ballot.support ? "yes" : "no"}
                      </span>
                    )}
                  </header>
                  <p>{explain(claim)}</p>
                </article>
              </li>
            ))}
          </ol>
        </>
      )}
      <FileClaim />
      <ParametricClaims />
    </section>
  );
}
