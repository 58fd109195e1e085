/**
 * The local workflow as a newcomer meets it: `npm start` on ports that are not the defaults, then the
 * commands it prints under "Next steps", run exactly as printed (no `--rpc`, no `--hub`: they find the chain
 * and the hub in the deployment file), a temperature check voted from the CLI after the chain's clock has
 * moved (messages dated by the hub's clock), `--help` of every command, and a deploy to a second local
 * node with the same chain id while `npm start`'s chain runs. The deployment file goes to a
 * temporary folder (`COVERDAO_DEPLOYMENTS_DIR`), so a developer's `deployments/31337.json` is not touched.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { expect } from "chai";
import { JsonRpcProvider } from "ethers";

import { REPO_ROOT, parseDeployment } from "@coverdao/core/node";

const run = promisify(execFile);

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a printed command line (`npm run ...`) through the shell, as a user pastes it; returns its output. */
async function paste(line: string, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run("bash", ["-c", line], { cwd: REPO_ROOT, env, timeout: 120_000 });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("local workflow: npm start on other ports, its next steps, time travel and --help", function () {
  this.timeout(600_000);
  let start: ChildProcess | undefined;
  let output = "";
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const ports = { chain: 0, hub: 0, ui: 0 };

  before(async () => {
    ports.chain = await freePort();
    ports.hub = await freePort();
    ports.ui = await freePort();
    dir = mkdtempSync(path.join(os.tmpdir(), "coverdao-workflow-"));
    env = { ...process.env, COVERDAO_DEPLOYMENTS_DIR: dir };
    // Without the flags the CLI takes from the deployment file, whatever the test runner's environment says.
    for (const name of [
      "SNAPSHOT_HUB_URL",
      "SNAPSHOT_RPC_URL",
      "COVERDAO_PRIVATE_KEY",
      "SNAPSHOT_PRIVATE_KEY",
    ])
      delete env[name];
    start = spawn(
      "npm",
      ["start", "--", "--port", `${ports.chain}`, "--hub-port", `${ports.hub}`, "--ui-port", `${ports.ui}`],
      { cwd: REPO_ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Press Ctrl-C to stop.")) resolve();
      };
      start!.stdout!.on("data", onData);
      start!.stderr!.on("data", onData);
      start!.once("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
  });

  after(async () => {
    if (start?.pid && start.exitCode === null) {
      const exited = new Promise((resolve) => start!.once("exit", resolve));
      process.kill(start.pid, "SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("records its real ports in the deployment file, and its UI URL carries the chain's", async () => {
    const deployment = parseDeployment(JSON.parse(readFileSync(path.join(dir, "31337.json"), "utf8")));
    expect(deployment.services?.rpcUrl).to.equal(`http://127.0.0.1:${ports.chain}`);
    expect(deployment.services?.hubUrl).to.equal(`http://127.0.0.1:${ports.hub}`);
    expect(deployment.accounts.Alice).to.match(/^0x/);
    const uiLine = /^ {2}UI +(\S+)$/m.exec(output)?.[1];
    expect(uiLine).to.equal(
      `http://127.0.0.1:${ports.ui}/?rpc=${encodeURIComponent(`http://127.0.0.1:${ports.chain}`)}`,
    );
    const page = await fetch(uiLine!);
    expect(page.ok).to.equal(true);
  });

  it("runs every Next steps command as printed: the proposal is executed", async () => {
    const block = output.split("\nNext steps")[1]?.split("\n\n")[0];
    expect(block, output).to.be.a("string");
    const lines = block!
      .split("\n")
      .slice(1)
      .map((line) => line.trim())
      .filter((line) => line.startsWith("npm "));
    expect(lines.length).to.be.at.least(8);
    for (const line of lines) {
      const result = await paste(line, env);
      expect(result.code, `${line}\n${result.out}`).to.equal(0);
    }
    const status = await paste(lines.at(-1)!, env);
    expect(status.out).to.match(/state +Executed/);
  });

  it("votes on a temperature check from the CLI after the chain's clock moved, dated by the hub's clock", async () => {
    const file = path.join(dir, "temp-check.md");
    copyFileSync(path.join(REPO_ROOT, "proposals", "002-governor-quorum-and-voting-period.md"), file);
    // The Next steps moved the chain (and the hub that follows it) days ahead of the wall clock.
    const opened = await paste(`npm run proposal -- temp-check ${file} --account alice`, env);
    expect(opened.code, opened.out).to.equal(0);
    expect(opened.out).to.include(`on http://127.0.0.1:${ports.hub}`);
    const moved = await paste("npm run time -- +2d", env);
    expect(moved.code, moved.out).to.equal(0);
    expect(moved.out).to.match(/Moved 2 days forward\. The chain's time is .* ahead of the wall clock/);
    const voted = await paste(
      `npm run proposal -- temp-check-vote ${file} --choice against --account Bob`,
      env,
    );
    expect(voted.code, voted.out).to.equal(0);
    expect(voted.out).to.include("Voted Against on the temperature check");
    const id = /id: "?(0x[0-9a-f]{64})/.exec(readFileSync(file, "utf8"))?.[1];
    const results = await paste(`npm run snapshot -- results ${id}`, env);
    expect(results.out).to.match(/Against +1275000/);
  });

  it("prints usage and exits 0 for --help on every command; a bad option exits 2 in one sentence", async () => {
    const commands = [
      "npm start --",
      "npm run proposal --",
      "npm run snapshot --",
      "npm run simulate --",
      "npm run bench --",
      "npm run bench:ui --",
      "npm run snapshot:hub --",
      "npm run check:ctrl-c --",
      "npm run time --",
      "npm run deploy --",
    ];
    for (const command of commands) {
      const help = await paste(`${command} --help`, env);
      expect(help.code, `${command} --help\n${help.out}`).to.equal(0);
      expect(help.out, command).to.match(/Usage: npm (start|run)/);
    }
    const bad = await paste("npm run simulate -- governance-cycle --voters -5", env);
    expect(bad.code).to.equal(2);
    expect(bad.out).to.include('--voters must be at least 2; got "-5". See `npm run simulate -- --help`.');
  });

  describe("deploying to a second local node with the same chain id", () => {
    const journals = path.join(REPO_ROOT, "ignition", "deployments");
    const existing = new Set(existsSync(journals) ? readdirSync(journals) : []);
    let node: ChildProcess | undefined;
    let nodeUrl = "";
    let deployDir = "";

    /** `npx hardhat node` on a free port: a chain 31337 of its own (its own genesis block). */
    async function startNode(port: number): Promise<ChildProcess> {
      const child = spawn("npx", ["hardhat", "node", "--hostname", "127.0.0.1", "--port", `${port}`], {
        cwd: REPO_ROOT,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let text = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes("Started HTTP")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`hardhat node exited with ${code}: ${text}`)));
      });
      return child;
    }
    async function stopNode(): Promise<void> {
      if (!node?.pid || node.exitCode !== null) return;
      const exited = new Promise((resolve) => node!.once("exit", resolve));
      process.kill(-node.pid, "SIGTERM");
      await exited;
    }

    after(async () => {
      await stopNode();
      if (deployDir) rmSync(deployDir, { recursive: true, force: true });
      // The journals this test made (one per genesis block); the developer's own are left alone.
      for (const name of existsSync(journals) ? readdirSync(journals) : [])
        if (!existing.has(name) && name.startsWith("chain-31337-"))
          rmSync(path.join(journals, name), { recursive: true, force: true });
    });

    it("deploys afresh, checks code at every written address, keeps the account names, records the new RPC", async () => {
      const port = await freePort();
      node = await startNode(port);
      nodeUrl = `http://127.0.0.1:${port}`;
      // The deploy starts from the file npm start wrote (another chain, same id), as in the developer's folder.
      deployDir = mkdtempSync(path.join(os.tmpdir(), "coverdao-deploy-"));
      copyFileSync(path.join(dir, "31337.json"), path.join(deployDir, "31337.json"));
      const deployEnv = { ...env, COVERDAO_DEPLOYMENTS_DIR: deployDir };
      const result = await paste(`npm run deploy -- --rpc ${nodeUrl}`, deployEnv);
      expect(result.code, result.out).to.equal(0);
      expect(result.out).to.include("Code checked at every address.");
      const written = parseDeployment(JSON.parse(readFileSync(path.join(deployDir, "31337.json"), "utf8")));
      const started = parseDeployment(JSON.parse(readFileSync(path.join(dir, "31337.json"), "utf8")));
      expect(written.contracts.CoverGovernor).to.not.equal(undefined);
      const provider = new JsonRpcProvider(nodeUrl, undefined, { staticNetwork: true });
      try {
        for (const [name, address] of Object.entries(written.contracts))
          expect(await provider.getCode(address), `${name} at ${address}`).to.not.equal("0x");
      } finally {
        provider.destroy();
      }
      expect(written.accounts.Alice).to.equal(started.accounts.Alice);
      expect(written.services).to.deep.equal({ rpcUrl: nodeUrl });
    });

    it("refuses in words a journal whose contracts the chain does not hold, and writes nothing", async () => {
      // The node restarts: a new chain 31337 (new genesis). Plant the old journal under the new chain's id,
      // as a node restarted from the same genesis would find it.
      const oldId = readdirSync(journals).find(
        (name) => !existing.has(name) && name.startsWith("chain-31337-"),
      );
      expect(oldId).to.be.a("string");
      await stopNode();
      const port = Number(new URL(nodeUrl).port);
      node = await startNode(port);
      const provider = new JsonRpcProvider(nodeUrl, undefined, { staticNetwork: true });
      const genesis = await provider.getBlock(0);
      provider.destroy();
      const newId = `chain-31337-${genesis!.hash!.slice(2, 14)}`;
      cpSync(path.join(journals, oldId!), path.join(journals, newId), { recursive: true });
      const file = path.join(deployDir, "31337.json");
      const beforeDeploy = readFileSync(file, "utf8");
      const result = await paste(`npm run deploy -- --rpc ${nodeUrl}`, {
        ...env,
        COVERDAO_DEPLOYMENTS_DIR: deployDir,
      });
      expect(result.code).to.equal(1);
      expect(result.out).to.match(/records contracts that this chain does not hold \(no code at /);
      expect(result.out).to.include("nothing was sent");
      expect(result.out).to.not.include("Deployed CoverDAO");
      expect(readFileSync(file, "utf8")).to.equal(beforeDeploy);
    });
  });
});
