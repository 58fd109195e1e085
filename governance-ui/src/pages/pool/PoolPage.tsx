/**
 * Pool: each capital pool's books, and the underwriter's own position: deposit (approve, then deposit),
 * request a withdrawal of shares, wait the cooldown, complete it within the window (or cancel it).
 * On the local chain a faucet gives test WETH and stablecoins.
 *
 * Accessible names (per pool, <SYMBOL> is the asset's symbol, e.g. WETH or USDC): input "Amount to deposit (<SYMBOL>)",
 * buttons "Approve <SYMBOL>", "Deposit <SYMBOL>"; input "Shares to withdraw (<pool name>)", button
 * "Request withdrawal (<pool name>)", "Complete withdrawal (<pool name>)", "Cancel withdrawal (<pool name>)";
 * button "Get test <SYMBOL>" on the local chain.
 *
 * Parts: the reads in `positions.ts`, one {PoolPanel} per pool.
 */
import { ErrorNote, Loading } from "../../components/ui";
import { useChainNow } from "../../lib/countdown";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";
import { PoolPanel } from "./PoolPanel";
import { readPoolsAndPositions } from "./positions";

export function PoolPage() {
  const { provider, deployment, wallet } = useReadyDao();
  const state = useChainQuery("pools", () => readPoolsAndPositions(provider, deployment, wallet.address), [
    provider,
    deployment,
    wallet.address,
  ]);
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
