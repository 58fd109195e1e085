/** Proposal files on disk (Node): read one, and record its temperature check in its front matter. */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { parseDocument } from "yaml";

import {
  FRONT_MATTER,
  ProposalError,
  type ProposalFile,
  type TempCheckLink,
  parseProposal,
  tempCheckSchema,
} from "./schema.js";

/** Reads and parses a proposal file; the browser parses and validates text it was given ({parseProposal}). */
export function loadProposal(file: string): ProposalFile {
  const display = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ProposalError([
      { file: display, message: `cannot read the file: ${(error as Error).message}` },
    ]);
  }
  return parseProposal(text, display);
}

/**
 * Records the temperature check in the file's front matter (`tempCheck:`), keeping the rest of the file
 * as written; the on-chain description does not change. A file already linked is refused.
 */
export function linkTempCheck(file: string, link: TempCheckLink): void {
  const text = readFileSync(file, "utf8");
  const match = FRONT_MATTER.exec(text);
  if (!match)
    throw new ProposalError([{ file, message: "no YAML front matter to record the temperature check in" }]);
  const document = parseDocument(match[1]);
  const existing: unknown = document.get("tempCheck");
  if (existing) {
    throw new ProposalError([
      {
        file,
        field: "tempCheck",
        message: `already linked to the temperature check ${String((existing as { get(k: string): unknown }).get("id"))}; remove \`tempCheck\` to open a new one`,
      },
    ]);
  }
  document.set("tempCheck", tempCheckSchema.parse(link));
  const frontMatter = document.toString({ lineWidth: 0 }).trimEnd();
  writeFileSync(file, `---\n${frontMatter}\n---\n${text.slice(match[0].length - match[2].length)}`);
}
