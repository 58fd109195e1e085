/** A proposal's tally against quorum: a stacked bar of for/against/abstain and the quorum progress, in SVG. */
import { formatAmount } from "../lib/format";
import { tallyView } from "../lib/tally";

export function TallyBar({
  votes,
  quorum,
  label,
}: {
  votes: { for: bigint; against: bigint; abstain: bigint };
  quorum?: bigint;
  label: string;
}) {
  const view = tallyView(votes, quorum);
  const fmt = (v: bigint) => formatAmount(v, 18, 0);
  const widths = [view.forPct, view.againstPct, view.abstainPct];
  const colours = ["var(--for)", "var(--against)", "var(--abstain)"];
  let x = 0;
  return (
    <div className="tally">
      <svg viewBox="0 0 100 6" preserveAspectRatio="none" className="tally-bar" role="img" aria-label={label}>
        <rect x="0" y="0" width="100" height="6" fill="var(--track)" />
        {widths.map((w, i) => {
          const rect = <rect key={i} x={x} y="0" width={w} height="6" fill={colours[i]} />;
          x += w;
          return rect;
        })}
      </svg>
      <dl className="tally-legend">
        <div>
          <dt>For</dt>
          <dd>
            {fmt(votes.for)} ({view.forPct}%)
          </dd>
        </div>
        <div>
          <dt>Against</dt>
          <dd>
            {fmt(votes.against)} ({view.againstPct}%)
          </dd>
        </div>
        <div>
          <dt>Abstain</dt>
          <dd>
            {fmt(votes.abstain)} ({view.abstainPct}%)
          </dd>
        </div>
        <div>
          <dt>Quorum</dt>
          <dd>
            {quorum === undefined
              ? "set at the snapshot"
              : `${fmt(votes.for + votes.abstain)} of ${fmt(quorum)} (${view.quorumPct}%${view.quorumReached ? ", reached" : ""})`}
          </dd>
        </div>
      </dl>
      {quorum !== undefined && (
        <svg
          viewBox="0 0 100 3"
          preserveAspectRatio="none"
          className="quorum-bar"
          role="img"
          aria-label={`Quorum progress ${view.quorumPct}%`}
        >
          <rect x="0" y="0" width="100" height="3" fill="var(--track)" />
          <rect
            x="0"
            y="0"
            width={Math.min(100, view.quorumPct ?? 0)}
            height="3"
            fill={view.quorumReached ? "var(--for)" : "var(--accent)"}
          />
        </svg>
      )}
    </div>
  );
}

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge badge-${state.toLowerCase()}`}>{state}</span>;
}
