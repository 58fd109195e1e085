/**
 * Per-network deploy configs: `deploy/networks/<network>.json`, one per network of `hardhat.config.ts`,
 * naming the pools' assets (WETH and a stablecoin, with decimals), the depeg product's Chainlink price
 * feed (decimals, heartbeat, trigger price), the guardian and optional Ignition parameters. Validated by
 * a zod schema whose parameter names and types are read from the Ignition modules themselves, so a typo
 * or a wrong type is refused with the file and the field named before anything is sent.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import {
  type DeploymentParameters,
  type IgnitionModule,
  type ModuleParameters,
  isAccountRuntimeValue,
  isFuture,
  isModuleParameterRuntimeValue,
} from "@nomicfoundation/ignition-core";
import { type Provider, getAddress, isAddress, parseUnits } from "ethers";
import { z } from "zod";

import { buildCoverDAOModule } from "../../../../ignition/modules/CoverDAO.js";
import {
  AggregatorV3Interface__factory,
  IERC20Metadata__factory,
} from "../../../../types/ethers-contracts/index.js";
import { REPO_ROOT } from "./file.js";
import { LOCAL_CHAIN_IDS } from "../snapshot/space.js";

export const DEPLOY_CONFIG_DIR = path.join(REPO_ROOT, "deploy", "networks");

/** `deploy/networks/<network>.json`. */
export const deployConfigPath = (networkName: string, dir = DEPLOY_CONFIG_DIR): string =>
  path.join(dir, `${networkName}.json`);

const HOUR = 3_600;
const DAY = 86_400;
/**
 * A round may come this long after the feed's heartbeat before the feed counts as stalled (the depeg
 * product's `heartbeatTolerance`): real feeds publish a little late (USDC / USD on Ethereum: up to 84 s over
 * its 24 h heartbeat during March 2023).
 */
export const HEARTBEAT_GRACE = 30 * 60;
/** `CoverBook.MAX_HEARTBEAT`. */
const MAX_HEARTBEAT = 3 * DAY;

/** Module parameters set from the config's own fields, never through `parameters`. */
const RESERVED: Record<string, string> = {
  "Governance.guardian": "guardian",
  "Pool.weth": "assets.weth.address",
  "Pool.stablecoin": "assets.stablecoin.address",
  "Pool.depegFeed": "depegFeed.address",
  "Pool.depegTrigger": "depegFeed.triggerPrice",
  "Pool.depegHeartbeat": "depegFeed.heartbeat",
  "Pool.depegHeartbeatTolerance": "depegFeed.heartbeatTolerance",
  "Pool.depegRecovery": "depegFeed.recoveryPrice",
};

export interface ModuleParameter {
  moduleId: string;
  name: string;
  /** What the default is: a number (`bigint`), a string, an account (an address), or none. */
  kind: "integer" | "string" | "address" | "none";
}

/** Every `m.getParameter(...)` of an Ignition module and its submodules, by "Module.name". */
export function moduleParameters(module: IgnitionModule): Map<string, ModuleParameter> {
  const found = new Map<string, ModuleParameter>();
  const seen = new WeakSet<object>();
  const scan = (value: unknown): void => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (isModuleParameterRuntimeValue(value)) {
      const d: unknown = value.defaultValue;
      const kind =
        typeof d === "bigint" || typeof d === "number"
          ? "integer"
          : typeof d === "string"
            ? "string"
            : isAccountRuntimeValue(d)
              ? "address"
              : "none";
      found.set(`${value.moduleId}.${value.name}`, { moduleId: value.moduleId, name: value.name, kind });
      return;
    }
    for (const item of value instanceof Set || Array.isArray(value) ? value : Object.values(value)) {
      // Other futures are reached through their module; do not follow links between them.
      if (!isFuture(item)) scan(item);
    }
  };
  const visit = (m: IgnitionModule): void => {
    for (const future of m.futures) {
      for (const [key, item] of Object.entries(future)) {
        if (key !== "module" && key !== "dependencies") scan(item);
      }
    }
    for (const sub of m.submodules) visit(sub);
  };
  visit(module);
  return found;
}

const address = z
  .string()
  .refine((value) => isAddress(value), { message: "not an Ethereum address (0x and 40 hex digits)" })
  .transform((value) => getAddress(value));
const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, { message: 'must be a decimal number in a string, e.g. "0.95"' });
/** Integers as JSON numbers, or as strings ("10000000000000000000000000" or "1e25"-free "123n") for big ones. */
const integer = z.union([
  z
    .number()
    .int()
    .nonnegative()
    .transform((n) => BigInt(n)),
  z
    .string()
    .regex(/^\d+n?$/, { message: 'must be a whole number, e.g. 86400 or "10000000000000000000000000"' })
    .transform((s) => BigInt(s.replace(/n$/, ""))),
]);

const PARAMETERS = moduleParameters(buildCoverDAOModule("parameters"));

function parametersSchema() {
  const modules = new Map<string, Record<string, z.ZodType>>();
  for (const [key, parameter] of PARAMETERS) {
    if (key in RESERVED) continue;
    const shape = modules.get(parameter.moduleId) ?? {};
    shape[parameter.name] =
      parameter.kind === "integer" ? integer : parameter.kind === "address" ? address : z.string().min(1);
    modules.set(parameter.moduleId, shape);
  }
  const shape = Object.fromEntries(
    [...modules].map(([id, fields]) => [id, z.strictObject(fields).partial().optional()]),
  );
  return z.strictObject(shape);
}

export const deployConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** What this config is for, in words. */
    description: z.string().optional(),
    /** The network's chain id: the deploy refuses a network that answers with another. */
    chainId: z.number().int().positive(),
    /** The guardian (a multisig); `COVERDAO_GUARDIAN` overrides it. Required off local chains, here or there. */
    guardian: address.optional(),
    /** The pools' assets. Absent: local test tokens are deployed (local chains only). */
    assets: z
      .strictObject({
        weth: z.strictObject({ address, decimals: z.literal(18, { message: "WETH has 18 decimals" }) }),
        stablecoin: z.strictObject({
          address,
          symbol: z.string().min(1).max(11),
          decimals: z.number().int().min(6).max(18),
        }),
      })
      .optional(),
    /** The depeg product's Chainlink AggregatorV3 feed (stablecoin / USD). */
    depegFeed: z
      .strictObject({
        address,
        description: z.string().optional(),
        decimals: z.number().int().min(0).max(36),
        /** Seconds between updates when the price does not move (Chainlink's "heartbeat"). */
        heartbeat: z
          .number()
          .int()
          .min(60)
          .max(MAX_HEARTBEAT, { message: `must be at most ${MAX_HEARTBEAT} s (CoverBook.MAX_HEARTBEAT)` }),
        /** Seconds a round may come after the heartbeat (default 1800, at most 6 hours). */
        heartbeatTolerance: z
          .number()
          .int()
          .min(0)
          .max(6 * HOUR)
          .optional(),
        /** The price (USD per stablecoin) at or below which depeg cover pays, e.g. "0.95". */
        triggerPrice: decimal.refine((p) => Number(p) > 0 && Number(p) < 1, {
          message: "must lie strictly between 0 and 1 (USD per stablecoin, below the peg)",
        }),
        /** A round at or above this price inside the confirmation window is a recovery (default "0.999"). */
        recoveryPrice: decimal
          .refine((p) => Number(p) > 0 && Number(p) <= 1, {
            message: "must lie in (0, 1] (USD per stablecoin)",
          })
          .optional(),
      })
      .superRefine((feed, context) => {
        if (Number(feed.recoveryPrice ?? "0.999") <= Number(feed.triggerPrice)) {
          context.addIssue({
            code: "custom",
            path: ["recoveryPrice"],
            message: "must lie above the trigger price (a recovery ends a fall)",
          });
        }
      })
      .optional(),
    /** Ignition parameters by module, e.g. { "Governance": { "votingPeriod": 86400 } }. */
    parameters: parametersSchema().optional(),
  })
  .superRefine((config, context) => {
    if (Boolean(config.assets) !== Boolean(config.depegFeed)) {
      context.addIssue({
        code: "custom",
        path: [config.assets ? "depegFeed" : "assets"],
        message: "assets and depegFeed go together: real tokens need a real price feed, and the reverse",
      });
    }
    if (!config.assets && !LOCAL_CHAIN_IDS.includes(config.chainId)) {
      context.addIssue({
        code: "custom",
        path: ["assets"],
        message: `is required on chain ${config.chainId}: local test tokens are for local chains (${LOCAL_CHAIN_IDS.join(", ")}) only`,
      });
    }
  });
export type DeployConfig = z.infer<typeof deployConfigSchema>;

/** Validates a config object; the error names the source and every bad field. */
export function parseDeployConfig(raw: unknown, source = "deploy config"): DeployConfig {
  const result = deployConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
    throw new Error(`${source} is invalid:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

/** Reads and validates a config file; undefined when it does not exist. */
export function readDeployConfig(file: string): DeployConfig | undefined {
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseDeployConfig(raw, file);
}

/** The Ignition parameters of a config: its `parameters`, plus the guardian, assets and feed it names. */
export function ignitionParametersOf(config: DeployConfig, guardian?: string): DeploymentParameters {
  const parameters: DeploymentParameters = {};
  for (const [moduleId, values] of Object.entries(config.parameters ?? {})) {
    if (values) parameters[moduleId] = { ...values } as ModuleParameters;
  }
  const add = (moduleId: string, values: Record<string, string | bigint>) => {
    parameters[moduleId] = { ...parameters[moduleId], ...values };
  };
  const chosen = guardian ?? config.guardian;
  if (chosen) add("Governance", { guardian: getAddress(chosen) });
  if (config.assets && config.depegFeed) {
    add("Pool", {
      weth: config.assets.weth.address,
      stablecoin: config.assets.stablecoin.address,
      depegFeed: config.depegFeed.address,
      depegTrigger: parseUnits(config.depegFeed.triggerPrice, config.depegFeed.decimals),
      depegRecovery: parseUnits(config.depegFeed.recoveryPrice ?? "0.999", config.depegFeed.decimals),
      depegReference: parseUnits("1", config.depegFeed.decimals),
      depegHeartbeat: BigInt(config.depegFeed.heartbeat),
      depegHeartbeatTolerance: BigInt(config.depegFeed.heartbeatTolerance ?? HEARTBEAT_GRACE),
    });
  }
  return parameters;
}

/**
 * Checks a config against the chain before deploying: contracts exist at the addresses, token and feed
 * decimals are what the config says, and the feed answered within its heartbeat. Returns the problems
 * (empty when the config matches the chain).
 */
export async function checkDeployConfigOnChain(config: DeployConfig, provider: Provider): Promise<string[]> {
  const problems: string[] = [];
  if (!config.assets || !config.depegFeed) return problems;
  const { chainId } = await provider.getNetwork();
  if (Number(chainId) !== config.chainId) {
    return [`chainId: the config is for chain ${config.chainId}, the network is chain ${chainId}`];
  }
  const entries: [field: string, address: string, decimals: number][] = [
    ["assets.weth", config.assets.weth.address, config.assets.weth.decimals],
    ["assets.stablecoin", config.assets.stablecoin.address, config.assets.stablecoin.decimals],
    ["depegFeed", config.depegFeed.address, config.depegFeed.decimals],
  ];
  for (const [field, at, decimals] of entries) {
    if ((await provider.getCode(at)) === "0x") {
      problems.push(`${field}.address: no contract at ${at} on chain ${chainId}`);
      continue;
    }
    const contract =
      field === "depegFeed"
        ? AggregatorV3Interface__factory.connect(at, provider)
        : IERC20Metadata__factory.connect(at, provider);
    try {
      const actual = Number(await contract.decimals());
      if (actual !== decimals)
        problems.push(`${field}.decimals: the contract says ${actual}, the config ${decimals}`);
    } catch {
      problems.push(`${field}.address: ${at} does not answer decimals()`);
    }
  }
  if (problems.length === 0) {
    const feed = AggregatorV3Interface__factory.connect(config.depegFeed.address, provider);
    try {
      const round = await feed.latestRoundData();
      const latest = await provider.getBlock("latest");
      const age = (latest?.timestamp ?? 0) - Number(round.updatedAt);
      if (age > config.depegFeed.heartbeat + (config.depegFeed.heartbeatTolerance ?? HEARTBEAT_GRACE)) {
        problems.push(
          `depegFeed: the feed's latest round is ${age} s old, beyond its heartbeat of ${config.depegFeed.heartbeat} s`,
        );
      }
    } catch {
      problems.push(`depegFeed.address: ${config.depegFeed.address} does not answer latestRoundData()`);
    }
  }
  return problems;
}
