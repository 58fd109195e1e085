/** A proposal message: its format, the space's voting rules, and the author's power to propose. */
import { z } from "zod";

import type { StoredMessage } from "../store.js";
import { type HubContext, HubError, votingPowerAt } from "./context.js";
import { parseMessage, uint } from "./envelope.js";

const proposalMessage = z.object({
  from: z.string(),
  space: z.string(),
  timestamp: uint,
  type: z.string(),
  title: z.string(),
  body: z.string(),
  discussion: z.string(),
  choices: z.array(z.string()),
  labels: z.array(z.string()).default([]),
  start: uint,
  end: uint,
  snapshot: uint,
  plugins: z.string(),
  privacy: z.string().default(""),
  app: z.string().default(""),
});
type ProposalMessage = z.infer<typeof proposalMessage>;

/** Checks a verified proposal message and stores it; throws {@link HubError} on refusal. */
export async function acceptProposal(
  hub: HubContext,
  stored: StoredMessage,
  raw: Record<string, unknown>,
): Promise<void> {
  const m = parseProposal(hub, raw);
  checkVotingRules(hub, m, stored.received);
  await checkProposer(hub, stored.address, m.snapshot);
  const { settings } = hub;
  hub.store.addProposal(stored, {
    id: stored.id,
    space: m.space,
    author: stored.address,
    created: m.timestamp,
    type: m.type,
    title: m.title,
    body: m.body,
    discussion: m.discussion,
    choices: m.choices,
    start: m.start,
    end: m.end,
    snapshot: m.snapshot,
    network: settings.network,
    strategies: settings.strategies,
    quorum: settings.voting.quorum ?? 0,
  });
}

/** The message's fields, its body length and snapshot.js's proposal schema. */
function parseProposal(hub: HubContext, raw: Record<string, unknown>): ProposalMessage {
  const bodyFits = (m: ProposalMessage): void => {
    if (m.body.length > hub.maxBodyLength) {
      throw new HubError(
        `proposal body too long: ${m.body.length} characters, at most ${hub.maxBodyLength}`,
        413,
      );
    }
  };
  return parseMessage(
    "proposal",
    proposalMessage,
    raw,
    (m) => ({
      name: m.title,
      body: m.body,
      discussion: m.discussion,
      choices: m.choices,
      labels: m.labels,
      type: m.type,
      snapshot: m.snapshot,
      start: m.start,
      end: m.end,
      app: m.app,
      privacy: m.privacy,
    }),
    bodyFits,
  );
}

/** The space's voting type, choices, delay and period; the proposal must not be closed at hub time `t`. */
function checkVotingRules(hub: HubContext, m: ProposalMessage, t: number): void {
  const { voting } = hub.settings;
  if (voting.type && m.type !== voting.type)
    throw new HubError(`wrong proposal type: the space uses ${voting.type}`);
  if (m.type === "basic" && !["For,Against,Abstain", "For,Against"].includes(m.choices.join(","))) {
    throw new HubError("wrong choices: basic voting is For, Against[, Abstain]");
  }
  if (voting.delay && m.start !== m.timestamp + voting.delay) {
    throw new HubError(`wrong start: the space's voting delay is ${voting.delay}s after the timestamp`);
  }
  if (voting.period && m.end - m.start !== voting.period) {
    throw new HubError(`wrong end: the space's voting period is ${voting.period}s`);
  }
  if (m.end <= m.start || m.end <= t) throw new HubError("wrong end: the proposal would already be closed");
}

/** The snapshot block exists and the author held the space's minimum voting power at it. */
async function checkProposer(hub: HubContext, author: string, block: number): Promise<void> {
  const latest = await hub.provider.getBlockNumber();
  if (block > latest)
    throw new HubError(`wrong snapshot: block ${block} is after the latest block ${latest}`);
  const power = await votingPowerAt(hub.settings.strategies, hub.provider, author, block);
  const total = hub.toTokens(power.reduce((a, b) => a + b, 0n));
  if (total < hub.minProposalPower) {
    throw new HubError(
      `validation failed: ${author} has ${total} voting power at block ${block}; proposing needs ${hub.minProposalPower}`,
    );
  }
}
