/**
 * Parametric claims: for each parametric cover the account holds, its feed rounds and the form to claim on
 * a qualifying round.
 */
import { useState } from "react";
import {
  type ParametricCover,
  type TriggerRoundRow,
  describeTriggerRule,
  lowestQualifying,
  plainDecimal,
  readAccountParametricCovers,
  spellTime,
} from "@coverdao/core";
import { ErrorNote, Field, Loading } from "../../components/ui";
import { formatAmount } from "../../lib/format";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";
import { claimAmount } from "./common";

/** An exact amount in the asset's decimals, without grouping or trailing zeros: it reads back as typed. */
export const plainAmount = plainDecimal;

/**
 * Why no parametric claim can be filed on `cover` now, in words (undefined: it can). The contract's own
 * filing checks, in its order, then the rounds: an open claim, the filing window, nothing left to claim, no
 * qualifying round.
 */
export function parametricBlocker(cover: ParametricCover): string | undefined {
  const id = cover.coverId.toString();
  if (cover.now < cover.start) return `Cover ${id} has not started yet (${spellTime(cover.start)}).`;
  if (!cover.filingOpen)
    return `Claims on cover ${id} could be filed until ${spellTime(cover.filingDeadline)}; that window has closed.`;
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
export function ParametricClaims() {
  const { provider, deployment, wallet } = useReadyDao();
  const account = wallet.address;
  const state = useChainQuery(
    "parametric-covers",
    () => (account ? readAccountParametricCovers(provider, deployment, account) : Promise.resolve([])),
    [provider, deployment, account],
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
      {unit ? ` ${unit}` : ""} at {spellTime(round.updatedAt)}
    </>
  );
}

function ParametricClaimForm({ cover }: { cover: ParametricCover }) {
  const { send } = useReadyDao();
  const id = cover.coverId.toString();
  const decimals = cover.pool?.assetDecimals ?? 18;
  const symbol = cover.pool?.symbol ?? "";
  const qualifying = cover.rounds.filter((r) => r.qualifies);
  const lowest = lowestQualifying(cover.rounds);
  const [picked, setPicked] = useState<string>();
  const [amount, setAmount] = useState(plainAmount(cover.remaining, decimals));
  const [error, setError] = useState<{ field: string; error: string }>();
  // The pick stands while its round still qualifies (the feed may move on); otherwise the lowest is chosen.
  const round = qualifying.find((r) => r.roundId.toString() === picked) ?? lowest;
  const blocker = parametricBlocker(cover);
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
      <CoverFacts cover={cover} />
      <FeedRounds cover={cover} />
      {blocker ? (
        <p className="note" role="status">
          {blocker}
        </p>
      ) : (
        <>
          <RoundPicker
            cover={cover}
            round={round}
            onPick={setPicked}
            error={error?.field === "round" ? error.error : undefined}
            errorId={`${headingId}-round-error`}
          />
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

/** The cover's trigger, period, price at purchase and what remains, and its trigger rule in words. */
function CoverFacts({ cover }: { cover: ParametricCover }) {
  const id = cover.coverId.toString();
  const unit = cover.unit ? ` ${cover.unit}` : "";
  const rule = describeTriggerRule(cover);
  return (
    <>
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
            {spellTime(cover.start)} to {spellTime(cover.end)}
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
            {formatAmount(cover.remaining, cover.pool?.assetDecimals ?? 18)} {cover.pool?.symbol ?? ""}
          </dd>
        </div>
      </dl>
      <div className="muted small" role="note" aria-label={`Trigger rule for cover ${id}`}>
        <p>{rule.counts}</p>
        <p>{rule.confirms}</p>
        <p>{rule.files}</p>
        <p>{rule.pays}</p>
      </div>
    </>
  );
}

/** Table "Feed rounds for cover <id>": each round since the cover started, and whether it qualifies or why not. */
function FeedRounds({ cover }: { cover: ParametricCover }) {
  const unit = cover.unit ? ` ${cover.unit}` : "";
  return (
    <>
      {cover.rounds.length > 0 && (
        <div className="table-wrap">
          <table aria-label={`Feed rounds for cover ${cover.coverId.toString()}`}>
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
                  <td>{r.updatedAt === 0n ? "—" : spellTime(r.updatedAt)}</td>
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
    </>
  );
}

/** Radio group "Trigger round": the qualifying rounds, each with what it pays; the lowest has the largest payout. */
function RoundPicker({
  cover,
  round,
  onPick,
  error,
  errorId,
}: {
  cover: ParametricCover;
  round?: TriggerRoundRow;
  onPick(roundId: string): void;
  error?: string;
  errorId: string;
}) {
  const decimals = cover.pool?.assetDecimals ?? 18;
  const symbol = cover.pool?.symbol ?? "";
  const qualifying = cover.rounds.filter((r) => r.qualifies);
  const lowest = lowestQualifying(cover.rounds);
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend>Trigger round</legend>
      {qualifying.map((r) => (
        <label key={r.roundId.toString()} className="radio">
          <input
            type="radio"
            name={`parametric-round-${cover.coverId.toString()}`}
            value={r.roundId.toString()}
            checked={round?.roundId === r.roundId}
            onChange={() => onPick(r.roundId.toString())}
          />{" "}
          <RoundLabel round={r} unit={cover.unit} />
          {`, pays ${plainAmount(r.payout, decimals)}${symbol ? ` ${symbol}` : ""} on the whole remaining cover`}
          {r === lowest && qualifying.length > 1 ? " (largest payout)" : ""}
        </label>
      ))}
      {error && (
        <small id={errorId} className="field-error">
          {error}
        </small>
      )}
    </fieldset>
  );
}
