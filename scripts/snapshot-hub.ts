/**
 * `npm run snapshot:hub [-- --rpc URL --port N --db FILE --space ID]`: the development Snapshot hub on
 * 127.0.0.1, serving one space whose settings come from the deployment on the chain at `--rpc`
 * (default http://127.0.0.1:8545, i.e. `npx hardhat node` + `npm run deploy -- --network localhost`).
 * See packages/core/src/snapshot/hub.ts for the JSON API.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";

import { JsonRpcProvider } from "ethers";

import { REPO_ROOT, UsageError, commandLine, exitWithUsage, quietSqliteWarning } from "@coverdao/core/node";
import { spaceSettingsFor } from "@coverdao/core/snapshot/node";

quietSqliteWarning();
const { DEFAULT_HUB_PORT, startHub } = await import("@coverdao/core/snapshot/node");

const USAGE = `Usage: npm run snapshot:hub [-- --rpc URL] [--port N] [--db FILE] [--space ID]
  The development Snapshot hub for the deployment on the chain at --rpc (SNAPSHOT_RPC_URL, default
  http://127.0.0.1:8545), on 127.0.0.1:--port (SNAPSHOT_HUB_PORT, default ${DEFAULT_HUB_PORT}), storing in --db.`;
const COMMAND = "npm run snapshot:hub";
const { values } = commandLine(
  {
    rpc: { type: "string", default: process.env.SNAPSHOT_RPC_URL ?? "http://127.0.0.1:8545" },
    port: { type: "string", default: process.env.SNAPSHOT_HUB_PORT ?? String(DEFAULT_HUB_PORT) },
    db: { type: "string", default: path.join(REPO_ROOT, ".snapshot-hub", "hub.sqlite") },
    space: { type: "string", default: process.env.SNAPSHOT_SPACE ?? "coverdao.eth" },
  },
  USAGE,
  COMMAND,
);
const hubPort = Number(values.port);
if (!Number.isInteger(hubPort) || hubPort < 0 || hubPort > 65_535)
  exitWithUsage(new UsageError(`--port must be a TCP port number; got "${values.port}"`), USAGE, COMMAND);

const provider = new JsonRpcProvider(values.rpc);
const settings = await spaceSettingsFor(provider);
mkdirSync(path.dirname(values.db), { recursive: true });
const hub = await startHub({
  space: values.space,
  settings,
  provider,
  database: values.db,
  port: hubPort,
});
console.log(
  `Snapshot dev hub for ${values.space} on ${hub.url} (chain ${values.rpc}, database ${values.db})`,
);
const stop = () => {
  void hub.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
