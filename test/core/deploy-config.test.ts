import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { network } from "hardhat";

import {
  DEPLOY_CONFIG_DIR,
  type DeployConfig,
  HEARTBEAT_GRACE,
  checkDeployConfigOnChain,
  deployConfigPath,
  deployCoverDAO,
  ignitionParametersOf,
  parseDeployConfig,
  readDeployConfig,
} from "@coverdao/core/deploy";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

const SEPOLIA = deployConfigPath("sepolia");

/** A valid config for chain `chainId` with the given addresses. */
const config = (chainId: number, weth: string, stablecoin: string, feed: string) => ({
  chainId,
  assets: {
    weth: { address: weth, decimals: 18 },
    stablecoin: { address: stablecoin, symbol: "tUSD", decimals: 6 },
  },
  depegFeed: { address: feed, decimals: 8, heartbeat: 86_400, triggerPrice: "0.95" },
});

describe("Deploy configs: deploy/networks/<network>.json", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "coverdao-deploy-"));
  const write = (name: string, body: unknown): string => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, typeof body === "string" ? body : JSON.stringify(body));
    return file;
  };
  const sepolia = (): Record<string, unknown> =>
    JSON.parse(readFileSync(SEPOLIA, "utf8")) as Record<string, unknown>;

  it("accepts the committed Sepolia config and turns it into the live module's parameters", () => {
    expect(path.dirname(SEPOLIA)).to.equal(DEPLOY_CONFIG_DIR);
    const parsed = readDeployConfig(SEPOLIA)!;
    expect(parsed.chainId).to.equal(11_155_111);
    const parameters = ignitionParametersOf(parsed, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    expect(parameters.Pool).to.deep.include({
      weth: parsed.assets!.weth.address,
      stablecoin: parsed.assets!.stablecoin.address,
      depegFeed: parsed.depegFeed!.address,
      depegTrigger: 95_000_000n,
      depegRecovery: 99_900_000n,
      depegHeartbeat: 86_400n,
      depegHeartbeatTolerance: BigInt(HEARTBEAT_GRACE),
    });
    expect(parameters.Claims).to.deep.include({ votingPeriod: 86_400n });
    expect(parameters.Governance).to.deep.include({
      guardian: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      votingPeriod: 86_400n,
    });
  });

  it("rejects a malformed network config with an error naming the file and each bad field", () => {
    const bad = sepolia();
    (bad.assets as { weth: { address: string } }).weth.address = "0x1234";
    (bad.depegFeed as { triggerPrice: string }).triggerPrice = "1.05";
    (bad.parameters as { Governance: Record<string, unknown> }).Governance.votingPeriode = 86_400;
    (bad.parameters as { Claims: Record<string, unknown> }).Claims.cooldown = "two days";
    const file = write("malformed", bad);
    let message = "";
    try {
      readDeployConfig(file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.contain(`${file} is invalid`);
    expect(message).to.match(/assets\.weth\.address: not an Ethereum address/);
    expect(message).to.match(/depegFeed\.triggerPrice: must lie strictly between 0 and 1/);
    expect(message).to.match(/parameters\.Governance: Unrecognized key: "votingPeriode"/);
    expect(message).to.match(/parameters\.Claims\.cooldown/);
  });

  it("refuses parameters that the config's own fields set, a missing feed, and local tokens on a real chain", () => {
    const reserved = sepolia();
    (reserved.parameters as { Pool?: Record<string, unknown> }).Pool = {
      weth: "0x0000000000000000000000000000000000000001",
    };
    expect(() => parseDeployConfig(reserved, "reserved.json")).to.throw(
      /parameters\.Pool: Unrecognized key: "weth"/,
    );

    const noFeed = sepolia();
    delete noFeed.depegFeed;
    expect(() => parseDeployConfig(noFeed, "nofeed.json")).to.throw(
      /depegFeed: assets and depegFeed go together/,
    );

    expect(() => parseDeployConfig({ chainId: 1 }, "mainnet.json")).to.throw(
      /mainnet\.json is invalid:\n {2}assets: is required on chain 1: local test tokens are for local chains/,
    );
    expect(() =>
      parseDeployConfig({ chainId: 31337, parameters: { Governance: { votingPeriod: 86_400 } } }),
    ).not.to.throw();

    const typo = write("typo", "{ chainId: 1 }");
    expect(() => readDeployConfig(typo)).to.throw(/typo\.json is not valid JSON/);
    expect(readDeployConfig(path.join(dir, "absent.json"))).to.equal(undefined);
  });

  describe("against a chain", () => {
    let valid: DeployConfig;

    before(async () => {
      const weth = await ethers.deployContract("WETH9");
      const usd = await ethers.deployContract("TestStablecoin");
      const feed = await ethers.deployContract("LocalPriceFeed", [8, "tUSD / USD", 100_000_000n]);
      valid = parseDeployConfig(
        config(31337, await weth.getAddress(), await usd.getAddress(), await feed.getAddress()),
      );
    });

    it("finds no problem when addresses, decimals and the feed's liveness match", async () => {
      expect(await checkDeployConfigOnChain(valid, ethers.provider)).to.deep.equal([]);
    });

    it("names wrong decimals, an address without code, another chain and a stale feed", async () => {
      const [eoa] = await ethers.getSigners();
      const wrong = parseDeployConfig({
        ...config(31337, valid.assets!.weth.address, valid.assets!.stablecoin.address, eoa.address),
        assets: {
          weth: valid.assets!.weth,
          stablecoin: { ...valid.assets!.stablecoin, decimals: 18 },
        },
      });
      expect(await checkDeployConfigOnChain(wrong, ethers.provider)).to.deep.equal([
        "assets.stablecoin.decimals: the contract says 6, the config 18",
        `depegFeed.address: no contract at ${eoa.address} on chain 31337`,
      ]);
      const elsewhere = parseDeployConfig({ ...config(5, eoa.address, eoa.address, eoa.address) });
      expect(await checkDeployConfigOnChain(elsewhere, ethers.provider)).to.deep.equal([
        "chainId: the config is for chain 5, the network is chain 31337",
      ]);
      const snapshot = await networkHelpers.takeSnapshot();
      await networkHelpers.time.increase(2 * 86_400);
      const stale = await checkDeployConfigOnChain(valid, ethers.provider);
      expect(stale).to.have.length(1);
      expect(stale[0]).to.match(
        /^depegFeed: the feed's latest round is \d+ s old, beyond its heartbeat of 86400 s$/,
      );
      await snapshot.restore();
    });

    it("deploys the live module on the config's tokens and feed, with its trigger, heartbeat and recovery price", async () => {
      const [, guardian] = await ethers.getSigners();
      const { deployment, contracts } = await deployCoverDAO(connection, {
        parameters: ignitionParametersOf(valid, guardian.address),
      });
      expect(deployment.contracts.WETH).to.equal(valid.assets!.weth.address);
      expect(deployment.contracts.Stablecoin).to.equal(valid.assets!.stablecoin.address);
      expect(deployment.contracts.DepegFeed).to.equal(valid.depegFeed!.address);
      expect(await contracts.StablecoinPool.asset()).to.equal(valid.assets!.stablecoin.address);
      const depeg = await contracts.CoverBook.product(2n);
      expect([depeg.priceFeed, depeg.triggerPrice]).to.deep.equal([valid.depegFeed!.address, 95_000_000n]);
      const { terms } = await contracts.CoverBook.parametricSettings(2n);
      expect([terms.heartbeat, terms.heartbeatTolerance, terms.recoveryPrice]).to.deep.equal([
        86_400n,
        BigInt(HEARTBEAT_GRACE),
        99_900_000n,
      ]);
      expect(deployment.accounts.guardian).to.equal(guardian.address);
    });
  });
});
