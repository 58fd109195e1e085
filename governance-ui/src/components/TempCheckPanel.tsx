/**
 * The temperature check of an on-chain proposal (the hub's check with the same title, as `npm run proposal --
 * temp-check` opens it from the same file), beside the proposal: its result with quorum counted both ways (every
 * vote, as Snapshot does; For + Abstain, as the Governor does) and the voting power of its voters there and on
 * chain (the check reads power at its snapshot block, the Governor at the proposal's creation plus the voting
 * delay). Renders nothing without a configured hub (the deployment's `services.hubUrl` or `?hub=`), when the hub
 * has no such check, or when it does not answer.
 *
 * Accessible names: region "Temperature check"; list "Power differences".
 */
import { Link } from "react-router";
import {
  QUORUM_RULES,
  type Results,
  compareHubVotingPower,
  findTempCheckByTitle,
  hubGet,
} from "@coverdao/core/snapshot";
import { isoTime } from "@coverdao/core";
import { formatAmount, shortAddress } from "../lib/format";
import { href } from "../lib/router";
import { useChainQuery } from "../lib/useChainQuery";
import { useReadyDao } from "../state/dao";

const HUB_POLL_MS = 10_000;
const reached = (yes: boolean) => (yes ? "reached" : "not reached");

export function TempCheckPanel({ title, voteStart }: { title: string; voteStart: bigint }) {
  const { hubUrl, provider, dao } = useReadyDao();
  const found = useChainQuery(
    "temp-check-of-proposal",
    async () => {
      // Only the hub the deployment names (or `?hub=`): a proposal page does not probe the default port.
      if (!hubUrl) return undefined;
      const check = await findTempCheckByTitle(hubUrl, title).catch(() => undefined);
      if (!check) return undefined;
      const [results, power] = await Promise.all([
        hubGet<Results>(hubUrl, `/api/proposals/${encodeURIComponent(check.id)}/results`),
        compareHubVotingPower(hubUrl, check.id, dao.GovernanceToken, provider, voteStart),
      ]);
      return { check, results, power };
    },
    [hubUrl, title, voteStart],
    { everyMs: HUB_POLL_MS },
  );
  if (!found.data) return null;
  const { check, results, power } = found.data;
  const f = (wei: bigint | string) => `${formatAmount(BigInt(wei), 18, 0)} COVER`;
  return (
    <section className="panel" aria-label="Temperature check">
      <h2>Temperature check</h2>
      <p>
        <Link to={href("temp-checks", check.id)}>{check.title}</Link> ({results.state}, {results.votes} vote
        {results.votes === 1 ? "" : "s"}):{" "}
        {results.choices.map((c, i) => `${c} ${f(results.scoresWei[i] ?? "0")}`).join(" · ")}
      </p>
      <p className="small">
        Quorum {results.quorum.toLocaleString("en-US")} COVER counting {QUORUM_RULES.snapshot}:{" "}
        <strong>{reached(results.quorumReached)}</strong>; counting {QUORUM_RULES.governor}:{" "}
        <strong>{reached(results.governorQuorumReached)}</strong>.
      </p>
      {results.passing !== results.governorPassing && (
        <p className="note" role="note">
          These votes {results.passing ? "pass" : "fail"} the temperature check but would{" "}
          {results.governorPassing ? "pass" : "fail"} on chain: Against votes count towards Snapshot&apos;s
          quorum, not the Governor&apos;s.
        </p>
      )}
      <p className="small">
        Voting power: the check read it at block {power.snapshotBlock} ({isoTime(power.snapshotTime)}); this
        proposal reads it at {isoTime(power.governorTimepoint)} (creation + voting delay).{" "}
        {!power.known
          ? "On-chain power is fixed at that time: the comparison follows then."
          : power.differences.length === 0
            ? `The same for the check's ${power.voters} voter${power.voters === 1 ? "" : "s"}.`
            : `It differs for ${power.differences.length} of the check's ${power.voters} voters: ${f(power.tempCheckTotalWei)} in the check, ${f(power.governorTotalWei)} on chain.`}
      </p>
      {power.differences.length > 0 && (
        <ul aria-label="Power differences" className="small">
          {power.differences.map((d) => (
            <li key={d.voter}>
              <span title={d.voter}>{shortAddress(d.voter)}</span>: {f(d.tempCheckWei)} in the check →{" "}
              {f(d.governorWei)} on chain
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
