/**
 * `npm run check:ctrl-c`: runs `npm start` the way a user does, waits until the local DAO is up, presses
 * Ctrl-C (SIGINT to the whole process group, as a terminal does) and checks that everything stopped: the
 * command ends within the time limit (npm by the SIGINT, as in a terminal), no process of the group is
 * left, and the chain, the Snapshot hub and the UI no longer answer on their ports. CI runs it after `npm start -- --check`.
 *
 * Options: --port, --hub-port, --ui-port (defaults: 18545, 13000, 15173, so a running `npm start` is not
 * disturbed), --timeout (seconds to wait for start-up, default 300).
 */
import { spawn } from "node:child_process";
import net from "node:net";
import { UsageError, commandLine, exitWithUsage } from "./lib/cli.js";

const USAGE = `Usage: npm run check:ctrl-c [-- --port N] [--hub-port N] [--ui-port N] [--timeout SECONDS]
  Starts \`npm start\` on spare ports (default 18545, 13000, 15173), stops it with Ctrl-C and checks that
  nothing is left running; --timeout: seconds to wait for start-up (default 300).`;
const COMMAND = "npm run check:ctrl-c";
const { values } = commandLine(
  {
    port: { type: "string", default: "18545" },
    "hub-port": { type: "string", default: "13000" },
    "ui-port": { type: "string", default: "15173" },
    timeout: { type: "string", default: "300" },
  },
  USAGE,
  COMMAND,
);
const ports = { chain: Number(values.port), hub: Number(values["hub-port"]), UI: Number(values["ui-port"]) };
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

const problems: string[] = [];
for (const [name, port] of Object.entries(ports))
  if (await answers(port)) {
    console.error(
      `check:ctrl-c: port ${port} (${name}) is already in use; pick others with --port/--hub-port/--ui-port`,
    );
    process.exit(2);
  }

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
  console.error(`check:ctrl-c: npm start did not get to "${READY}". Its output:\n${output}`);
  process.exit(1);
}
const upFor = (performance.now() - started) / 1000;
for (const [name, port] of Object.entries(ports))
  if (!(await answers(port))) problems.push(`the ${name} did not answer on port ${port} while running`);

// Ctrl-C in a terminal: SIGINT to every process of the foreground group (npm, the shell, tsx, node).
const pressed = performance.now();
process.kill(-pid, "SIGINT");
const outcome = await Promise.race([
  exited,
  new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), STOP_TIMEOUT)),
]);
const stopSeconds = (performance.now() - pressed) / 1000;
if (!outcome) problems.push(`npm start was still running ${STOP_TIMEOUT / 1000} s after Ctrl-C`);
// npm passes the SIGINT on and then ends itself by it, as it does in a terminal; any other end is a failure.
else if (outcome.code !== 0 && outcome.signal !== "SIGINT")
  problems.push(`npm start exited with ${outcome.code ?? outcome.signal} after Ctrl-C`);
// The group's other processes get a moment to finish after npm itself has gone.
for (let i = 0; i < 20 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
if (groupAlive(pid)) problems.push("processes of npm start's group were left running after Ctrl-C");
for (const [name, port] of Object.entries(ports))
  if (await answers(port)) problems.push(`the ${name} still answers on port ${port} after Ctrl-C`);
if (!output.includes("Stopping the local DAO"))
  problems.push('npm start did not say "Stopping the local DAO"');
if (groupAlive(pid)) process.kill(-pid, "SIGKILL");

if (problems.length > 0) {
  console.error(`check:ctrl-c: FAILED\n  ${problems.join("\n  ")}\nOutput:\n${output}`);
  process.exit(1);
}
console.log(
  `check:ctrl-c: npm start was up in ${upFor.toFixed(1)} s (chain :${ports.chain}, hub :${ports.hub}, UI :${ports.UI}); ` +
    `after Ctrl-C it stopped in ${stopSeconds.toFixed(1)} s, left no process, and every port is closed`,
);
