/**
 * Dashboard: the pools' capital, utilization and premiums, the claims by state, and how voting power is
 * distributed among delegates — as inline SVG charts with text equivalents.
 *
 * Accessible names: figures "Capital and active cover", "Utilization", "Premiums", "Claims by state",
 * "Voting power by delegate" (each an image whose label lists the values); region "Risk changes waiting".
 */
import { formatUnits } from "ethers";

import { CLAIM_STATES, readClaims, topDelegates } from "@coverdao/core";
import { BarChart } from "../../components/charts";
import { ErrorNote, Loading } from "../../components/ui";
import { formatAmount, formatBps, shortAddress } from "../../lib/format";
import { href } from "../../lib/router";
import { percentOf } from "../../lib/tally";
import { useAsync } from "../../lib/useAsync";
import { useReadyDao } from "../../state/dao";
import { RiskChanges } from "./RiskChanges";

const OPEN = ["Voting", "Cooldown", "Escalated", "Approved"];

export function DashboardPage() {
  const { provider, deployment, dao, refresh, devAccounts } = useReadyDao();
  const state = useAsync(async () => {
    const [claims, delegates, supply] = await Promise.all([
      readClaims(provider, deployment, { limit: 200 }),
      topDelegates({ deployment, provider }),
      dao.GovernanceToken.totalSupply(),
    ]);
    return { ...claims, delegates, supply };
  }, [provider, deployment, refresh]);
  if (!state.data) return state.error ? <ErrorNote error={state.error} /> : <Loading what="the dashboard" />;
  const { pools, claims, delegates, supply, count } = state.data;
  const num = (v: bigint, d: number) => Number(formatUnits(v, d));
  const names = new Map(devAccounts.map((a) => [a.address.toLowerCase(), a.name]));
  const open = claims.filter((c) => OPEN.includes(c.state));
  const top = delegates.slice(0, 8);
  const delegated = delegates.reduce((sum, d) => sum + d.votes, 0n);
  return (
    <section>
      <h1>Dashboard</h1>
      <dl className="stats panel">
        {pools.map((p) => (
          <div key={p.name}>
            <dt>{p.name} capital</dt>
            <dd>
              {formatAmount(p.capital, p.assetDecimals)} {p.symbol}
            </dd>
          </div>
        ))}
        <div>
          <dt>Open claims</dt>
          <dd>
            <a href={href("claims")}>{open.length}</a> of {count}
          </dd>
        </div>
        <div>
          <dt>Votes delegated</dt>
          <dd>{percentOf(delegated, supply)}% of supply</dd>
        </div>
      </dl>
      <RiskChanges />
      <div className="grid">
        <div className="panel">
          {pools.map((p) => (
            <BarChart
              key={p.name}
              title={`Capital and active cover — ${p.name}`}
              items={[
                {
                  label: "Capital",
                  value: num(p.capital, p.assetDecimals),
                  display: `${formatAmount(p.capital, p.assetDecimals, 2)} ${p.symbol}`,
                },
                {
                  label: "Active cover",
                  value: num(p.activeCover, p.assetDecimals),
                  display: `${formatAmount(p.activeCover, p.assetDecimals, 2)} ${p.symbol}`,
                  colour: "var(--warn-border)",
                },
                {
                  label: "Free capital",
                  value: num(p.freeCapital, p.assetDecimals),
                  display: `${formatAmount(p.freeCapital, p.assetDecimals, 2)} ${p.symbol}`,
                  colour: "var(--for)",
                },
                {
                  label: "Open claims (liabilities)",
                  value: num(p.openLiabilities, p.assetDecimals),
                  display: `${formatAmount(p.openLiabilities, p.assetDecimals, 2)} ${p.symbol}`,
                  colour: "var(--against)",
                },
              ]}
            />
          ))}
        </div>
        <div className="panel">
          <BarChart
            title="Utilization (active cover / capital; the bar's end is 100 %)"
            max={100}
            items={pools.flatMap((p) => [
              {
                label: `${p.name}`,
                value: Number(p.utilizationBps) / 100,
                display: formatBps(p.utilizationBps),
              },
              {
                label: `${p.name} max`,
                value: Number(p.capacityRatioBps) / 100,
                display: formatBps(p.capacityRatioBps),
                colour: "var(--abstain)",
              },
            ])}
          />
          {pools.map((p) => (
            <BarChart
              key={p.name}
              title={`Premiums — ${p.name}`}
              items={[
                {
                  label: "Received",
                  value: num(p.premiumsReceived, p.assetDecimals),
                  display: `${formatAmount(p.premiumsReceived, p.assetDecimals, 4)}`,
                },
                {
                  label: "Earned",
                  value: num(p.premiumsEarned, p.assetDecimals),
                  display: `${formatAmount(p.premiumsEarned, p.assetDecimals, 4)}`,
                  colour: "var(--for)",
                },
                {
                  label: "Unearned",
                  value: num(p.unearnedPremium, p.assetDecimals),
                  display: `${formatAmount(p.unearnedPremium, p.assetDecimals, 4)}`,
                  colour: "var(--abstain)",
                },
              ]}
            />
          ))}
        </div>
        <div className="panel">
          <BarChart
            title="Claims by state"
            items={CLAIM_STATES.filter((s) => s !== "None").map((s) => {
              const n = claims.filter((c) => c.state === s).length;
              return {
                label: s,
                value: n,
                display: String(n),
                colour: OPEN.includes(s) ? "var(--accent)" : "var(--abstain)",
              };
            })}
          />
        </div>
        <div className="panel">
          <BarChart
            title="Voting power by delegate (share of total supply)"
            max={100}
            items={top.map((d) => ({
              label: names.get(d.address.toLowerCase()) ?? shortAddress(d.address),
              value: percentOf(d.votes, supply),
              display: `${percentOf(d.votes, supply)}%`,
            }))}
          />
          <p className="muted small">
            {delegates.length} delegate{delegates.length === 1 ? "" : "s"}; the largest {top.length} hold{" "}
            {percentOf(
              top.reduce((s, d) => s + d.votes, 0n),
              supply,
            )}
            % of the supply.
          </p>
        </div>
      </div>
    </section>
  );
}
