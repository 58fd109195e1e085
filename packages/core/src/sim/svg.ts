/**
 * Minimal SVG charts for simulation reports: bars and lines, with axes and labels. No dependency,
 * readable in any browser and on GitHub.
 */
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (n: number) =>
  Math.abs(n) >= 1e6
    ? `${(n / 1e6).toFixed(1)}M`
    : Math.abs(n) >= 1e3
      ? `${(n / 1e3).toFixed(1)}k`
      : `${+n.toFixed(2)}`;

const W = 640;
const H = 320;
const M = { top: 40, right: 20, bottom: 60, left: 70 };
const COLORS = ["#2563eb", "#dc2626", "#6b7280", "#16a34a", "#d97706", "#7c3aed", "#0891b2"];

function frame(title: string, max: number, body: string, yLabel: string): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const y = M.top + (H - M.top - M.bottom) * (1 - f);
      return `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/><text x="${M.left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${fmt(max * f)}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="sans-serif"><rect width="${W}" height="${H}" fill="white"/><text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text><text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle" font-size="11">${esc(yLabel)}</text>${ticks}${body}</svg>\n`;
}

/** A bar chart: one bar per label. */
export function barChart(title: string, bars: { label: string; value: number }[], yLabel = ""): string {
  const max = Math.max(1e-9, ...bars.map((b) => b.value));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const bw = plotW / Math.max(1, bars.length);
  const body = bars
    .map((b, i) => {
      const h = (b.value / max) * plotH;
      const x = M.left + i * bw + bw * 0.15;
      const y = M.top + plotH - h;
      return `<rect x="${x}" y="${y}" width="${bw * 0.7}" height="${h}" fill="${COLORS[i % COLORS.length]}"/><text x="${x + bw * 0.35}" y="${y - 4}" text-anchor="middle" font-size="11">${fmt(b.value)}</text><text x="${x + bw * 0.35}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11">${esc(b.label)}</text>`;
    })
    .join("");
  return frame(title, max, body, yLabel);
}

/** A line chart: several series over the same x values. */
export function lineChart(
  title: string,
  x: number[],
  series: { name: string; values: number[] }[],
  yLabel = "",
  xLabel = "",
): string {
  const max = Math.max(1e-9, ...series.flatMap((s) => s.values));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const px = (i: number) => M.left + (x.length <= 1 ? 0 : (i / (x.length - 1)) * plotW);
  const py = (v: number) => M.top + plotH - (v / max) * plotH;
  const lines = series
    .map((s, k) => {
      const d = s.values
        .map((v, i) => `${i === 0 ? "M" : "L"}${px(i).toFixed(1)},${py(v).toFixed(1)}`)
        .join(" ");
      return `<path d="${d}" fill="none" stroke="${COLORS[k % COLORS.length]}" stroke-width="2"/><text x="${M.left + 8 + k * 150}" y="${H - 12}" font-size="11" fill="${COLORS[k % COLORS.length]}">■ ${esc(s.name)}</text>`;
    })
    .join("");
  const xTicks = x
    .map((v, i) =>
      i % Math.ceil(x.length / 10) === 0
        ? `<text x="${px(i)}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11">${v}</text>`
        : "",
    )
    .join("");
  const xl = `<text x="${W / 2}" y="${H - M.bottom + 32}" text-anchor="middle" font-size="11">${esc(xLabel)}</text>`;
  return frame(title, max, lines + xTicks + xl, yLabel);
}
