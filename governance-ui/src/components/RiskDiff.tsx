/**
 * The risk diff of a simulated proposal, as the core computes it ({riskDiff} in packages/core/src/risk/diff.ts,
 * the same figures as `npm run proposal -- simulate`): the proposals already queued or succeeded that the
 * simulation applied first, what got riskier or safer, and every figure before and after (solvency ratio,
 * probability of ruin and capital requirement per pool on today's book and at capacity, the corruption margin
 * per product, the votes and cost to pass a proposal, the exit race). Renders nothing for a report without one.
 *
 * Accessible names: region "Risk before and after"; list "Applied first"; table "Risk figures before and after".
 */
import {
  type RiskDiffRow,
  type SimulationReport,
  pendingLines,
  riskDiffMethod,
  riskDiffSummary,
} from "@coverdao/core";

const BADGE: Record<RiskDiffRow["effect"], { text: string; className: string } | undefined> = {
  riskier: { text: "riskier", className: "badge badge-defeated" },
  safer: { text: "safer", className: "badge badge-executed" },
  new: { text: "new", className: "badge badge-queued" },
  removed: { text: "removed", className: "badge badge-queued" },
  unchanged: undefined,
};

export function RiskDiff({ report }: { report: SimulationReport }) {
  const diff = report.risk;
  if (!diff) return null;
  const changed = diff.rows.filter((r) => r.effect !== "unchanged").length;
  return (
    <section aria-label="Risk before and after">
      <h3>Risk before and after</h3>
      <p className="small">
        Applied first (already queued or succeeded, executed on the copy before this one):
      </p>
      <ul aria-label="Applied first" className="small">
        {pendingLines(report).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <ul className="small">
        {riskDiffSummary(diff).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="table-wrap">
        <table aria-label="Risk figures before and after">
          <caption className="small muted">
            {changed} of {diff.rows.length} figures change. {riskDiffMethod(diff)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Effect</th>
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((r) => {
              const badge = BADGE[r.effect];
              return (
                <tr key={r.key}>
                  <td>{r.label}</td>
                  <td>{r.beforeText}</td>
                  <td>{r.effect === "unchanged" ? r.afterText : <strong>{r.afterText}</strong>}</td>
                  <td>{badge && <span className={badge.className}>{badge.text}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
