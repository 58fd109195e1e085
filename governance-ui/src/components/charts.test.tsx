import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { BarChart, barWidths } from "./charts";

describe("barWidths", () => {
  it("scales to the largest value or to a given maximum, clamped to 0..100", () => {
    expect(barWidths([{ value: 5 }, { value: 10 }])).toEqual([50, 100]);
    expect(barWidths([{ value: 5 }, { value: 30 }], 20)).toEqual([25, 100]);
    expect(barWidths([{ value: 0 }, { value: -3 }])).toEqual([0, 0]);
  });
});

describe("BarChart", () => {
  it("names every bar and value in its accessible label", () => {
    const { getByRole } = render(
      <BarChart
        title="Capital"
        items={[
          { label: "WethPool", value: 2, display: "2 WETH" },
          { label: "StablecoinPool", value: 1, display: "1 USDC" },
        ]}
      />,
    );
    expect(getByRole("img").getAttribute("aria-label")).toBe(
      "Capital: WethPool 2 WETH; StablecoinPool 1 USDC",
    );
  });
});
