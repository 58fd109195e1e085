/**
 * A small, safe Markdown renderer for proposal and claim descriptions: headings, paragraphs, lists,
 * fenced code, blockquotes, tables (GitHub's pipe tables), inline code, emphasis and links. It builds React elements from the text,
 * never HTML strings, so markup in a description is shown as text; link targets are limited to http(s),
 * mailto and in-app `#/` links.
 */
import type { ReactNode } from "react";

export type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "code"; text: string; lang: string }
  | { kind: "quote"; text: string }
  | { kind: "table"; header: string[]; align: Align[]; rows: string[][] };

export type Align = "left" | "center" | "right" | undefined;

/** The cells of a pipe-table row: outer pipes optional, `\|` is a literal pipe inside a cell. */
export function tableCells(line: string): string[] {
  const inner = line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

const DELIMITER_CELL = /^:?-{1,}:?$/;

/** A delimiter row (`| --- | :-: |`) with as many cells as the header, or undefined. */
function delimiterRow(line: string | undefined, columns: number): Align[] | undefined {
  if (line === undefined || !line.includes("-")) return undefined;
  const cells = tableCells(line);
  if (cells.length !== columns || !cells.every((cell) => DELIMITER_CELL.test(cell))) return undefined;
  return cells.map((cell) =>
    cell.startsWith(":") && cell.endsWith(":")
      ? "center"
      : cell.endsWith(":")
        ? "right"
        : cell.startsWith(":")
          ? "left"
          : undefined,
  );
}

/** Splits Markdown into blocks. */
export function parseBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = /^\s*(```|~~~)\s*([\w-]*)\s*$/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      i++;
      blocks.push({ kind: "code", text: body.join("\n"), lang: fence[2] });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", level: heading[1].length, text: heading[2] });
      i++;
      continue;
    }
    const bullet = /^\s*([-*+]|\d+[.)])\s+/;
    const listMatch = bullet.exec(line);
    if (listMatch) {
      const ordered = /\d/.test(listMatch[1]);
      const items: string[] = [];
      while (i < lines.length && bullet.test(lines[i]) && /\d/.test(bullet.exec(lines[i])![1]) === ordered) {
        let item = lines[i].replace(bullet, "");
        i++;
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !bullet.test(lines[i]))
          item += ` ${lines[i++].trim()}`;
        items.push(item);
      }
      blocks.push({ kind: "list", ordered, items });
      continue;
    }
    if (line.includes("|")) {
      const header = tableCells(line);
      const align = delimiterRow(lines[i + 1], header.length);
      if (align) {
        i += 2;
        const rows: string[][] = [];
        while (i < lines.length && lines[i].trim() !== "" && lines[i].includes("|")) {
          const cells = tableCells(lines[i++]);
          // Short rows are padded, long rows cut, as GitHub does.
          rows.push(header.map((_, c) => cells[c] ?? ""));
        }
        blocks.push({ kind: "table", header, align, rows });
        continue;
      }
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s*>\s?/, ""));
      blocks.push({ kind: "quote", text: quoted.join(" ") });
      continue;
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      lines[i].trim() !== "" &&
      !/^(#{1,6})\s/.test(lines[i]) &&
      !bullet.test(lines[i]) &&
      !/^\s*(```|~~~|>)/.test(lines[i]) &&
      !(lines[i].includes("|") && delimiterRow(lines[i + 1], tableCells(lines[i]).length))
    ) {
      paragraph.push(lines[i++].trim());
    }
    blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
  }
  return blocks;
}

/** A link target that is safe to follow, or undefined (javascript:, data:, vbscript: ... are refused). */
export function safeHref(url: string): string | undefined {
  const trimmed = url.trim();
  if (/^(https?:|mailto:)/i.test(trimmed) || trimmed.startsWith("#/")) return trimmed;
  return undefined;
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*|__[^_]+__)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))/;

/** Inline markup → React nodes. */
export function renderInline(text: string, keyPrefix = "i"): ReactNode[] {
  const nodes: ReactNode[] = [];
  let rest = text;
  let n = 0;
  while (rest.length > 0) {
    const match = INLINE.exec(rest);
    if (!match) {
      nodes.push(rest);
      break;
    }
    if (match.index > 0) nodes.push(rest.slice(0, match.index));
    const token = match[0];
    const key = `${keyPrefix}-${n++}`;
    if (match[1]) nodes.push(<code key={key}>{token.slice(1, -1)}</code>);
    else if (match[2]) nodes.push(<strong key={key}>{renderInline(token.slice(2, -2), key)}</strong>);
    else if (match[3]) nodes.push(<em key={key}>{renderInline(token.slice(1, -1), key)}</em>);
    else {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token)!;
      const target = safeHref(link[2]);
      const label = renderInline(link[1], key);
      nodes.push(
        target ? (
          <a
            key={key}
            href={target}
            {...(target.startsWith("#") ? {} : { target: "_blank", rel: "noopener noreferrer" })}
          >
            {label}
          </a>
        ) : (
          <span key={key}>{label}</span>
        ),
      );
    }
    rest = rest.slice(match.index + token.length);
  }
  return nodes;
}

/** Renders Markdown; `headingOffset` shifts heading levels (a description's `#` under the page's `h1`). */
export function Markdown({ source, headingOffset = 1 }: { source: string; headingOffset?: number }) {
  return (
    <div className="markdown">
      {parseBlocks(source).map((block, i) => {
        const key = `b${i}`;
        switch (block.kind) {
          case "heading": {
            const level = Math.min(6, block.level + headingOffset);
            const Tag = `h${level}` as "h2";
            return <Tag key={key}>{renderInline(block.text, key)}</Tag>;
          }
          case "paragraph":
            return <p key={key}>{renderInline(block.text, key)}</p>;
          case "quote":
            return <blockquote key={key}>{renderInline(block.text, key)}</blockquote>;
          case "code":
            return (
              <pre key={key}>
                <code>{block.text}</code>
              </pre>
            );
          case "table":
            return (
              <div key={key} className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      {block.header.map((cell, c) => (
                        <th key={c} scope="col" style={{ textAlign: block.align[c] }}>
                          {renderInline(cell, `${key}-h${c}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((cell, c) => (
                          <td key={c} style={{ textAlign: block.align[c] }}>
                            {renderInline(cell, `${key}-${r}-${c}`)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case "list": {
            const items = block.items.map((item, j) => (
              <li key={`${key}-${j}`}>{renderInline(item, `${key}-${j}`)}</li>
            ));
            return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
          }
        }
      })}
    </div>
  );
}
