import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { Markdown, parseBlocks, safeHref } from "./markdown";

describe("parseBlocks", () => {
  it("reads headings, paragraphs, lists, code and quotes", () => {
    const blocks = parseBlocks(
      "# Title\n\nSome *text*\nwrapped.\n\n- one\n- two\n\n1. first\n\n```ts\nconst x = 1;\n```\n\n> quoted",
    );
    expect(blocks.map((b) => b.kind)).toEqual(["heading", "paragraph", "list", "list", "code", "quote"]);
    expect(blocks[1]).toEqual({ kind: "paragraph", text: "Some *text* wrapped." });
    expect(blocks[2]).toEqual({ kind: "list", ordered: false, items: ["one", "two"] });
    expect(blocks[3]).toMatchObject({ ordered: true, items: ["first"] });
    expect(blocks[4]).toEqual({ kind: "code", text: "const x = 1;", lang: "ts" });
  });
});

describe("Markdown", () => {
  it("shows HTML in the source as text, never as elements", () => {
    const { container } = render(
      <Markdown source={'<img src=x onerror="alert(1)"> <script>alert(1)</script> **bold**'} />,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("script")).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(container.querySelector("strong")?.textContent).toBe("bold");
  });
  it("renders safe links and drops javascript: targets", () => {
    const { container } = render(
      <Markdown source="[docs](https://example.org/a) and [bad](javascript:alert(1)) and [in app](#/proposals)" />,
    );
    const links = [...container.querySelectorAll("a")];
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["https://example.org/a", "#/proposals"]);
    expect(links[0].getAttribute("rel")).toBe("noopener noreferrer");
    expect(container.textContent).toContain("bad");
  });
  it("shifts headings under the page title and renders inline code and emphasis", () => {
    const { container } = render(<Markdown source={"# Why\n\nUse `setUnstakeCooldown` _now_."} />);
    expect(container.querySelector("h2")?.textContent).toBe("Why");
    expect(container.querySelector("code")?.textContent).toBe("setUnstakeCooldown");
    expect(container.querySelector("em")?.textContent).toBe("now");
  });
});

describe("safeHref", () => {
  it("allows http(s), mailto and in-app links only", () => {
    expect(safeHref("https://x.org")).toBe("https://x.org");
    expect(safeHref("mailto:a@b.c")).toBe("mailto:a@b.c");
    expect(safeHref(" JavaScript:alert(1)")).toBeUndefined();
    expect(safeHref("data:text/html,x")).toBeUndefined();
    expect(safeHref("//evil.org")).toBeUndefined();
  });
});

describe("tables", () => {
  const source = [
    "Before the change:",
    "| Parameter | Now | After |",
    "| :-- | --: | :-: |",
    "| Unstake cooldown | 7 days | **10 days** |",
    "| Pipe \\| inside | short |",
    "",
    "| not | a table |",
  ].join("\n");

  it("reads a pipe table with its alignment, pads short rows and keeps escaped pipes", () => {
    const blocks = parseBlocks(source);
    expect(blocks.map((b) => b.kind)).toEqual(["paragraph", "table", "paragraph"]);
    const table = blocks[1];
    if (table.kind !== "table") throw new Error("expected a table");
    expect(table.header).toEqual(["Parameter", "Now", "After"]);
    expect(table.align).toEqual(["left", "right", "center"]);
    expect(table.rows).toEqual([
      ["Unstake cooldown", "7 days", "**10 days**"],
      ["Pipe | inside", "short", ""],
    ]);
  });

  it("renders header cells as column headers and inline markup in cells, escaping HTML", () => {
    const { container } = render(<Markdown source={`| a | b |\n| - | - |\n| <b>x</b> | **y** |`} />);
    expect([...container.querySelectorAll("th")].map((th) => th.getAttribute("scope"))).toEqual([
      "col",
      "col",
    ]);
    const cells = container.querySelectorAll("td");
    expect(cells[0].textContent).toBe("<b>x</b>");
    expect(cells[0].querySelector("b")).toBeNull();
    expect(cells[1].querySelector("strong")?.textContent).toBe("y");
  });

  it("needs a delimiter row with as many cells as the header", () => {
    expect(parseBlocks("| a | b |\n| --- |\n| 1 | 2 |").map((b) => b.kind)).toEqual(["paragraph"]);
  });
});
