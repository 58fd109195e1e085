/**
 * The dashboard's charts: capital and active cover, utilization and premiums per pool, claims by state and
 * voting power by delegate ({BarChart}, each an image whose label lists the values).
 */
import { formatUnits } from "ethers";

import { CLAIM_STATES, type ClaimRow, type PoolView, type topDelegates } from "@coverdao/core";
import { BarChart } from "../../components/charts";
import { formatAmount, formatBps, shortAddress } from "../../lib/format";
import { percentOf } from "../../lib/tally";
import { useReadyDao } from "../../state/dao";

/** The claim states in which a claim is still open (a liability of its pool). */
export const OPEN = ["Voting", "Cooldown", "Escalated", "Approved"];

const num = (v: bigint, d: number) => Number(formatUnits(v, d));

export function CapitalCharts({ pools }: { pools: PoolView[] }) {
  return pools.map((p) => (
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
  ));
}

export function UtilizationChart({ pools }: { pools: PoolView[] }) {
  return (
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
  );
}

export function PremiumCharts({ pools }: { pools: PoolView[] }) {
  return pools.map((p) => (
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
  ));
}

export function ClaimsChart({ claims }: { claims: ClaimRow[] }) {
  return (
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
  );
}

/** The largest 8 delegates' share of the supply, named when they are dev accounts of the deployment. */
export function PowerChart({
  delegates,
  supply,
}: {
  delegates: Awaited<ReturnType<typeof topDelegates>>;
  supply: bigint;
}) {
  const { devAccounts } = useReadyDao();
  const names = new Map(devAccounts.map((a) => [a.address.toLowerCase(), a.name]));
  const top = delegates.slice(0, 8);
  return (
    <>
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
    </>
  );
}
