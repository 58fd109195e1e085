/**
 * Dashboard: the pools' capital, utilization and premiums, the claims by state, and how voting power is
 * distributed among delegates — as inline SVG charts with text equivalents.
 *
 * Accessible names: figures "Capital and active cover", "Utilization", "Premiums", "Claims by state",
 * "Voting power by delegate" (each an image whose label lists the values); region "Risk changes waiting".
 *
 * Parts: the key figures below, the charts in `charts.tsx`, {RiskChanges}.
 */
import { Link } from "react-router";
import { type ClaimRow, type PoolView, readClaims, topDelegates } from "@coverdao/core";
import { ErrorNote, Loading } from "../../components/ui";
import { formatAmount } from "../../lib/format";
import { href } from "../../lib/router";
import { percentOf } from "../../lib/tally";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";
import { CapitalCharts, ClaimsChart, OPEN, PowerChart, PremiumCharts, UtilizationChart } from "./charts";
import { RiskChanges } from "./RiskChanges";

export function DashboardPage() {
  const { provider, deployment, dao } = useReadyDao();
  const state = useChainQuery(
    "dashboard",
    async () => {
      const [claims, delegates, supply] = await Promise.all([
        readClaims(provider, deployment, { limit: 200 }),
        topDelegates({ deployment, provider }),
        dao.GovernanceToken.totalSupply(),
      ]);
      return { ...claims, delegates, supply };
    },
    [provider, deployment],
  );
  if (!state.data) return state.error ? <ErrorNote error={state.error} /> : <Loading what="the dashboard" />;
  const { pools, claims, delegates, supply, count } = state.data;
  const delegated = delegates.reduce((sum, d) => sum + d.votes, 0n);
  return (
    <section>
      <h1>Dashboard</h1>
      <KeyFigures
        pools={pools}
        claims={claims}
        count={count}
        delegatedPercent={percentOf(delegated, supply)}
      />
      <RiskChanges />
      <div className="grid">
        <div className="panel">
          <CapitalCharts pools={pools} />
        </div>
        <div className="panel">
          <UtilizationChart pools={pools} />
          <PremiumCharts pools={pools} />
        </div>
        <div className="panel">
          <ClaimsChart claims={claims} />
        </div>
        <div className="panel">
          <PowerChart delegates={delegates} supply={supply} />
        </div>
      </div>
    </section>
  );
}

function KeyFigures({
  pools,
  claims,
  count,
  delegatedPercent,
}: {
  pools: PoolView[];
  claims: ClaimRow[];
  count: number;
  delegatedPercent: number;
}) {
  const open = claims.filter((c) => OPEN.includes(c.state));
  return (
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
          <Link to={href("claims")}>{open.length}</Link> of {count}
        </dd>
      </div>
      <div>
        <dt>Votes delegated</dt>
        <dd>{delegatedPercent}% of supply</dd>
      </div>
    </dl>
  );
}
