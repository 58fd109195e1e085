/**
 * Minimal SVG charts for simulation reports: bars, grouped bars and lines, with axes, round ticks (1, 2, 2.5 or
 * 5 times a power of ten), legends and labels that never overlap (long bar labels are thinned or turned), and
 * markers for events on a time series (parameter changes, executed proposals). No dependency, readable in any
 * browser and on GitHub.
 */
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const W = 640;
const H = 340;
const M = { top: 44, right: 20, bottom: 78, left: 72 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const COLORS = ["#2563eb", "#dc2626", "#6b7280", "#16a34a", "#d97706", "#7c3aed", "#0891b2"];
/** Width of one character of 11 px sans-serif text, generously (for layout without measuring). */
const CHAR = 6.6;

/** A round step (1, 2, 2.5 or 5 times a power of ten) that cuts `span` into at most `count` parts. */
export function tickStep(span: number, count = 5): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw * (1 - 1e-9)) return m * power;
  return 10 * power;
}

/** Round ticks from 0 to at least `max`: the values and the axis top. */
export function niceTicks(max: number, count = 5): { ticks: number[]; top: number; step: number } {
  const step = tickStep(max > 0 ? max : 1, count);
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(+v.toPrecision(12));
  return { ticks, top, step };
}

/** A tick label: thousands as k, millions as M, with no more decimals than the step needs. */
export function tickLabel(v: number, step: number): string {
  const scale = Math.abs(v) >= 1e6 || step >= 1e6 ? 1e6 : Math.abs(v) >= 1e3 || step >= 1e3 ? 1e3 : 1;
  const suffix = scale === 1e6 ? "M" : scale === 1e3 ? "k" : "";
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step / scale) + 1e-9) + 1));
  return `${+(v / scale).toFixed(decimals)}${suffix}`;
}

/** A legend row under the plot: one coloured square and name per entry, spaced by their text widths. */
function legend(entries: { name: string; color: string }[]): string {
  let x = M.left;
  let y = H - 14;
  return entries
    .map((e) => {
      const width = 18 + e.name.length * CHAR + 16;
      if (x + width > W - M.right && x > M.left) {
        x = M.left;
        y += 14;
      }
      const out = `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${e.color}"/><text x="${x + 14}" y="${y}" font-size="11">${esc(e.name)}</text>`;
      x += width;
      return out;
    })
    .join("");
}

/** Title, y label, horizontal grid with round ticks; `body` is drawn over it. */
function frame(title: string, max: number, body: string, yLabel: string): string {
  const { ticks, top, step } = niceTicks(max);
  const grid = ticks
    .map((v) => {
      const y = M.top + PLOT_H * (1 - v / top);
      return `<line x1="${M.left}" x2="${W - M.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e5e7eb"/><text x="${M.left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="11">${tickLabel(v, step)}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="sans-serif"><rect width="${W}" height="${H}" fill="white"/><text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text><text x="14" y="${M.top + PLOT_H / 2}" transform="rotate(-90 14 ${M.top + PLOT_H / 2})" text-anchor="middle" font-size="11">${esc(yLabel)}</text>${grid}<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H}" stroke="#374151"/>${body}</svg>\n`;
}

/** The chart's top: the round tick at or above the largest value. */
const topOf = (values: number[]) => niceTicks(Math.max(0, ...values.filter(Number.isFinite))).top;

/** Category labels under the plot, `slot` pixels apart: level when they fit, else turned 35° (and cut to 18 characters). */
function categoryLabels(labels: string[], centre: (i: number) => number, slot: number): string {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const level = longest * CHAR <= slot - 4;
  return labels
    .map((label, i) => {
      const x = centre(i).toFixed(1);
      const y = M.top + PLOT_H + 15;
      if (level) return `<text x="${x}" y="${y}" text-anchor="middle" font-size="11">${esc(label)}</text>`;
      const cut = label.length > 18 ? `${label.slice(0, 17)}…` : label;
      return `<text x="${x}" y="${y}" text-anchor="end" font-size="11" transform="rotate(-35 ${x} ${y})">${esc(cut)}</text>`;
    })
    .join("");
}

/** A bar chart: one bar per label (coloured by `series` when given, with a legend). */
export function barChart(
  title: string,
  bars: { label: string; value: number; series?: string }[],
  yLabel = "",
): string {
  const top = topOf(bars.map((b) => b.value));
  const bw = PLOT_W / Math.max(1, bars.length);
  const names = [...new Set(bars.flatMap((b) => (b.series ? [b.series] : [])))];
  const color = (b: { series?: string }, i: number) =>
    COLORS[(b.series ? names.indexOf(b.series) : i) % COLORS.length];
  const showValues = bars.length * 7 * CHAR <= PLOT_W * 1.2;
  const body = bars
    .map((b, i) => {
      const h = (Math.max(0, b.value) / top) * PLOT_H;
      const x = M.left + i * bw + bw * 0.15;
      const y = M.top + PLOT_H - h;
      const value = showValues
        ? `<text x="${(x + bw * 0.35).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="10">${esc(valueLabel(b.value))}</text>`
        : "";
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(bw * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${color(b, i)}"/>${value}`;
    })
    .join("");
  const labels = categoryLabels(
    bars.map((b) => b.label),
    (i) => M.left + i * bw + bw / 2,
    bw,
  );
  const key =
    names.length > 0 ? legend(names.map((name, k) => ({ name, color: COLORS[k % COLORS.length] }))) : "";
  return frame(title, top, body + labels + key, yLabel);
}

/** Bars in groups: one group per category, one bar per series in each, with a legend. */
export function groupedBarChart(
  title: string,
  categories: string[],
  series: { name: string; values: number[] }[],
  yLabel = "",
): string {
  const top = topOf(series.flatMap((s) => s.values));
  const gw = PLOT_W / Math.max(1, categories.length);
  const bw = (gw * 0.8) / Math.max(1, series.length);
  const showValues = categories.length * series.length * 7 * CHAR <= PLOT_W * 1.2;
  const body = categories
    .map((_, c) =>
      series
        .map((s, k) => {
          const v = s.values[c] ?? 0;
          const h = (Math.max(0, v) / top) * PLOT_H;
          const x = M.left + c * gw + gw * 0.1 + k * bw;
          const y = M.top + PLOT_H - h;
          const value = showValues
            ? `<text x="${(x + bw / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="10">${esc(valueLabel(v))}</text>`
            : "";
          return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(bw * 0.92).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[k % COLORS.length]}"/>${value}`;
        })
        .join(""),
    )
    .join("");
  const labels = categoryLabels(categories, (c) => M.left + c * gw + gw / 2, gw);
  const key = legend(series.map((s, k) => ({ name: s.name, color: COLORS[k % COLORS.length] })));
  return frame(title, top, body + labels + key, yLabel);
}

/** A value written over a bar: 3 significant digits, thousands as k. */
function valueLabel(v: number): string {
  if (!Number.isFinite(v)) return "";
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return `${+v.toPrecision(3)}`;
}

/** An event on a time series: a dashed vertical line at `x` with a short label. */
export interface Marker {
  x: number;
  label: string;
}

/**
 * A line chart: several series over the same x values, x ticks at round steps, a legend, and `markers` drawn as
 * dashed lines with their labels staggered so they do not overlap (named `markerName` in the legend).
 */
export function lineChart(
  title: string,
  x: number[],
  series: { name: string; values: number[] }[],
  yLabel = "",
  xLabel = "",
  markers: Marker[] = [],
  markerName = "governance change",
): string {
  const top = topOf(series.flatMap((s) => s.values));
  const x0 = Math.min(...x);
  const x1 = Math.max(...x);
  const span = x1 > x0 ? x1 - x0 : 1;
  const px = (v: number) => M.left + ((v - x0) / span) * PLOT_W;
  const py = (v: number) => M.top + PLOT_H - (v / top) * PLOT_H;
  const lines = series
    .map((s, k) => {
      const d = s.values
        .map((v, i) => `${i === 0 ? "M" : "L"}${px(x[i]).toFixed(1)},${py(v).toFixed(1)}`)
        .join(" ");
      return `<path d="${d}" fill="none" stroke="${COLORS[k % COLORS.length]}" stroke-width="2"/>`;
    })
    .join("");
  const step = tickStep(span, 10);
  const xTicks: string[] = [];
  for (let v = Math.ceil(x0 / step) * step; v <= x1 + 1e-9; v += step) {
    const at = px(v).toFixed(1);
    xTicks.push(
      `<line x1="${at}" x2="${at}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H + 4}" stroke="#374151"/><text x="${at}" y="${M.top + PLOT_H + 16}" text-anchor="middle" font-size="11">${tickLabel(v, step)}</text>`,
    );
  }
  const xl = `<text x="${M.left + PLOT_W / 2}" y="${M.top + PLOT_H + 32}" text-anchor="middle" font-size="11">${esc(xLabel)}</text>`;
  const marks = markerLines(markers, px);
  const key = legend([
    ...series.map((s, k) => ({ name: s.name, color: COLORS[k % COLORS.length] })),
    ...(markers.length > 0 ? [{ name: markerName, color: "#7c3aed" }] : []),
  ]);
  return frame(title, top, lines + xTicks.join("") + xl + marks + key, yLabel);
}

/** Dashed event lines; each label sits on the first row (from the top) where it does not overlap an earlier one. */
function markerLines(markers: Marker[], px: (v: number) => number): string {
  const rows: number[] = [];
  return [...markers]
    .sort((a, b) => a.x - b.x)
    .map((m) => {
      const at = px(m.x);
      const width = m.label.length * 6 + 8;
      let row = rows.findIndex((end) => end <= at);
      if (row < 0) row = rows.length;
      rows[row] = at + width;
      const anchorRight = at + width > W - M.right;
      const tx = anchorRight ? at - 3 : at + 3;
      return `<line x1="${at.toFixed(1)}" x2="${at.toFixed(1)}" y1="${M.top}" y2="${M.top + PLOT_H}" stroke="#7c3aed" stroke-dasharray="4 3"/><text x="${tx.toFixed(1)}" y="${M.top + 10 + row * 12}" font-size="10" fill="#7c3aed"${anchorRight ? ' text-anchor="end"' : ""}>${esc(m.label)}</text>`;
    })
    .join("");
}
