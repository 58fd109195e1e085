/** Inline SVG charts (no chart library): horizontal bars with text labels, readable by screen readers as a table. */
export interface BarItem {
  label: string;
  /** Bar length relative to `max` (any unit). */
  value: number;
  /** Text shown at the bar's end. */
  display: string;
  colour?: string;
}

/** Bar widths in percent of the largest value (or `max`), never negative. */
export function barWidths(items: readonly { value: number }[], max?: number): number[] {
  const top = max ?? Math.max(0, ...items.map((i) => i.value));
  return items.map((i) => (top > 0 ? Math.max(0, Math.min(100, (i.value / top) * 100)) : 0));
}

export function BarChart({ title, items, max }: { title: string; items: BarItem[]; max?: number }) {
  const widths = barWidths(items, max);
  const row = 26;
  const width = 360;
  const labelWidth = 104;
  const valueWidth = 78;
  const height = Math.max(row, items.length * row) + 4;
  return (
    <figure className="chart-figure">
      <figcaption>{title}</figcaption>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${title}: ${items.map((i) => `${i.label} ${i.display}`).join("; ")}`}
      >
        {items.map((item, i) => {
          const y = i * row + 2;
          const w = (widths[i] / 100) * (width - labelWidth - valueWidth);
          return (
            <g key={item.label}>
              <text x={0} y={y + 16}>
                {item.label.length > 16 ? `${item.label.slice(0, 15)}…` : item.label}
              </text>
              <rect
                x={labelWidth}
                y={y + 4}
                width={width - labelWidth - valueWidth}
                height={16}
                fill="var(--track)"
                rx={3}
              />
              <rect
                x={labelWidth}
                y={y + 4}
                width={w}
                height={16}
                fill={item.colour ?? "var(--accent)"}
                rx={3}
              />
              <text x={width - valueWidth + 4} y={y + 16}>
                {item.display}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
