/**
 * Temperature checks (issue #8): off-chain Snapshot proposals before on-chain ones, signed with snapshot.js's
 * EIP-712 client and posted to the hub (the deployment's `services.hubUrl`, else `?hub=`, else the dev hub).
 * This module and snapshot.js load only when the page is visited.
 *
 * Accessible names: links with each check's title; inputs "Title", "Body (markdown)", file input "Draft file";
 * button "Create temperature check"; radio group "Your choice"; textarea "Reason (optional)"; button "Sign vote";
 * table "Results".
 */
import { useState } from "react";

import { parseProposal } from "@coverdao/core";
import {
  DEV_HUB_URL,
  QUORUM_RULES,
  type Results,
  SnapshotClient,
  type SpaceSettings,
  type StoredProposal,
  type StoredVote,
  hubClock,
  hubGet,
} from "@coverdao/core/snapshot";
import { ErrorNote, Field, Loading, RequireAccount } from "../../components/ui";
import { describeDeadline, useChainNow } from "../../lib/countdown";
import { formatAmount, shortAddress } from "../../lib/format";
import { Markdown } from "../../lib/markdown";
import { href, navigate } from "../../lib/router";
import { percentOf } from "../../lib/tally";
import { useAsync } from "../../lib/useAsync";
import { useReadyDao } from "../../state/dao";

/** Votes signed to the hub mine no block: the hub's lists and results are read again this often. */
const HUB_POLL_MS = 10_000;

type HubProposal = StoredProposal & { state: "pending" | "active" | "closed" };
type HubResults = Pick<
  Results,
  | "choices"
  | "scoresWei"
  | "scoresTotalWei"
  | "votes"
  | "quorum"
  | "quorumReached"
  | "quorumVotesWei"
  | "governorQuorumReached"
  | "governorQuorumVotesWei"
  | "passing"
  | "governorPassing"
>;

export default function TempChecksPage({ id }: { id?: string }) {
  const { hubUrl: configured, refresh } = useReadyDao();
  const hubUrl = configured ?? DEV_HUB_URL;
  // The space's settings do not follow blocks; the checks below do (the hub's states move with its clock).
  const space = useAsync(
    () => hubGet<{ id: string; settings: SpaceSettings }>(hubUrl, "/api/space"),
    [hubUrl, refresh],
    { live: false },
  );
  return (
    <section>
      <h1>Temperature checks</h1>
      <p className="muted small">
        Off-chain polls on Snapshot before an on-chain proposal: signing costs no gas. Hub:{" "}
        <code>{hubUrl}</code>
      </p>
      {space.error && (
        <div className="banner banner-warn" role="alert">
          The Snapshot hub at {hubUrl} does not answer ({space.error}). Start it with{" "}
          <code>npm run snapshot:hub</code>, or point the app to another hub with{" "}
          <code>?hub=&lt;url&gt;</code>.
        </div>
      )}
      {space.data &&
        (id ? <CheckPage id={id} hubUrl={hubUrl} /> : <CheckList hubUrl={hubUrl} space={space.data} />)}
    </section>
  );
}

function CheckList({ hubUrl, space }: { hubUrl: string; space: { id: string; settings: SpaceSettings } }) {
  const { refresh } = useReadyDao();
  const list = useAsync(() => hubGet<HubProposal[]>(hubUrl, "/api/proposals"), [hubUrl, refresh], {
    everyMs: HUB_POLL_MS,
  });
  // Countdowns on the chain's clock (the dev hub follows it too); signing uses the hub's own ({hubClock}).
  const now = useChainNow();
  const when = (p: HubProposal) => {
    if (p.state === "closed") return "closed";
    if (p.state === "pending")
      return now === undefined ? "voting not open yet" : `voting starts ${describeDeadline(p.start, now)}`;
    return now === undefined ? "voting open" : `voting ends ${describeDeadline(p.end, now)}`;
  };
  return (
    <>
      <ErrorNote error={list.error} />
      {!list.data && <Loading what="temperature checks" />}
      {list.data && (
        <ol className="cards" aria-label="Temperature check list">
          {list.data.length === 0 && <li className="muted">No temperature check yet.</li>}
          {list.data.map((p) => (
            <li key={p.id}>
              <article className="card">
                <header className="card-head">
                  <h2>
                    <a href={href("temp-checks", p.id)}>{p.title}</a>
                  </h2>
                  <span
                    className={`badge badge-${p.state === "active" ? "active" : p.state === "pending" ? "pending" : "executed"}`}
                  >
                    {p.state}
                  </span>
                </header>
                <p className="muted small">
                  by {shortAddress(p.author)} · {when(p)}
                </p>
              </article>
            </li>
          ))}
        </ol>
      )}
      <RequireAccount action="create a temperature check">
        <CreateCheck hubUrl={hubUrl} space={space} />
      </RequireAccount>
    </>
  );
}

function CreateCheck({ hubUrl, space }: { hubUrl: string; space: { id: string; settings: SpaceSettings } }) {
  const { provider, getSigner, reload } = useReadyDao();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="panel"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        if (!title.trim() || !body.trim()) {
          setError("Give the check a title and a body.");
          return;
        }
        setBusy(true);
        try {
          const client = new SnapshotClient({
            signer: await getSigner(),
            hubUrl,
            now: await hubClock(hubUrl),
          });
          const snapshot = await provider.getBlockNumber();
          const receipt = await client.createTempCheck({
            space: space.id,
            title: title.trim(),
            body: body.trim(),
            snapshot,
            voting: space.settings.voting,
          });
          reload();
          navigate(href("temp-checks", receipt.id));
        } catch (err) {
          setError((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2>New temperature check</h2>
      <div className="field">
        <label htmlFor="draft-file">Draft file</label>
        <input
          id="draft-file"
          type="file"
          accept=".md,text/markdown,text/plain"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            try {
              const draft = parseProposal(await file.text(), file.name);
              setTitle(draft.title);
              setBody(draft.body);
              setError(undefined);
            } catch (err) {
              setError((err as Error).message);
            }
          }}
        />
        <small className="muted">
          Optional: fill the check from a proposal file&apos;s title and description.
        </small>
      </div>
      <Field id="tc-title" label="Title" value={title} onChange={setTitle} />
      <div className="field">
        <label htmlFor="tc-body">Body (markdown)</label>
        <textarea id="tc-body" value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <p className="muted small">
        Voting opens after {Math.round(space.settings.voting.delay / 3600)} h and lasts{" "}
        {Math.round(space.settings.voting.period / 86400)} days; power is read at the current block (an
        on-chain proposal reads it at its creation plus the voting delay). Choices: For, Against, Abstain.
        Quorum counts every vote here, as on Snapshot; the Governor counts For + Abstain only.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Create temperature check
      </button>
    </form>
  );
}

function CheckPage({ id, hubUrl }: { id: string; hubUrl: string }) {
  const { getSigner, wallet, refresh, reload } = useReadyDao();
  const data = useAsync(
    async () => {
      const [proposal, results, votes] = await Promise.all([
        hubGet<HubProposal>(hubUrl, `/api/proposals/${encodeURIComponent(id)}`),
        hubGet<HubResults>(hubUrl, `/api/proposals/${encodeURIComponent(id)}/results`),
        hubGet<StoredVote[]>(hubUrl, `/api/proposals/${encodeURIComponent(id)}/votes`),
      ]);
      return { proposal, results, votes };
    },
    [hubUrl, id, refresh],
    { everyMs: HUB_POLL_MS },
  );
  const now = useChainNow();
  const [choice, setChoice] = useState(1);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!data.data)
    return data.error ? <ErrorNote error={data.error} /> : <Loading what="the temperature check" />;
  const { proposal: p, results, votes } = data.data;
  const total = BigInt(results.scoresTotalWei);
  const mine = votes.find((v) => v.voter.toLowerCase() === wallet.address?.toLowerCase());
  return (
    <article>
      <p>
        <a href={href("temp-checks")}>← Temperature checks</a>
      </p>
      <div className="page-head">
        <h2>{p.title}</h2>
        <span className="badge">{p.state}</span>
      </div>
      <p className="muted small">
        by {shortAddress(p.author)} · snapshot block {p.snapshot} · quorum {p.quorum.toLocaleString("en-US")}{" "}
        COVER
      </p>
      <div className="table-wrap">
        <table aria-label="Results">
          <thead>
            <tr>
              <th scope="col">Choice</th>
              <th scope="col">Votes</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {results.choices.map((c, i) => (
              <tr key={c}>
                <td>{c}</td>
                <td>{formatAmount(BigInt(results.scoresWei[i] ?? "0"), 18, 0)}</td>
                <td>
                  <svg
                    viewBox="0 0 100 6"
                    width="120"
                    height="8"
                    role="img"
                    aria-label={`${c} ${percentOf(BigInt(results.scoresWei[i] ?? "0"), total)}%`}
                  >
                    <rect width="100" height="6" fill="var(--track)" />
                    <rect
                      width={percentOf(BigInt(results.scoresWei[i] ?? "0"), total)}
                      height="6"
                      fill={["var(--for)", "var(--against)", "var(--abstain)"][i] ?? "var(--accent)"}
                    />
                  </svg>{" "}
                  {percentOf(BigInt(results.scoresWei[i] ?? "0"), total)}%
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        {results.votes} vote{results.votes === 1 ? "" : "s"}
      </p>
      <dl className="small" aria-label="Quorum">
        <dt>Quorum, counting {QUORUM_RULES.snapshot}</dt>
        <dd>
          {formatAmount(BigInt(results.quorumVotesWei), 18, 0)} of {p.quorum.toLocaleString("en-US")} COVER:{" "}
          {results.quorumReached ? "reached" : "not reached"}
        </dd>
        <dt>On chain, the Governor counts {QUORUM_RULES.governor}</dt>
        <dd>
          {formatAmount(BigInt(results.governorQuorumVotesWei), 18, 0)} of {p.quorum.toLocaleString("en-US")}{" "}
          COVER: {results.governorQuorumReached ? "reached" : "not reached"}
        </dd>
      </dl>
      {results.passing !== results.governorPassing && (
        <p className="note" role="note">
          These votes {results.passing ? "pass" : "fail"} here but would{" "}
          {results.governorPassing ? "pass" : "fail"} on chain: Against votes count towards Snapshot&apos;s
          quorum, not the Governor&apos;s.
        </p>
      )}
      <MyPower check={p} voted={mine?.vpWei} />
      {mine && (
        <p className="badge-voted" role="status">
          You voted {p.choices[mine.choice - 1]}
          {mine.reason ? `: “${mine.reason}”` : "."}
        </p>
      )}
      {p.state === "active" && (
        <RequireAccount action="vote">
          <form
            className="panel"
            onSubmit={async (e) => {
              e.preventDefault();
              setBusy(true);
              setError(undefined);
              try {
                const signer = await getSigner();
                const clock = await hubClock(hubUrl);
                await new SnapshotClient({ signer, hubUrl, now: clock }).vote(
                  p.space,
                  p.id,
                  choice,
                  reason.trim(),
                );
                reload();
              } catch (err) {
                setError((err as Error).message);
              } finally {
                setBusy(false);
              }
            }}
          >
            <fieldset>
              <legend>Your choice</legend>
              {p.choices.map((c, i) => (
                <label key={c} className="radio">
                  <input
                    type="radio"
                    name="tc-choice"
                    checked={choice === i + 1}
                    onChange={() => setChoice(i + 1)}
                  />{" "}
                  {c}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="tc-reason">Reason (optional)</label>
              <textarea id="tc-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" disabled={busy}>
              Sign vote
            </button>
          </form>
        </RequireAccount>
      )}
      {p.state === "pending" && now !== undefined && (
        <p className="note">Voting starts {describeDeadline(p.start, now)}.</p>
      )}
      <section className="panel">
        <h3>Description</h3>
        <Markdown source={p.body} headingOffset={3} />
      </section>
    </article>
  );
}

/**
 * The connected account's power in this check (at its snapshot block) beside its on-chain votes now: an on-chain
 * proposal reads power at its creation plus the voting delay, so power moved since the check's block counts
 * there and not here.
 */
function MyPower({ check, voted }: { check: HubProposal; voted?: string }) {
  const { dao, wallet, refresh } = useReadyDao();
  const account = wallet.address;
  const power = useAsync(async () => {
    if (!account) return undefined;
    const [here, now] = await Promise.all([
      voted !== undefined
        ? BigInt(voted)
        : dao.GovernanceToken.getVotes(account, { blockTag: check.snapshot }),
      dao.GovernanceToken.getVotes(account),
    ]);
    return { here, now };
  }, [account, check.snapshot, voted, refresh]);
  if (!account || !power.data) return null;
  const { here, now } = power.data;
  return (
    <p className="small" role="status" aria-label="Your voting power">
      Your power in this check (block {check.snapshot}): {formatAmount(here, 18, 0)} COVER; your on-chain
      votes now: {formatAmount(now, 18, 0)} COVER.
      {here !== now &&
        " They differ: an on-chain proposal counts the power held at its creation plus the voting delay, not at this block."}
    </p>
  );
}
