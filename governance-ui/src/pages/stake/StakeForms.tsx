/**
 * The account's stake: its figures, the stake and unstake forms, and the pending unstake request with
 * buttons "Withdraw" and "Cancel unstake request".
 */
import { type AccountView, readAccount } from "@coverdao/core";
import { CheckedForm } from "../../components/CheckedForm";
import { ErrorNote, Loading } from "../../components/ui";
import { checkAmount } from "../../lib/amount";
import { describeDeadline, useChainNow } from "../../lib/countdown";
import { formatAmount, formatDuration } from "../../lib/format";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";
import { unstakeStatus } from "./status";

export function StakeForms() {
  const { provider, deployment, wallet, send } = useReadyDao();
  const account = wallet.address!;
  const state = useChainQuery("stake", () => readAccount(provider, deployment, account), [
    provider,
    deployment,
    account,
  ]);
  const now = useChainNow(state.data?.timestamp, state.readAt);
  if (!state.data) return state.error ? <ErrorNote error={state.error} /> : <Loading what="your stake" />;
  const a = state.data;
  return (
    <>
      <StakeStats a={a} now={now} />
      <div className="grid">
        <CheckedForm
          className="panel"
          heading="Stake"
          field={{
            id: "stake-amount",
            label: "Amount to stake (COVER)",
            inputMode: "decimal",
            hint: `Up to ${formatAmount(a.balance, 18)} COVER. No approval needed.`,
          }}
          check={(text) => checkAmount(text, 18, a.balance, "your unstaked balance")}
          button="Stake"
          submit={(value) =>
            send(`Stake ${formatAmount(value, 18)} COVER`, (dao) => dao.StakingVault.stake(value))
          }
        />
        <CheckedForm
          className="panel"
          heading="Unstake"
          field={{
            id: "unstake-amount",
            label: "Amount to unstake (COVER)",
            inputMode: "decimal",
            hint: `A new request replaces the current one. Cooldown ${formatDuration(a.staking.cooldown)}, then ${formatDuration(a.staking.window)} to withdraw.`,
          }}
          check={(text) => checkAmount(text, 18, a.stake, "your stake")}
          button="Request unstake"
          submit={(value) =>
            send(`Request unstake of ${formatAmount(value, 18)} COVER`, (dao) =>
              dao.StakingVault.requestUnstake(value),
            )
          }
        />
      </div>
      {a.unstake.amount > 0n && now !== undefined && <UnstakeRequest a={a} now={now} />}
    </>
  );
}

function StakeStats({ a, now }: { a: AccountView; now?: bigint }) {
  const locked = now !== undefined && a.lockedUntil > now;
  return (
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
  );
}

function UnstakeRequest({ a, now }: { a: AccountView; now: bigint }) {
  const { send } = useReadyDao();
  const status = unstakeStatus(a.unstake, a.lockedUntil, now);
  return (
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
  );
}
