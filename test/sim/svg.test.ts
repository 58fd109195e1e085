import { expect } from "chai";

import { barChart, groupedBarChart, lineChart, niceTicks, tickLabel, tickStep } from "@coverdao/core/sim";

/** The y-axis labels of a chart (right-aligned grid labels). */
const yLabels = (svg: string) =>
  [...svg.matchAll(/text-anchor="end" font-size="11">([^<]+)</g)].map((m) => m[1]);

describe("Simulation charts", () => {
  it("puts ticks at 1, 2, 2.5 or 5 times a power of ten, never at odd values", () => {
    expect(tickStep(599.31)).to.equal(200);
    expect(tickStep(375.67)).to.equal(100);
    expect(tickStep(11)).to.equal(2.5);
    expect(tickStep(0.9)).to.equal(0.2);
    for (const max of [599.31, 375.67, 1_502.66, 0.0734, 86.28, 3, 17_000_000]) {
      const { ticks, top, step } = niceTicks(max);
      expect(top).to.be.at.least(max);
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 2.5, 5]).to.include(+mantissa.toFixed(6));
      ticks.forEach((t, i) => expect(Math.abs(t - i * step)).to.be.lessThan(step * 1e-9));
    }
    expect(tickLabel(2500, 500)).to.equal("2.5k");
    expect(tickLabel(0.25, 0.05)).to.equal("0.25");
    expect(yLabels(lineChart("t", [1, 2, 3], [{ name: "a", values: [0, 375.67, 599.31] }]))).to.deep.equal([
      "0",
      "200",
      "400",
      "600",
    ]);
  });

  it("draws legends and governance-change markers whose labels do not overlap", () => {
    const svg = lineChart(
      "Capital",
      [1, 2, 3, 4, 5, 6],
      [
        { name: "capital", values: [1, 2, 3, 4, 5, 6] },
        { name: "active cover", values: [1, 1, 2, 2, 3, 3] },
      ],
      "ETH",
      "week",
      [
        { x: 2, label: "proposal: price (Executed)" },
        { x: 3, label: "risk change applied" },
      ],
    );
    expect(svg).to.include(">capital<").and.include(">active cover<").and.include(">governance change<");
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" font-size="10" fill="#7c3aed">/g)].map(
      (m) => ({
        x: Number(m[1]),
        y: Number(m[2]),
      }),
    );
    expect(labels).to.have.length(2);
    // Close markers: the second label moves down a row.
    expect(labels[1].y).to.be.greaterThan(labels[0].y);
  });

  it("turns long category labels instead of letting them overlap, and keeps short ones level", () => {
    const many = barChart(
      "b",
      Array.from({ length: 16 }, (_, i) => ({ label: `underwriter-${i} loss`, value: i })),
    );
    expect(many).to.include('transform="rotate(-35');
    const few = groupedBarChart(
      "g",
      ["runners (80)", "stayers (20)"],
      [
        { name: "deposited", values: [400, 100] },
        { name: "lost", values: [4, 1] },
      ],
    );
    expect(few).to.not.include("rotate(-35");
    expect(few).to.include(">deposited<").and.include(">lost<");
  });
});
