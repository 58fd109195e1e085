/**
 * Stake: stake COVER for claim-assessment weight (it keeps counting as voting power), request an unstake,
 * wait the cooldown, withdraw within the window; stake that voted on an open claim stays locked.
 *
 * Accessible names: input "Amount to stake (COVER)", button "Stake"; input "Amount to unstake (COVER)",
 * button "Request unstake"; buttons "Cancel unstake request", "Withdraw".
 */
import { useState } from "react";

import { readAccount } from "@coverdao/core";
import { ErrorNote, Field, Loading, RequireAccount } from "../components/ui";
import { checkAmount } from "../lib/amount";
import { describeDeadline, useChainNow } from "../lib/countdown";
import { formatAmount, formatDuration } from "../lib/format";
import { useAsync } from "../lib/useAsync";
import { useReadyDao } from "../state/dao";

/** Where an unstake request stands at `now`. */
export function unstakeStatus(
  request: { amount: bigint; readyAt: bigint; expiresAt: bigint },
  lockedUntil: bigint,
  now: bigint,
): "none" | "cooling-down" | "locked" | "ready" | "lapsed" {
  if (request.amount === 0n) return "none";
  if (now < request.readyAt) return "cooling-down";
  if (now >= request.expiresAt) return "lapsed";
  if (now < lockedUntil) return "locked";
  return "ready";
}

export function StakePage() {
  return (
    <section>
      <h1>Stake</h1>
      <p>
        Staked COVER gives you weight to assess claims, and it still counts as your voting power in
        governance. Unstaking takes a cooldown, then a withdrawal window; stake that voted on an open claim
        stays locked until the claim is final.
      </p>
      <RequireAccount action="stake">
        <StakeForms />
      </RequireAccount>
    </section>
  );
}

function StakeForms() {
  const { provider, deployment, wallet, refresh, send } = useReadyDao();
  const account = wallet.address!;
  const state = useAsync(
    () => readAccount(provider, deployment, account),
    [provider, deployment, account, refresh],
  );
  const now = useChainNow(state.data?.timestamp, state.readAt);
  const [stakeText, setStakeText] = useState("");
  const [unstakeText, setUnstakeText] = useState("");
  const [touched, setTouched] = useState({ stake: false, unstake: false });
  if (!state.data) return state.error ? <ErrorNote error={state.error} /> : <Loading what="your stake" />;
  const a = state.data;
  const stakeCheck = checkAmount(stakeText, 18, a.balance, "your unstaked balance");
  const unstakeCheck = checkAmount(unstakeText, 18, a.stake, "your stake");
  const status = now === undefined ? "none" : unstakeStatus(a.unstake, a.lockedUntil, now);
  const locked = now !== undefined && a.lockedUntil > now;

  return (
    <>
      <dl className="stats panel">
        <div>
          <dt>Wallet balance</dt>
          <dd>{formatAmount(a.balance, 18)} COVER</dd>
        </div>
        <div>
          <dt>Your stake</dt>
          <dd>{formatAmount(a.stake, 18)} COVER</dd>
        </div>
        <div>
          <dt>Total staked</dt>
          <dd>{formatAmount(a.totalStake, 18, 0)} COVER</dd>
        </div>
        <div>
          <dt>Cooldown / window</dt>
          <dd>
            {formatDuration(a.staking.cooldown)} / {formatDuration(a.staking.window)}
          </dd>
        </div>
        <div>
          <dt>Locked stake</dt>
          <dd>
            {locked && now !== undefined
              ? `locked, unlocks ${describeDeadline(a.lockedUntil, now)}`
              : "not locked"}
          </dd>
        </div>
      </dl>

      <div className="grid">
        <form
          className="panel"
          onSubmit={async (e) => {
            e.preventDefault();
            setTouched((t) => ({ ...t, stake: true }));
            if (!stakeCheck.ok) return;
            const value = stakeCheck.value;
            if (
              await send(`Stake ${formatAmount(value, 18)} COVER`, (dao) => dao.StakingVault.stake(value))
            ) {
              setStakeText("");
              setTouched((t) => ({ ...t, stake: false }));
            }
          }}
        >
          <h2>Stake</h2>
          <Field
            id="stake-amount"
            label="Amount to stake (COVER)"
            value={stakeText}
            onChange={setStakeText}
            inputMode="decimal"
            hint={`Up to ${formatAmount(a.balance, 18)} COVER. No approval needed.`}
            error={touched.stake && !stakeCheck.ok ? stakeCheck.error : undefined}
          />
          <button type="submit">Stake</button>
        </form>

        <form
          className="panel"
          onSubmit={async (e) => {
            e.preventDefault();
            setTouched((t) => ({ ...t, unstake: true }));
            if (!unstakeCheck.ok) return;
            const value = unstakeCheck.value;
            if (
              await send(`Request unstake of ${formatAmount(value, 18)} COVER`, (dao) =>
                dao.StakingVault.requestUnstake(value),
              )
            ) {
              setUnstakeText("");
              setTouched((t) => ({ ...t, unstake: false }));
            }
          }}
        >
          <h2>Unstake</h2>
          <Field
            id="unstake-amount"
            label="Amount to unstake (COVER)"
            value={unstakeText}
            onChange={setUnstakeText}
            inputMode="decimal"
            hint={`A new request replaces the current one. Cooldown ${formatDuration(a.staking.cooldown)}, then ${formatDuration(a.staking.window)} to withdraw.`}
            error={touched.unstake && !unstakeCheck.ok ? unstakeCheck.error : undefined}
          />
          <button type="submit">Request unstake</button>
        </form>
      </div>

      {a.unstake.amount > 0n && now !== undefined && (
        <div className="panel" aria-labelledby="request-heading">
          <h2 id="request-heading">Your unstake request</h2>
          <p role="status">
            {formatAmount(a.unstake.amount, 18)} COVER —{" "}
            {status === "cooling-down" &&
              `cooling down: withdrawable ${describeDeadline(a.unstake.readyAt, now)}.`}
            {status === "ready" &&
              `ready: withdraw before the window closes ${describeDeadline(a.unstake.expiresAt, now)}.`}
            {status === "locked" &&
              `your stake is locked by a claim vote until ${describeDeadline(a.lockedUntil, now)}; the window closes ${describeDeadline(a.unstake.expiresAt, now)}.`}
            {status === "lapsed" && "the withdrawal window has closed: request again to unstake."}
          </p>
          <div className="actions">
            <button
              type="button"
              disabled={status !== "ready"}
              onClick={() => void send("Withdraw unstaked COVER", (dao) => dao.StakingVault.withdraw())}
            >
              Withdraw
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => void send("Cancel unstake request", (dao) => dao.StakingVault.cancelUnstake())}
            >
              Cancel unstake request
            </button>
          </div>
        </div>
      )}
    </>
  );
}
