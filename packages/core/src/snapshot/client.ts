/**
 * Temperature checks and votes signed with snapshot.js's EIP-712 client (`Client712`) and posted to a
 * hub: the development hub by default, or the public one (`hubUrl: PUBLIC_HUB_URL`), which Client712
 * itself redirects to Snapshot's sequencer.
 */
import type { Signer, TypedDataDomain, TypedDataField } from "ethers";

import { snapshot } from "./snapshotjs.js";
import type { SpaceSettings } from "./space.js";

export const DEV_HUB_URL = "http://127.0.0.1:3001";
export const PUBLIC_HUB_URL = "https://hub.snapshot.org";

/** The basic voting choices, in Snapshot's order: 1 = For, 2 = Against, 3 = Abstain. */
export const BASIC_CHOICES = ["For", "Against", "Abstain"];

/**
 * How quorum is counted, in words, for the CLI, the UI and docs/snapshot.md. The public hub (hub.snapshot.org and
 * its UI) counts every vote towards an off-chain space's quorum (`scores_total`; the space schema offers only
 * `quorumType: "rejection"`, which counts Against alone), so no space setting makes it count For + Abstain as the
 * Governor does. The dev hub counts as the public hub, and reports the Governor's count beside it.
 */
export const QUORUM_RULES = {
  snapshot: "every vote (For + Against + Abstain), as the public Snapshot hub counts",
  governor: "For + Abstain, as the Governor counts",
} as const;

export interface SnapshotClientOptions {
  /** Signs proposals and votes: any ethers v6 signer (a Wallet, a Hardhat signer...). */
  signer: Signer;
  /** Hub URL (default {@link DEV_HUB_URL}). */
  hubUrl?: string;
  /** Client clock in seconds (default: wall clock); it sets the signed timestamp. */
  now?: () => number;
  /** `app` field of messages (at most 24 characters). */
  app?: string;
}

export interface TempCheck {
  space: string;
  title: string;
  body: string;
  /** Default: For, Against, Abstain (basic voting). */
  choices?: string[];
  /** Block whose voting power counts. */
  snapshot: number;
  /** Unix seconds; default: now + the space's voting delay. */
  start?: number;
  /** Unix seconds; default: start + the space's voting period. */
  end?: number;
  /** Used for the default start and end, and the voting type. */
  voting?: Pick<SpaceSettings["voting"], "delay" | "period" | "type">;
  discussion?: string;
}

/** The hub's answer: the id of the stored message (the proposal id for a proposal). */
export interface Receipt {
  id: string;
  [key: string]: unknown;
}

/** A hub's refusal, with the hub's own words. */
export class SnapshotHubError extends Error {
  constructor(
    message: string,
    readonly response?: unknown,
  ) {
    super(message);
    this.name = "SnapshotHubError";
  }
}

/**
 * Client712 calls the ethers v5 signer method `_signTypedData`; ethers v6 names it `signTypedData`.
 * This is the one-line adapter.
 */
export function v5SignerAdapter(signer: Signer) {
  return {
    _signTypedData: (
      domain: TypedDataDomain,
      types: Record<string, TypedDataField[]>,
      value: Record<string, unknown>,
    ) => signer.signTypedData(domain, types, value),
  };
}

type Web3 = Parameters<InstanceType<typeof snapshot.Client712>["proposal"]>[0];

export class SnapshotClient {
  readonly hubUrl: string;
  private readonly client: InstanceType<typeof snapshot.Client712>;
  private readonly now: () => number;

  constructor(private readonly options: SnapshotClientOptions) {
    this.hubUrl = (options.hubUrl ?? DEV_HUB_URL).replace(/\/$/, "");
    this.client = new snapshot.Client712(this.hubUrl);
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /** Signs and posts a proposal (a temperature check); returns its id. */
  async createTempCheck(check: TempCheck): Promise<Receipt> {
    const timestamp = this.now();
    const start = check.start ?? timestamp + (check.voting?.delay ?? 0);
    const end = check.end ?? start + (check.voting?.period ?? 0);
    if (end <= start)
      throw new Error("The voting end must come after its start: give `end` or the space's voting period.");
    return this.post(async (web3, from) =>
      this.client.proposal(web3, from, {
        from,
        space: check.space,
        timestamp,
        type: check.voting?.type ?? "basic",
        title: check.title,
        body: check.body,
        discussion: check.discussion ?? "",
        choices: check.choices ?? BASIC_CHOICES,
        labels: [],
        start,
        end,
        snapshot: check.snapshot,
        plugins: "{}",
        app: this.options.app ?? "coverdao",
      }),
    );
  }

  /** Signs and posts a single-choice vote (1-based choice; basic: 1 For, 2 Against, 3 Abstain). */
  async vote(space: string, proposalId: string, choice: number, reason = ""): Promise<Receipt> {
    return this.post(async (web3, from) =>
      this.client.vote(web3, from, {
        from,
        space,
        timestamp: this.now(),
        proposal: proposalId,
        type: "single-choice",
        choice,
        reason,
        app: this.options.app ?? "coverdao",
      }),
    );
  }

  private async post(send: (web3: Web3, from: string) => Promise<unknown>): Promise<Receipt> {
    const from = await this.options.signer.getAddress();
    const web3 = v5SignerAdapter(this.options.signer) as unknown as Web3;
    try {
      return (await send(web3, from)) as Receipt;
    } catch (error) {
      throw toHubError(error, this.hubUrl);
    }
  }
}

function toHubError(error: unknown, hubUrl: string): SnapshotHubError {
  if (error instanceof SnapshotHubError) return error;
  const body = error as { error?: unknown; error_description?: unknown } | undefined;
  if (body && typeof body === "object" && "error_description" in body) {
    return new SnapshotHubError(`The hub refused the message: ${String(body.error_description)}`, body);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SnapshotHubError(`Could not reach the hub at ${hubUrl}: ${message}`, error);
}

/** Reads a dev hub's JSON API (`/api/...`). */
export async function hubGet<T>(hubUrl: string, path: string): Promise<T> {
  const response = await fetch(`${hubUrl.replace(/\/$/, "")}${path}`);
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok)
    throw new SnapshotHubError(`The hub answered ${response.status}: ${body.error ?? ""}`, body);
  return body;
}

/**
 * The clock to sign with: the hub's own. The hub refuses a message stamped more than 5 minutes off its clock,
 * and a dev hub on a local chain follows the chain's time, which runs ahead of the wall clock once the chain
 * has travelled. The dev hub tells its time at `/api/health`; a hub that does not runs on the wall clock.
 */
export async function hubClock(hubUrl: string): Promise<() => number> {
  const wall = () => Math.floor(Date.now() / 1000);
  try {
    const { time } = await hubGet<{ time?: unknown }>(hubUrl, "/api/health");
    if (typeof time !== "number" || !Number.isFinite(time)) return wall;
    const offset = Math.round(time) - wall();
    return () => wall() + offset;
  } catch {
    return wall;
  }
}
