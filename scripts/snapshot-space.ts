/**
 * `npm run snapshot:space [-- --network NAME]`: prints the Snapshot space settings (JSON) for the DAO
 * deployed on that network (`deployments/<chainId>.json`), validated with snapshot.js's own schema.
 * On Hardhat's in-process network, which starts empty, it deploys a fresh DAO to describe.
 */
import { network } from "hardhat";

import { deployCoverDAO } from "@coverdao/core/deploy";
import { readDeployment } from "@coverdao/core/node";
import { buildSpaceSettings, validateSpaceSettings } from "@coverdao/core/snapshot/node";

const connection = await network.getOrCreate();
try {
  const provider = connection.ethers.provider;
  const inProcess = connection.networkConfig.type === "edr-simulated";
  const deployment = inProcess
    ? (await deployCoverDAO(connection)).deployment
    : readDeployment((await provider.getNetwork()).chainId);
  const settings = await buildSpaceSettings(deployment, provider, { network: process.env.SNAPSHOT_NETWORK });
  const validation = validateSpaceSettings(settings);
  for (const note of validation.notes) console.error(`note: ${note}`);
  if (!validation.ok) {
    console.error(
      `The generated space settings fail snapshot.js's schema:\n  ${validation.errors.join("\n  ")}`,
    );
    process.exitCode = 1;
  } else {
    console.log(JSON.stringify(settings, null, 2));
  }
} finally {
  await connection.close();
}
