/**
 * Proposals as code. A proposal is one Markdown file in `proposals/`: YAML front matter with the title
 * and the actions, the body is the description. Actions name a contract (its deployment name) and a
 * function, and give NAMED arguments in human units, which are converted exactly to on-chain values
 * against the deployment's ABIs:
 *
 *   ---
 *   title: Lengthen the unstake cooldown to 10 days
 *   actions:
 *     - contract: StakingVault
 *       function: setUnstakeCooldown
 *       args: { newCooldown: 10 days }
 *   ---
 *   Why, in markdown.
 *
 * The on-chain description is `# <title>\n\n<body>`. Errors name the file, the action and the field.
 *
 * This file: the front matter's schema, the errors that name file, action and field, and parsing a
 * proposal's text. Resolution is in `resolve.ts`, validation in `validate.ts`, the disk in `file.ts`.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";

// ------------------------------------------------------------------------------------------ schema

/** An argument as written in YAML: text with a unit, a whole number, a flag, a list or named fields. */
export type ArgValue = string | number | bigint | boolean | ArgValue[] | { [name: string]: ArgValue };

const argValue: z.ZodType<ArgValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.bigint(),
    z.number(),
    z.boolean(),
    z.array(argValue),
    z.record(z.string(), argValue),
  ]),
);

export const actionSchema = z.strictObject({
  /** Deployment name of the target, e.g. `StakingVault`. */
  contract: z.string().min(1),
  /** Function name, or its full signature when overloaded: `quorumNumerator(uint256)`. */
  function: z.string().min(1),
  /** Arguments by ABI parameter name. */
  args: z.record(z.string(), argValue).default({}),
  /** ETH sent with the call, e.g. "0.5 ETH". */
  value: z.string().optional(),
});

/**
 * The Snapshot temperature check opened for this proposal (`proposal temp-check` writes it), so that the
 * off-chain check and the on-chain proposal are one file. It is not part of the on-chain description.
 */
export const tempCheckSchema = z.strictObject({
  /** The Snapshot proposal id. */
  id: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "a Snapshot proposal id is 0x and 64 hex digits"),
  space: z.string().min(1),
  hub: z.url(),
  /** Voting opens and closes (ISO 8601, UTC). */
  start: z.iso.datetime(),
  end: z.iso.datetime(),
});
export type TempCheckLink = z.infer<typeof tempCheckSchema>;

export const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1, "the title is empty"),
  actions: z.array(actionSchema).min(1, "a proposal needs at least one action"),
  tempCheck: tempCheckSchema.optional(),
});

export type ActionSpec = z.infer<typeof actionSchema>;

export interface ProposalFile {
  file: string;
  title: string;
  /** Markdown body (the description without the title heading). */
  body: string;
  actions: ActionSpec[];
  /** The linked Snapshot temperature check, once opened. */
  tempCheck?: TempCheckLink;
}

// ------------------------------------------------------------------------------------------ errors

export interface ProposalProblem {
  file: string;
  /** The action, when the problem is in one: 0-based index and `Contract.function`. */
  action?: { index: number; call: string };
  /** Dotted path of the field, e.g. `args.newCooldown` or `title`. */
  field?: string;
  message: string;
}

export function formatProblem(problem: ProposalProblem): string {
  const where = [
    problem.file,
    problem.action ? `actions[${problem.action.index}] (${problem.action.call})` : undefined,
    problem.field,
  ].filter(Boolean);
  return `${where.join(": ")}: ${problem.message}`;
}

export class ProposalError extends Error {
  constructor(readonly problems: ProposalProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ProposalError";
  }
}

// ------------------------------------------------------------------------------------------ parsing

export const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/** Parses the text of a proposal file; throws a {ProposalError} naming every bad field. */
export function parseProposal(text: string, file: string): ProposalFile {
  const fail = (message: string, field?: string): never => {
    throw new ProposalError([{ file, field, message }]);
  };
  const match = FRONT_MATTER.exec(text);
  if (!match) return fail("no YAML front matter: the file must start with a `---` block");
  let raw: unknown;
  try {
    raw = parseYaml(match[1], { intAsBigInt: true });
  } catch (error) {
    return fail(`the front matter is not valid YAML: ${(error as Error).message}`);
  }
  const result = frontMatterSchema.safeParse(raw);
  const problems: ProposalProblem[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [first, index, ...rest] = issue.path;
      if (first === "actions" && typeof index === "number") {
        const action = (raw as { actions?: Partial<ActionSpec>[] }).actions?.[index];
        problems.push({
          file,
          action: { index, call: `${action?.contract ?? "?"}.${action?.function ?? "?"}` },
          field: rest.join(".") || undefined,
          message: issue.message,
        });
      } else {
        problems.push({ file, field: issue.path.join(".") || undefined, message: issue.message });
      }
    }
  }
  const body = match[2].trim();
  if (!body) {
    problems.push({
      file,
      field: "description",
      message: "missing description: the body below the front matter is empty",
    });
  }
  if (problems.length > 0 || !result.success) throw new ProposalError(problems);
  return {
    file,
    title: result.data.title,
    body,
    actions: result.data.actions,
    tempCheck: result.data.tempCheck,
  };
}

/** The description the Governor stores and hashes. */
export const onChainDescription = (proposal: Pick<ProposalFile, "title" | "body">): string =>
  `# ${proposal.title}\n\n${proposal.body}\n`;
