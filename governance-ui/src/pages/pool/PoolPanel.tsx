/**
 * One pool: its books, and the account's position in it with the deposit form, the withdrawal request form
 * and the request's status with its complete and cancel buttons; on the local chain the test-token faucet.
 */
import { parseEther, parseUnits } from "ethers";
import { useState } from "react";

import { type PoolView, asLocalDAO } from "@coverdao/core";
import { CheckedForm } from "../../components/CheckedForm";
import { Field, RequireAccount } from "../../components/ui";
import { checkAmount } from "../../lib/amount";
import { describeDeadline } from "../../lib/countdown";
import { erc20 } from "../../lib/erc20";
import { formatAmount, formatBps, formatDuration } from "../../lib/format";
import { LOCAL_CHAIN_ID, useReadyDao } from "../../state/dao";
import type { Position } from "./positions";

/** What the panel's parts share: the pool, the account's position, and amounts in the asset. */
interface PoolProps {
  pool: PoolView;
  position: Position;
}

/** An amount of the pool's asset, e.g. "0.5 WETH". */
const inAsset = (pool: PoolView, v: bigint) => `${formatAmount(v, pool.assetDecimals)} ${pool.symbol}`;
/** For failures: pool amounts in the asset ("0.5 WETH"), not its smallest unit. */
const assetContext = (pool: PoolView) => ({ asset: { decimals: pool.assetDecimals, symbol: pool.symbol } });

export function PoolPanel({ pool, position, now }: { pool: PoolView; position?: Position; now?: bigint }) {
  const { deployment } = useReadyDao();
  const fmt = (v: bigint) => inAsset(pool, v);
  const request = position?.request;
  return (
    <section className="panel" aria-labelledby={`${pool.name}-heading`}>
      <h2 id={`${pool.name}-heading`}>
        {pool.name} ({pool.symbol})
      </h2>
      <PoolStats pool={pool} />
      <RequireAccount action="deposit or withdraw">
        {position && (
          <>
            <p>
              Your shares: {formatAmount(position.shares, pool.shareDecimals)} (worth {fmt(position.value)}) ·
              wallet: {fmt(position.assetBalance)}
            </p>
            {position.shares > 0n && (!request || request.shares === 0n) && now !== undefined && (
              <p className="muted small">
                Requesting all your shares now would bring about {fmt(position.quote.payableAtReady)} when
                ready, {describeDeadline(position.quote.readyAt, now)}, if no claim is filed meanwhile.
              </p>
            )}
            {deployment.chainId === LOCAL_CHAIN_ID && <TestTokenButton pool={pool} />}
            <div className="grid">
              <DepositForm pool={pool} position={position} />
              <WithdrawalForm pool={pool} position={position} />
            </div>
            {request && request.shares > 0n && now !== undefined && (
              <WithdrawalRequest pool={pool} position={position} now={now} />
            )}
          </>
        )}
      </RequireAccount>
    </section>
  );
}

function PoolStats({ pool }: { pool: PoolView }) {
  const d = pool.assetDecimals;
  const fmt = (v: bigint) => inAsset(pool, v);
  return (
    <dl className="stats">
      <div>
        <dt>Capital</dt>
        <dd>{fmt(pool.capital)}</dd>
      </div>
      <div>
        <dt>Active cover</dt>
        <dd>{fmt(pool.activeCover)}</dd>
      </div>
      <div>
        <dt>Utilization</dt>
        <dd>
          {formatBps(pool.utilizationBps)} of {formatBps(pool.capacityRatioBps)} max
        </dd>
      </div>
      <div>
        <dt>Free capital</dt>
        <dd>{fmt(pool.freeCapital)}</dd>
      </div>
      <div>
        <dt>Open claims (liabilities)</dt>
        <dd>{fmt(pool.openLiabilities)}</dd>
      </div>
      <div>
        <dt>Premiums earned / unearned</dt>
        <dd>
          {formatAmount(pool.premiumsEarned, d)} / {formatAmount(pool.unearnedPremium, d)}
        </dd>
      </div>
      <div>
        <dt>Withdrawal cooldown / window</dt>
        <dd>
          {formatDuration(pool.withdrawalCooldown)} / {formatDuration(pool.withdrawalWindow)}
        </dd>
      </div>
    </dl>
  );
}

/** Button "Get test <SYMBOL>": wraps 10 ETH into WETH, or mints 100,000 of the test stablecoin (local chain). */
function TestTokenButton({ pool }: { pool: PoolView }) {
  const { send, wallet } = useReadyDao();
  return (
    <button
      type="button"
      className="secondary"
      onClick={() =>
        void send(`Get test ${pool.symbol}`, (dao) =>
          pool.name === "WethPool"
            ? asLocalDAO(dao).WETH.deposit({ value: parseEther("10") })
            : asLocalDAO(dao).Stablecoin.mint(wallet.address!, parseUnits("100000", pool.assetDecimals)),
        )
      }
    >
      Get test {pool.symbol}
    </button>
  );
}

/** Input "Amount to deposit (<SYMBOL>)" and button "Approve <SYMBOL>" until the allowance covers it, then "Deposit <SYMBOL>". */
function DepositForm({ pool, position }: PoolProps) {
  const { send, wallet } = useReadyDao();
  const [deposit, setDeposit] = useState("");
  const [touched, setTouched] = useState(false);
  const check = checkAmount(
    deposit,
    pool.assetDecimals,
    position.assetBalance,
    `your ${pool.symbol} balance`,
  );
  const needsApproval = check.ok && position.allowance < check.value;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setTouched(true);
        if (!check.ok || !wallet.address) return;
        const value = check.value;
        if (needsApproval) {
          await send(`Approve ${pool.symbol}`, (_dao, signer) =>
            erc20(pool.asset, signer).approve(pool.address, value),
          );
          return;
        }
        if (
          await send(
            `Deposit ${inAsset(pool, value)}`,
            (dao) => dao[pool.name].deposit(value, wallet.address!),
            assetContext(pool),
          )
        ) {
          setDeposit("");
          setTouched(false);
        }
      }}
    >
      <Field
        id={`${pool.name}-deposit`}
        label={`Amount to deposit (${pool.symbol})`}
        value={deposit}
        onChange={setDeposit}
        inputMode="decimal"
        error={touched && !check.ok ? check.error : undefined}
      />
      <button type="submit">{needsApproval ? `Approve ${pool.symbol}` : `Deposit ${pool.symbol}`}</button>
    </form>
  );
}

/** Input "Shares to withdraw (<pool name>)" and button "Request withdrawal (<pool name>)". */
function WithdrawalForm({ pool, position }: PoolProps) {
  const { send } = useReadyDao();
  return (
    <CheckedForm
      field={{
        id: `${pool.name}-shares`,
        label: `Shares to withdraw (${pool.name})`,
        inputMode: "decimal",
        hint: `You hold ${formatAmount(position.shares, pool.shareDecimals)} shares.`,
      }}
      check={(text) => checkAmount(text, pool.shareDecimals, position.shares, "your shares")}
      button={`Request withdrawal (${pool.name})`}
      submit={(value) =>
        send(
          `Request withdrawal from ${pool.name}`,
          (dao) => dao[pool.name].requestWithdrawal(value),
          assetContext(pool),
        )
      }
    />
  );
}

/** The pending withdrawal: where it stands, what it brings, buttons "Complete withdrawal" and "Cancel withdrawal". */
function WithdrawalRequest({ pool, position, now }: PoolProps & { now: bigint }) {
  const { send, wallet } = useReadyDao();
  const fmt = (v: bigint) => inAsset(pool, v);
  const { request, quote } = position;
  const status = now < request.readyAt ? "cooling-down" : now < request.expiresAt ? "ready" : "lapsed";
  return (
    <div className="note">
      <p role="status">
        Withdrawal of {formatAmount(request.shares, pool.shareDecimals)} shares:{" "}
        {status === "cooling-down" && `cooling down, ready ${describeDeadline(request.readyAt, now)}.`}
        {status === "ready" && `ready; the window closes ${describeDeadline(request.expiresAt, now)}.`}
        {status === "lapsed" && "the window has closed; cancel and request again."}
      </p>
      {status !== "lapsed" && (
        <p>
          It brings at most {fmt(quote.valueAtRequest)} (its value at the request, net of open claims):{" "}
          {status === "ready"
            ? `${fmt(quote.payableNow)} if completed now.`
            : `about ${fmt(quote.payableAtReady)} when ready, if no claim is filed meanwhile.`}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={status !== "ready"}
          onClick={() =>
            void send(
              `Complete withdrawal from ${pool.name}`,
              (dao) => dao[pool.name].completeWithdrawal(wallet.address!),
              assetContext(pool),
            )
          }
        >
          Complete withdrawal ({pool.name})
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void send(
              `Cancel withdrawal from ${pool.name}`,
              (dao) => dao[pool.name].cancelWithdrawal(wallet.address!),
              assetContext(pool),
            )
          }
        >
          Cancel withdrawal ({pool.name})
        </button>
      </div>
    </div>
  );
}
