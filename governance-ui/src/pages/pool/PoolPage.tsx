/**
 * Pool: each capital pool's books, and the underwriter's own position: deposit (approve, then deposit),
 * request a withdrawal of shares, wait the cooldown, complete it within the window (or cancel it).
 * On the local chain a faucet gives test WETH and stablecoins.
 *
 * Accessible names (per pool, <SYMBOL> is the asset's symbol, e.g. WETH or USDC): input "Amount to deposit (<SYMBOL>)",
 * buttons "Approve <SYMBOL>", "Deposit <SYMBOL>"; input "Shares to withdraw (<pool name>)", button
 * "Request withdrawal (<pool name>)", "Complete withdrawal (<pool name>)", "Cancel withdrawal (<pool name>)";
 * button "Get test <SYMBOL>" on the local chain.
 */
import { parseEther, parseUnits } from "ethers";
import { useState } from "react";

import { type PoolView, readCall, readMany, readPools, reader } from "@coverdao/core";
import { CapitalPool__factory } from "../../../../types/ethers-contracts/index.js";
import { ErrorNote, Field, Loading, RequireAccount } from "../../components/ui";
import { checkAmount } from "../../lib/amount";
import { describeDeadline, useChainNow } from "../../lib/countdown";
import { erc20, erc20Interface } from "../../lib/erc20";
import { formatAmount, formatBps, formatDuration } from "../../lib/format";
import { useAsync } from "../../lib/useAsync";
import { LOCAL_CHAIN_ID, useReadyDao } from "../../state/dao";

const poolInterface = CapitalPool__factory.createInterface();

export interface Position {
  assetBalance: bigint;
  allowance: bigint;
  shares: bigint;
  value: bigint;
  request: { shares: bigint; readyAt: bigint; expiresAt: bigint };
  /** What the request brings now and at its earliest completion; without a request, a request of every share. */
  quote: { valueAtRequest: bigint; payableNow: bigint; payableAtReady: bigint; readyAt: bigint };
}

export function PoolPage() {
  const { provider, deployment, wallet, refresh } = useReadyDao();
  const state = useAsync(async () => {
    const r = reader(provider, deployment);
    const pools = await readPools(r);
    const block = await provider.getBlock("latest");
    let positions: Position[] = [];
    if (wallet.address) {
      const a = wallet.address;
      const calls = pools.flatMap((p) => [
        readCall(erc20Interface, p.asset, "balanceOf", [a]),
        readCall(erc20Interface, p.asset, "allowance", [a, p.address]),
        readCall(poolInterface, p.address, "balanceOf", [a]),
        readCall(poolInterface, p.address, "withdrawalRequest", [a]),
        readCall(poolInterface, p.address, "withdrawalQuote", [a]),
      ]);
      const res = await readMany(r, calls);
      const per = 5;
      const shares = pools.map((_, i) => BigInt(res[i * per + 2]?.[0] ?? 0n));
      const values = await readMany(
        r,
        pools.map((p, i) => readCall(poolInterface, p.address, "convertToAssets", [shares[i]])),
      );
      positions = pools.map((_, i) => {
        const request = res[i * per + 3]?.[0] as
          { shares: bigint; readyAt: bigint; expiresAt: bigint } | undefined;
        const quote = res[i * per + 4]?.[0] as
          { valueAtRequest: bigint; payableNow: bigint; payableAtReady: bigint; readyAt: bigint } | undefined;
        return {
          assetBalance: BigInt(res[i * per]?.[0] ?? 0n),
          allowance: BigInt(res[i * per + 1]?.[0] ?? 0n),
          shares: shares[i],
          value: BigInt(values[i]?.[0] ?? 0n),
          request: {
            shares: BigInt(request?.shares ?? 0n),
            readyAt: BigInt(request?.readyAt ?? 0n),
            expiresAt: BigInt(request?.expiresAt ?? 0n),
          },
          quote: {
            valueAtRequest: BigInt(quote?.valueAtRequest ?? 0n),
            payableNow: BigInt(quote?.payableNow ?? 0n),
            payableAtReady: BigInt(quote?.payableAtReady ?? 0n),
            readyAt: BigInt(quote?.readyAt ?? 0n),
          },
        };
      });
    }
    return { pools, positions, timestamp: BigInt(block?.timestamp ?? 0) };
  }, [provider, deployment, wallet.address, refresh]);
  const now = useChainNow(state.data?.timestamp, state.readAt);
  return (
    <section>
      <h1>Pool</h1>
      <p>
        Underwriters deposit into a pool and receive shares. Premiums are earned over each cover&apos;s
        period. A withdrawal is requested, waits a cooldown, then completes within a window; requested shares
        still bear claims, and capital backing active cover cannot leave. A filed claim is a liability of its
        pool until it is paid, denied or expires: capital, free capital and share prices are net of open
        claims, and a withdrawal pays the lower of its value at the request and its value at completion.
      </p>
      <ErrorNote error={state.error} />
      {!state.data && <Loading what="the pools" />}
      {state.data &&
        state.data.pools.map((pool, i) => (
          <PoolPanel key={pool.name} pool={pool} position={state.data!.positions[i]} now={now} />
        ))}
    </section>
  );
}

function PoolPanel({ pool, position, now }: { pool: PoolView; position?: Position; now?: bigint }) {
  const { send, wallet, deployment } = useReadyDao();
  const [deposit, setDeposit] = useState("");
  const [shares, setShares] = useState("");
  const [touched, setTouched] = useState({ deposit: false, shares: false });
  const d = pool.assetDecimals;
  /** For failures: pool amounts in the asset ("0.5 WETH"), not its smallest unit. */
  const asset = { asset: { decimals: d, symbol: pool.symbol } };
  const fmt = (v: bigint) => `${formatAmount(v, d)} ${pool.symbol}`;
  const depositCheck = checkAmount(deposit, d, position?.assetBalance, `your ${pool.symbol} balance`);
  const sharesCheck = checkAmount(shares, pool.shareDecimals, position?.shares, "your shares");
  const needsApproval = depositCheck.ok && position !== undefined && position.allowance < depositCheck.value;
  const request = position?.request;
  const status =
    !request || request.shares === 0n || now === undefined
      ? "none"
      : now < request.readyAt
        ? "cooling-down"
        : now < request.expiresAt
          ? "ready"
          : "lapsed";
  return (
    <section className="panel" aria-labelledby={`${pool.name}-heading`}>
      <h2 id={`${pool.name}-heading`}>
        {pool.name} ({pool.symbol})
      </h2>
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
            {deployment.chainId === LOCAL_CHAIN_ID && (
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  void send(`Get test ${pool.symbol}`, (dao) =>
                    pool.name === "WethPool"
                      ? dao.WETH.deposit({ value: parseEther("10") })
                      : dao.Stablecoin.mint(wallet.address!, parseUnits("100000", d)),
                  )
                }
              >
                Get test {pool.symbol}
              </button>
            )}
            <div className="grid">
              <form
                onSubmit={async (e) => {
                  e.preventDefault();
                  setTouched((t) => ({ ...t, deposit: true }));
                  if (!depositCheck.ok || !wallet.address) return;
                  const value = depositCheck.value;
                  if (needsApproval) {
                    await send(`Approve ${pool.symbol}`, (_dao, signer) =>
                      erc20(pool.asset, signer).approve(pool.address, value),
                    );
                    return;
                  }
                  if (
                    await send(
                      `Deposit ${fmt(value)}`,
                      (dao) => dao[pool.name].deposit(value, wallet.address!),
                      asset,
                    )
                  ) {
                    setDeposit("");
                    setTouched((t) => ({ ...t, deposit: false }));
                  }
                }}
              >
                <Field
                  id={`${pool.name}-deposit`}
                  label={`Amount to deposit (${pool.symbol})`}
                  value={deposit}
                  onChange={setDeposit}
                  inputMode="decimal"
                  error={touched.deposit && !depositCheck.ok ? depositCheck.error : undefined}
                />
                <button type="submit">
                  {needsApproval ? `Approve ${pool.symbol}` : `Deposit ${pool.symbol}`}
                </button>
              </form>
              <form
                onSubmit={async (e) => {
                  e.preventDefault();
                  setTouched((t) => ({ ...t, shares: true }));
                  if (!sharesCheck.ok) return;
                  const value = sharesCheck.value;
                  if (
                    await send(
                      `Request withdrawal from ${pool.name}`,
                      (dao) => dao[pool.name].requestWithdrawal(value),
                      asset,
                    )
                  ) {
                    setShares("");
                    setTouched((t) => ({ ...t, shares: false }));
                  }
                }}
              >
                <Field
                  id={`${pool.name}-shares`}
                  label={`Shares to withdraw (${pool.name})`}
                  value={shares}
                  onChange={setShares}
                  inputMode="decimal"
                  hint={`You hold ${formatAmount(position.shares, pool.shareDecimals)} shares.`}
                  error={touched.shares && !sharesCheck.ok ? sharesCheck.error : undefined}
                />
                <button type="submit">Request withdrawal ({pool.name})</button>
              </form>
            </div>
            {request && request.shares > 0n && now !== undefined && (
              <div className="note">
                <p role="status">
                  Withdrawal of {formatAmount(request.shares, pool.shareDecimals)} shares:{" "}
                  {status === "cooling-down" &&
                    `cooling down, ready ${describeDeadline(request.readyAt, now)}.`}
                  {status === "ready" &&
                    `ready; the window closes ${describeDeadline(request.expiresAt, now)}.`}
                  {status === "lapsed" && "the window has closed; cancel and request again."}
                </p>
                {status !== "lapsed" && (
                  <p>
                    It brings at most {fmt(position.quote.valueAtRequest)} (its value at the request, net of
                    open claims):{" "}
                    {status === "ready"
                      ? `${fmt(position.quote.payableNow)} if completed now.`
                      : `about ${fmt(position.quote.payableAtReady)} when ready, if no claim is filed meanwhile.`}
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
                        asset,
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
                        asset,
                      )
                    }
                  >
                    Cancel withdrawal ({pool.name})
                  </button>
                </div>
              </div>
            )}
          </>
        )}
      </RequireAccount>
    </section>
  );
}
