/**
 * Claims: the list (newest first, with the core's plain-words explanation), a claim's page with its
 * evidence, assessor vote, escalation, payout redemption, settlement and reward; and the form to file a claim.
 *
 * Accessible names: links "Claim <id>"; buttons "Vote yes (approve)", "Vote no (deny)", "Escalate to governance",
 * "Redeem payout", "Settle claim", "Claim reward"; inputs "Cover id", "Claim amount", "Evidence URI"; button "File claim".
 * For each parametric cover the account holds: form "Parametric claim on cover <id>" with table "Feed rounds for
 * cover <id>", radio group "Trigger round" (radios "Round <id>: <price> <unit> at <time>", qualifying rounds only),
 * input "Amount to claim" and button "File parametric claim".
 */
import { useState } from "react";

import {
  type ClaimRow,
  type ParametricCover,
  type TriggerRoundRow,
  describeTriggerRule,
  explainClaim,
  lowestQualifying,
  parseDecimal,
  plainDecimal,
  readAccountParametricCovers,
  readClaims,
} from "@coverdao/core";
import { ErrorNote, Field, Loading, RequireAccount } from "../../components/ui";
import { StateBadge } from "../../components/Tally";
import { describeDeadline, useChainNow } from "../../lib/countdown";
import { formatAmount, shortAddress } from "../../lib/format";
import { safeHref } from "../../lib/markdown";
import { href } from "../../lib/router";
import { percentOf } from "../../lib/tally";
import { useAsync } from "../../lib/useAsync";
import { useReadyDao } from "../../state/dao";

const explain = (claim: ClaimRow) =>
  explainClaim(claim, { assetDecimals: claim.pool?.assetDecimals, assetSymbol: claim.pool?.symbol });

export function ClaimsPage({ id }: { id?: string }) {
  if (id) return <ClaimPage id={id} />;
  return <ClaimList />;
}

function ClaimList() {
  const { provider, deployment, wallet, refresh } = useReadyDao();
  const state = useAsync(
    () => readClaims(provider, deployment, { limit: 50, account: wallet.address }),
    [provider, deployment, wallet.address, refresh],
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
                      <a href={href("claims", claim.id.toString())}>Claim {claim.id.toString()}</a>
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

function ClaimPage({ id }: { id: string }) {
  const { provider, deployment, dao, wallet, refresh, send } = useReadyDao();
  const state = useAsync(async () => {
    const claimId = BigInt(id);
    const read = await readClaims(provider, deployment, { ids: [claimId], account: wallet.address });
    const claim = read.claims[0];
    const evidence = claim && !claim.parametric ? await evidenceOf(claimId) : undefined;
    return { ...read, claim, evidence };
  }, [provider, deployment, id, wallet.address, refresh]);

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
          There is no claim {id}. <a href={href("claims")}>Back to claims</a>
        </p>
      </section>
    );
  }
  const decimals = claim.pool?.assetDecimals ?? 18;
  const votes = claim.yesWeight + claim.noWeight;
  const link = evidence ? safeHref(evidence) : undefined;
  return (
    <article>
      <p>
        <a href={href("claims")}>← Claims</a>
      </p>
      <div className="page-head">
        <h1>Claim {claim.id.toString()}</h1>
        <StateBadge state={claim.state} />
      </div>
      <p role="status">{explain(claim)}</p>
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
      <RequireAccount action="act on this claim">
        <div className="actions">
          {claim.state === "Voting" && !claim.ballot?.voted && (
            <>
              <button
                type="button"
                onClick={() =>
                  void send(`Vote yes on claim ${claim.id}`, (d) =>
                    d.CoverClaims.castClaimVote(claim.id, true),
                  )
                }
              >
                Vote yes (approve)
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  void send(`Vote no on claim ${claim.id}`, (d) =>
                    d.CoverClaims.castClaimVote(claim.id, false),
                  )
                }
              >
                Vote no (deny)
              </button>
              <span className="muted small">
                Your weight is your stake the second before the claim was filed; voting locks your stake until
                the claim is final.
              </span>
            </>
          )}
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
              onClick={() =>
                void send(`Settle claim ${claim.id}`, (d) => d.CoverClaims.settleClaim(claim.id))
              }
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
    </article>
  );
}

/** A claim amount typed in the asset's units ("1,500.5"): more than zero, at most `decimals` places. */
function claimAmount(
  amount: string,
  decimals: number,
): { ok: true; value: bigint } | { ok: false; error: string } {
  let value: bigint;
  try {
    value = parseDecimal(amount.trim().replaceAll(",", ""), decimals);
  } catch (error) {
    return { ok: false, error: `${(error as Error).message}.` };
  }
  if (value === 0n) return { ok: false, error: "The amount must be more than zero." };
  return { ok: true, value };
}

/** Checks the claim form: a whole cover id, an exact amount in the cover's asset, an evidence URI. */
export function checkClaimForm(
  coverId: string,
  amount: string,
  evidence: string,
  decimals: number,
):
  | { ok: true; coverId: bigint; amount: bigint }
  | { ok: false; field: "coverId" | "amount" | "evidence"; error: string } {
  if (!/^\d+$/.test(coverId.trim()))
    return { ok: false, field: "coverId", error: "Enter the cover's number (its NFT id)." };
  const parsed = claimAmount(amount, decimals);
  if (!parsed.ok) return { ok: false, field: "amount", error: parsed.error };
  const value = parsed.value;
  if (!evidence.trim())
    return { ok: false, field: "evidence", error: "Link the evidence (e.g. ipfs://… or https://…)." };
  return { ok: true, coverId: BigInt(coverId.trim()), amount: value };
}

function FileClaim() {
  const { dao, send } = useReadyDao();
  const [coverId, setCoverId] = useState("");
  const [amount, setAmount] = useState("");
  const [evidence, setEvidence] = useState("");
  const [error, setError] = useState<{ field: string; error: string }>();
  return (
    <RequireAccount action="file a claim">
      <form
        className="panel"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(undefined);
          let decimals = 18;
          let deposit = 0n;
          try {
            if (/^\d+$/.test(coverId.trim())) {
              const pool = await dao.CoverBook.poolOf(BigInt(coverId.trim()));
              const pools = [dao.WethPool, dao.StablecoinPool];
              const match = await Promise.all(
                pools.map(async (p) => (await p.getAddress()).toLowerCase() === pool.toLowerCase()),
              );
              const chosen = pools[match.indexOf(true)];
              if (chosen) decimals = Number(await chosen.decimals()) - Number(await chosen.DECIMALS_OFFSET());
            }
            deposit = (await dao.CoverClaims.parameters()).claimDeposit;
          } catch {
            setError({ field: "coverId", error: `There is no cover ${coverId.trim()}.` });
            return;
          }
          const check = checkClaimForm(coverId, amount, evidence, decimals);
          if (!check.ok) {
            setError(check);
            return;
          }
          if (
            await send(`File a claim on cover ${check.coverId}`, (d) =>
              d.CoverClaims.submitClaim(check.coverId, check.amount, evidence.trim(), { value: deposit }),
            )
          ) {
            setCoverId("");
            setAmount("");
            setEvidence("");
          }
        }}
      >
        <h2>File a claim</h2>
        <p className="muted small">
          You must hold the cover. The claim deposit (in ETH) is sent with the claim and returned unless
          assessors deny it.
        </p>
        <Field
          id="claim-cover"
          label="Cover id"
          value={coverId}
          onChange={setCoverId}
          inputMode="numeric"
          error={error?.field === "coverId" ? error.error : undefined}
        />
        <Field
          id="claim-amount"
          label="Claim amount"
          value={amount}
          onChange={setAmount}
          inputMode="decimal"
          hint="In the cover's asset (WETH or the stablecoin)."
          error={error?.field === "amount" ? error.error : undefined}
        />
        <Field
          id="claim-evidence"
          label="Evidence URI"
          value={evidence}
          onChange={setEvidence}
          placeholder="ipfs://…"
          error={error?.field === "evidence" ? error.error : undefined}
        />
        <button type="submit">File claim</button>
      </form>
    </RequireAccount>
  );
}

/** A Unix time as "2026-03-01 12:00:05 UTC". */
const utc = (seconds: bigint | number): string =>
  new Date(Number(seconds) * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, " UTC");

/** An exact amount in the asset's decimals, without grouping or trailing zeros: it reads back as typed. */
export const plainAmount = plainDecimal;

/**
 * Why no parametric claim can be filed on `cover` now, in words (undefined: it can). The contract's own
 * filing checks, in its order, then the rounds: an open claim, the filing window, nothing left to claim, no
 * qualifying round.
 */
export function parametricBlocker(cover: ParametricCover): string | undefined {
  const id = cover.coverId.toString();
  if (cover.now < cover.start) return `Cover ${id} has not started yet (${utc(cover.start)}).`;
  if (!cover.filingOpen)
    return `Claims on cover ${id} could be filed until ${utc(cover.filingDeadline)}; that window has closed.`;
  if (cover.remaining === 0n) return `Cover ${id} has been paid out in full: nothing remains to claim.`;
  if (cover.openClaim)
    return `Cover ${id} already has an open claim (claim ${cover.openClaim.id}, ${cover.openClaim.state.toLowerCase()}): it must be paid, denied or expire before another is filed.`;
  if (!cover.rounds.some((r) => r.qualifies)) {
    const read =
      cover.rounds.length === 0
        ? "the feed has published no round since the cover started"
        : `none of the ${cover.rounds.length} round${cover.rounds.length === 1 ? "" : "s"} since the cover started qualifies (see why above)`;
    return `No round qualifies for cover ${id}: ${read}. There is nothing to file yet.`;
  }
  return undefined;
}

/** Checks the parametric form: a qualifying round picked, an exact amount above zero and within the cover. */
export function checkParametricForm(
  cover: ParametricCover,
  roundId: string | undefined,
  amount: string,
): { ok: true; roundId: bigint; amount: bigint } | { ok: false; field: "round" | "amount"; error: string } {
  const round = cover.rounds.find((r) => r.qualifies && r.roundId.toString() === roundId);
  if (!round) return { ok: false, field: "round", error: "Pick a qualifying round." };
  const decimals = cover.pool?.assetDecimals ?? 18;
  const symbol = cover.pool?.symbol ?? "";
  const parsed = claimAmount(amount, decimals);
  if (!parsed.ok) return { ok: false, field: "amount", error: parsed.error };
  const value = parsed.value;
  if (value > cover.remaining)
    return {
      ok: false,
      field: "amount",
      error: `At most ${plainAmount(cover.remaining, decimals)}${symbol ? ` ${symbol}` : ""} remains of this cover.`,
    };
  return { ok: true, roundId: round.roundId, amount: value };
}

/** The parametric covers the account holds, each with its claim form. */
function ParametricClaims() {
  const { provider, deployment, wallet, refresh } = useReadyDao();
  const account = wallet.address;
  const state = useAsync(
    () => (account ? readAccountParametricCovers(provider, deployment, account) : Promise.resolve([])),
    [provider, deployment, account, refresh],
  );
  if (!account) return null;
  if (state.error) return <ErrorNote error={state.error} />;
  if (!state.data) return <Loading what="your parametric covers" />;
  if (state.data.length === 0) return null;
  return (
    <section aria-labelledby="parametric-claims">
      <h2 id="parametric-claims">Parametric covers</h2>
      <p className="muted small">
        A parametric cover pays on its price feed, not on a vote: file the claim from a round of the feed that
        proves the trigger, and it is approved at once, with no deposit; then redeem it from the claim&apos;s
        page.
      </p>
      {state.data.map((cover) => (
        <ParametricClaimForm
          key={`${cover.coverId}:${cover.remaining}:${cover.openClaim?.id ?? 0n}`}
          cover={cover}
        />
      ))}
    </section>
  );
}

function RoundLabel({ round, unit }: { round: TriggerRoundRow; unit?: string }) {
  return (
    <>
      Round {round.roundId.toString()}: {round.price}
      {unit ? ` ${unit}` : ""} at {utc(round.updatedAt)}
    </>
  );
}

function ParametricClaimForm({ cover }: { cover: ParametricCover }) {
  const { send } = useReadyDao();
  const id = cover.coverId.toString();
  const decimals = cover.pool?.assetDecimals ?? 18;
  const symbol = cover.pool?.symbol ?? "";
  const unit = cover.unit ? ` ${cover.unit}` : "";
  const qualifying = cover.rounds.filter((r) => r.qualifies);
  const lowest = lowestQualifying(cover.rounds);
  const [picked, setPicked] = useState<string>();
  const [amount, setAmount] = useState(plainAmount(cover.remaining, decimals));
  const [error, setError] = useState<{ field: string; error: string }>();
  // The pick stands while its round still qualifies (the feed may move on); otherwise the lowest is chosen.
  const round = qualifying.find((r) => r.roundId.toString() === picked) ?? lowest;
  const blocker = parametricBlocker(cover);
  const rule = describeTriggerRule(cover);
  const headingId = `parametric-${id}`;
  return (
    <form
      className="panel"
      aria-label={`Parametric claim on cover ${id}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        const check = checkParametricForm(cover, round?.roundId.toString(), amount);
        if (!check.ok) {
          setError(check);
          return;
        }
        await send(
          `File parametric claim on cover ${id} from round ${check.roundId}`,
          (d) => d.CoverClaims.submitParametricClaim(cover.coverId, check.amount, check.roundId),
          cover.pool
            ? { asset: { decimals: cover.pool.assetDecimals, symbol: cover.pool.symbol } }
            : undefined,
        );
      }}
    >
      <h3 id={headingId}>
        File parametric claim on cover #{id}: {cover.productName}
      </h3>
      <dl className="stats">
        <div>
          <dt>Trigger</dt>
          <dd>
            at or below {cover.triggerPrice}
            {unit}
            {cover.feedDescription ? ` (${cover.feedDescription})` : ""}
          </dd>
        </div>
        <div>
          <dt>Cover period</dt>
          <dd>
            {utc(cover.start)} to {utc(cover.end)}
          </dd>
        </div>
        <div>
          <dt>Price at purchase</dt>
          <dd>
            {cover.startPrice}
            {unit}
          </dd>
        </div>
        <div>
          <dt>Remaining cover</dt>
          <dd>
            {formatAmount(cover.remaining, decimals)} {symbol}
          </dd>
        </div>
      </dl>
      <div className="muted small" role="note" aria-label={`Trigger rule for cover ${id}`}>
        <p>{rule.counts}</p>
        <p>{rule.confirms}</p>
        <p>{rule.files}</p>
        <p>{rule.pays}</p>
      </div>
      {cover.rounds.length > 0 && (
        <div className="table-wrap">
          <table aria-label={`Feed rounds for cover ${id}`}>
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Price</th>
                <th scope="col">Updated</th>
                <th scope="col">Qualifies</th>
              </tr>
            </thead>
            <tbody>
              {cover.rounds.map((r) => (
                <tr key={r.roundId.toString()}>
                  <td>{r.roundId.toString()}</td>
                  <td>
                    {r.price}
                    {unit}
                  </td>
                  <td>{r.updatedAt === 0n ? "—" : utc(r.updatedAt)}</td>
                  <td>{r.qualifies ? "Yes" : `No: ${r.reason}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cover.truncated && (
        <p className="muted small">Only the feed&apos;s latest {cover.rounds.length} rounds are shown.</p>
      )}
      {blocker ? (
        <p className="note" role="status">
          {blocker}
        </p>
      ) : (
        <>
          <fieldset aria-describedby={error?.field === "round" ? `${headingId}-round-error` : undefined}>
            <legend>Trigger round</legend>
            {qualifying.map((r) => (
              <label key={r.roundId.toString()} className="radio">
                <input
                  type="radio"
                  name={`parametric-round-${id}`}
                  value={r.roundId.toString()}
                  checked={round?.roundId === r.roundId}
                  onChange={() => setPicked(r.roundId.toString())}
                />{" "}
                <RoundLabel round={r} unit={cover.unit} />
                {`, pays ${plainAmount(r.payout, decimals)}${symbol ? ` ${symbol}` : ""} on the whole remaining cover`}
                {r === lowest && qualifying.length > 1 ? " (largest payout)" : ""}
              </label>
            ))}
            {error?.field === "round" && (
              <small id={`${headingId}-round-error`} className="field-error">
                {error.error}
              </small>
            )}
          </fieldset>
          <Field
            id={`parametric-amount-${id}`}
            label="Amount to claim"
            value={amount}
            onChange={setAmount}
            inputMode="decimal"
            hint={`In ${symbol || "the cover's asset"}; at most what remains of the cover. No deposit is needed.`}
            error={error?.field === "amount" ? error.error : undefined}
          />
          <button type="submit">File parametric claim</button>
        </>
      )}
    </form>
  );
}
