/**
 * The command line of every script, read the same way: `--help` (or `-h`) prints the usage and exits 0; a
 * mistake (an unknown option, a missing value, a bad number) prints one sentence, then how to get the
 * usage, and exits 2. Node-only (process.exit).
 */
import { type ParseArgsConfig, parseArgs } from "node:util";

/** A mistake in a command line: its message is one sentence, shown before the pointer to `--help`. */
export class UsageError extends Error {}

/** Exit code of a command-line mistake (as POSIX tools use it); 1 stays for failures of the work itself. */
export const USAGE_EXIT_CODE = 2;

type Options = NonNullable<ParseArgsConfig["options"]>;
/** What `parseArgs` returns for these options, strict, positionals allowed or not. */
type Parsed<T extends Options, P extends boolean> = ReturnType<
  typeof parseArgs<{ options: T; allowPositionals: P; strict: true }>
>;

/**
 * `--voters -5` reads to `parseArgs` as two options ("argument is ambiguous"): a value that looks like a
 * negative number is joined to its option (`--voters=-5`), so that the option's own check says what is wrong.
 */
export function joinNegativeValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    const next = argv[i + 1];
    if (name && options[name]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** `parseArgs`'s own messages, in one plain sentence. */
export function plainParseError(error: Error): string {
  const message = error.message.split("\n")[0];
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `Unknown option ${unknown[1]}.`;
  const missing = /Option '([^']+)' argument missing/.exec(message);
  if (missing) return `Option ${missing[1].replace(/^-\w, /, "")} needs a value.`;
  const unexpected = /Unexpected argument '([^']+)'/.exec(message);
  if (unexpected) return `Unexpected argument "${unexpected[1]}".`;
  return message.replace(/\. To specify.*$/, ".");
}

/**
 * Parses `argv` (default: the process's arguments) with `options` plus `--help`. Throws {UsageError} on a
 * mistake; returns undefined when help was asked for.
 */
export function readCommandLine<T extends Options, P extends boolean = false>(
  options: T,
  config: { argv?: string[]; allowPositionals?: P; allowNegative?: boolean } = {},
): Parsed<T, P> | undefined {
  const { argv = process.argv.slice(2), allowPositionals = false, allowNegative = false } = config;
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv, options),
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals,
      allowNegative,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(plainParseError(error as Error));
  }
  if ((parsed.values as { help?: boolean }).help) return undefined;
  return parsed as unknown as Parsed<T, P>;
}

/** Prints `usage` and exits 0 for `--help`; prints the sentence and exits 2 for a mistake. */
export function exitWithUsage(error: UsageError | undefined, usage: string, command: string): never {
  if (!error) {
    console.log(usage);
    process.exit(0);
  }
  const sentence = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
  console.error(`${sentence} See \`${command} -- --help\`.`);
  process.exit(USAGE_EXIT_CODE);
}

/**
 * {readCommandLine} for a script: on `--help` prints `usage` and exits 0, on a mistake prints one sentence
 * and exits 2. `command` is how the user runs it (`npm run simulate`).
 */
export function commandLine<T extends Options, P extends boolean = false>(
  options: T,
  usage: string,
  command: string,
  config: { allowPositionals?: P; allowNegative?: boolean } = {},
): Parsed<T, P> {
  try {
    const parsed = readCommandLine(options, config);
    if (!parsed) return exitWithUsage(undefined, usage, command);
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) return exitWithUsage(error, usage, command);
    throw error;
  }
}

/** Runs `check` on a parsed value; its error (a sentence) becomes a usage mistake: exit 2. */
export function checkOption<V>(check: () => V, usage: string, command: string): V {
  try {
    return check();
  } catch (error) {
    return exitWithUsage(new UsageError((error as Error).message), usage, command);
  }
}

/**
 * `node:sqlite` (the dev hub's store) works as this project uses it, but Node 22 flags it experimental each
 * time it loads; that notice is meant for Node's own developers, so the commands that start a hub drop it.
 * Every other warning still shows. Call before the hub's modules are loaded.
 */
export function quietSqliteWarning(): void {
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (text.startsWith("SQLite is an experimental feature")) return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}
