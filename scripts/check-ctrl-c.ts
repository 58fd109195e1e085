/**
 * `npm run check:ctrl-c`: runs `npm start` the way a user does, waits until the local DAO is up, stops it,
 * and checks that everything stopped: the command ends within the time limit, no process of the group is
 * left, and the chain, the Snapshot hub, the indexer and the UI no longer answer on their ports. Three trials, one
 * start each: Ctrl-C in a terminal (SIGINT to the whole process group), SIGINT to the npm process alone
 * and SIGTERM to the npm process alone (as a supervisor or a terminal multiplexer sends them). CI runs it
 * after `npm start -- --check`.
 *
 * Options: --port, --hub-port, --indexer-port, --ui-port (defaults: 18545, 13000, 14069, 15173, so a running
 * `npm start` is not disturbed), --timeout (seconds to wait for start-up, default 300).
 */
import { spawn } from "node:child_process";
import net from "node:net";
import os from "node:os";
import { UsageError, commandLine, exitWithUsage } from "@coverdao/core/cli";

const USAGE = `Usage: npm run check:ctrl-c [-- --port N] [--hub-port N] [--indexer-port N] [--ui-port N]
  [--timeout SECONDS]
  Starts \`npm start\` on spare ports (default 18545, 13000, 14069, 15173), stops it with Ctrl-C and checks that
  nothing is left running; --timeout: seconds to wait for start-up (default 300).`;
const COMMAND = "npm run check:ctrl-c";
const { values } = commandLine(
  {
    port: { type: "string", default: "18545" },
    "hub-port": { type: "string", default: "13000" },
    "indexer-port": { type: "string", default: "14069" },
    "ui-port": { type: "string", default: "15173" },
    timeout: { type: "string", default: "300" },
  },
  USAGE,
  COMMAND,
);
const ports = {
  chain: Number(values.port),
  hub: Number(values["hub-port"]),
  indexer: Number(values["indexer-port"]),
  UI: Number(values["ui-port"]),
};
for (const [name, port] of Object.entries(ports))
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    exitWithUsage(new UsageError(`The ${name} port must be a TCP port number (1-65535)`), USAGE, COMMAND);
  }
if (!(Number(values.timeout) > 0))
  exitWithUsage(
    new UsageError(`--timeout must be a number of seconds; got "${values.timeout}"`),
    USAGE,
    COMMAND,
  );
const startTimeout = Number(values.timeout) * 1000;
const STOP_TIMEOUT = 20_000;
const READY = "Press Ctrl-C to stop.";

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Whether any process of the group led by `pid` is still alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const [name, port] of Object.entries(ports))
  if (await answers(port))
    exitWithUsage(
      new UsageError(
        `Port ${port} (${name}) is already in use; pick others with --port/--hub-port/--indexer-port/--ui-port`,
      ),
      USAGE,
      COMMAND,
    );

/** How `npm start` is stopped in one trial. */
interface Trial {
  name: string;
  signal: "SIGINT" | "SIGTERM";
  /** The whole process group (a terminal's Ctrl-C) or the npm process alone (a supervisor, a multiplexer). */
  to: "group" | "npm";
}
const TRIALS: Trial[] = [
  { name: "Ctrl-C in a terminal (SIGINT to the process group)", signal: "SIGINT", to: "group" },
  { name: "SIGINT to the npm process alone", signal: "SIGINT", to: "npm" },
  { name: "SIGTERM to the npm process alone", signal: "SIGTERM", to: "npm" },
];

/** Starts `npm start`, stops it as `trial` says; returns what went wrong (nothing: it all stopped). */
async function run(trial: Trial): Promise<string[]> {
  const problems: string[] = [];
  const started = performance.now();
  const child = spawn(
    "npm",
    [
      "start",
      "--",
      "--port",
      String(ports.chain),
      "--hub-port",
      String(ports.hub),
      "--indexer-port",
      String(ports.indexer),
      "--ui-port",
      String(ports.UI),
    ],
    { detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const pid = child.pid!;
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), startTimeout);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY)) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then(() => {
      clearTimeout(timer);
      resolve(output.includes(READY));
    });
  });

  if (!(await ready)) {
    if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
    return [`npm start did not get to "${READY}". Its output:\n${output}`];
  }
  const upFor = (performance.now() - started) / 1000;
  for (const [name, port] of Object.entries(ports))
    if (!(await answers(port))) problems.push(`the ${name} did not answer on port ${port} while running`);

  const sent = performance.now();
  process.kill(trial.to === "group" ? -pid : pid, trial.signal);
  const outcome = await Promise.race([
    exited,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), STOP_TIMEOUT)),
  ]);
  const stopSeconds = (performance.now() - sent) / 1000;
  if (!outcome) problems.push(`npm start was still running ${STOP_TIMEOUT / 1000} s after ${trial.signal}`);
  // npm passes the signal on, then ends by it, with the script's 0, or with 128 + the signal's number (the
  // shell's convention for "stopped by the signal": 130 for SIGINT, 143 for SIGTERM).
  else if (
    outcome.code !== 0 &&
    outcome.code !== 128 + os.constants.signals[trial.signal] &&
    outcome.signal !== trial.signal
  )
    problems.push(`npm start exited with ${outcome.code ?? outcome.signal} after ${trial.signal}`);
  // The group's other processes get a moment to finish after npm itself has gone.
  for (let i = 0; i < 20 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid))
    problems.push(`processes of npm start's group were left running after ${trial.signal}`);
  for (const [name, port] of Object.entries(ports))
    if (await answers(port)) problems.push(`the ${name} still answers on port ${port} after ${trial.signal}`);
  if (!output.includes("Stopping the local DAO"))
    problems.push('npm start did not say "Stopping the local DAO"');
  if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
  if (problems.length > 0) return [...problems, `Output:\n${output}`];
  console.log(
    `check:ctrl-c: ${trial.name}: npm start was up in ${upFor.toFixed(1)} s (chain :${ports.chain}, hub :${ports.hub}, ` +
      `indexer :${ports.indexer}, UI :${ports.UI}) and stopped in ${stopSeconds.toFixed(1)} s, leaving no process and every port closed`,
  );
  return [];
}

let failed = false;
for (const trial of TRIALS) {
  const problems = await run(trial);
  if (problems.length > 0) {
    failed = true;
    console.error(`check:ctrl-c: ${trial.name}: FAILED\n  ${problems.join("\n  ")}`);
  }
}
process.exit(failed ? 1 : 0);
