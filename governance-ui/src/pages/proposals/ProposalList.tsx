/**
 * Proposals: newest first, filtered by state and "not yet voted", one page per URL
 * (`/proposals?state=Active&notVoted=1&page=2`). Each card shows the tally against quorum.
 * The page costs a constant number of RPC round trips ({readProposalsPage}).
 *
 * Accessible names: select "State"; checkbox "Not yet voted by me"; links "Previous page", "Next page";
 * one article per proposal, its heading a link with the proposal's title; link "New proposal".
 */
import { Link, useNavigate } from "react-router";
import { type ProposalSummary, readProposalsPage } from "@coverdao/core";
import { ErrorNote, Loading } from "../../components/ui";
import { StateBadge, TallyBar } from "../../components/Tally";
import { describeDeadline, useChainNow } from "../../lib/countdown";
import { shortAddress } from "../../lib/format";
import { href } from "../../lib/router";
import { STATE_FILTERS, type StateFilter, parseStateFilter, statesOf } from "../../lib/tally";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";

export const PAGE_SIZE = 20;

/** The list's URL for a filter and a page (1-based; undefined: the first). */
const listHref = (filter: StateFilter, notVoted: boolean, page?: string) =>
  href("proposals", {
    state: filter === "All" ? undefined : filter,
    notVoted: notVoted ? "1" : undefined,
    page,
  });

export function ProposalsPage({ query }: { query: Record<string, string> }) {
  const { provider, deployment, wallet } = useReadyDao();
  const filter = parseStateFilter(query.state);
  const notVoted = query.notVoted === "1" && wallet.address !== undefined;
  const page = Math.max(0, Number.parseInt(query.page ?? "1", 10) - 1 || 0);
  const result = useChainQuery(
    "proposals-page",
    () =>
      readProposalsPage(provider, deployment, {
        page,
        pageSize: PAGE_SIZE,
        states: statesOf(filter),
        notVotedBy: notVoted ? wallet.address : undefined,
        account: wallet.address,
      }),
    [provider, deployment, filter, notVoted, page, wallet.address],
  );
  const now = useChainNow(result.data?.timestamp, result.readAt);
  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <section>
      <div className="page-head">
        <h1>Proposals</h1>
        <Link className="button" to={href("proposals", "new")}>
          New proposal
        </Link>
      </div>
      <ProposalFilters filter={filter} notVoted={notVoted} />
      <ErrorNote error={result.error} />
      {!data && result.loading && <Loading what="proposals" />}
      {data && (
        <>
          <p className="muted" role="status">
            {data.total === 0
              ? "No proposals match."
              : data.complete
                ? `${data.total} proposal${data.total === 1 ? "" : "s"} · page ${page + 1} of ${pages}`
                : `${data.total}+ proposals so far (older ones are read as you page) · page ${page + 1}`}
            {result.loading ? " · refreshing…" : ""}
          </p>
          <ol className="cards" aria-label="Proposal list">
            {data.proposals.map((p) => (
              <li key={p.id.toString()}>
                <ProposalCard p={p} now={now} />
              </li>
            ))}
          </ol>
          <nav className="pager" aria-label="Pages">
            {page > 0 && <Link to={listHref(filter, notVoted, String(page))}>Previous page</Link>}
            {(page + 1 < pages || !data.complete) && (
              <Link to={listHref(filter, notVoted, String(page + 2))}>Next page</Link>
            )}
          </nav>
        </>
      )}
    </section>
  );
}

/** Select "State" and checkbox "Not yet voted by me"; each change opens the first page of the new list. */
function ProposalFilters({ filter, notVoted }: { filter: StateFilter; notVoted: boolean }) {
  const { wallet } = useReadyDao();
  const navigate = useNavigate();
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field inline">
        <label htmlFor="state-filter">State</label>
        <select
          id="state-filter"
          value={filter}
          onChange={(e) => void navigate(listHref(parseStateFilter(e.target.value), notVoted))}
        >
          {STATE_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field inline checkbox">
        <input
          id="not-voted"
          type="checkbox"
          checked={notVoted}
          disabled={!wallet.address}
          onChange={(e) => void navigate(listHref(filter, e.target.checked))}
        />
        <label htmlFor="not-voted">Not yet voted by me</label>
      </div>
      {!wallet.address && <span className="muted">Choose an account to filter by your votes.</span>}
    </form>
  );
}

function ProposalCard({ p, now }: { p: ProposalSummary; now?: bigint }) {
  return (
    <article className="card" aria-labelledby={`p-${p.id}`}>
      <header className="card-head">
        <h2 id={`p-${p.id}`}>
          <Link to={href("proposals", p.id.toString())}>{p.title}</Link>
        </h2>
        <StateBadge state={p.state} />
        {p.hasVoted && <span className="badge badge-voted">You voted</span>}
      </header>
      <p className="muted small">
        by {shortAddress(p.proposer)} ·{" "}
        {p.state === "Pending" && now !== undefined
          ? `voting starts ${describeDeadline(p.voteStart, now)}`
          : p.state === "Active" && now !== undefined
            ? `voting ends ${describeDeadline(p.deadline, now)}`
            : p.state === "Queued" && now !== undefined
              ? `executable ${describeDeadline(p.eta, now)}`
              : `id ${shortAddress(p.id.toString())}`}
      </p>
      <TallyBar votes={p.votes} quorum={p.quorum} label={`Tally of ${p.title}`} />
    </article>
  );
}
