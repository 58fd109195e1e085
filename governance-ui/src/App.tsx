/**
 * The app shell: header with navigation, the chain's latest block ("block 1,234 · 2s ago", from the block
 * watcher that keeps every page following the chain), wallet and RPC settings; banners for an unreachable RPC, a chain
 * without deployment and a wallet on the wrong network; the routed page; the transaction tray.
 *
 * Accessible names used by the end-to-end tests (keep them stable):
 *   nav links "Dashboard", "Proposals", "New proposal", "Delegate", "Stake", "Claims", "Pool", "Cover",
 *   "Temperature checks"; select "Dev account"; button "Connect browser wallet"; button "Disconnect";
 *   input "RPC URL" + button "Use RPC URL"; button "Switch wallet network"; region "Transactions"; text
 *   "block <n> · <age>" (the latest block).
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ComponentType, Suspense, lazy, useEffect, useState } from "react";
import {
  BrowserRouter,
  Link,
  NavLink,
  Route,
  Routes,
  useLocation,
  useNavigate,
  useParams,
  useSearchParams,
} from "react-router";

import { Address, TxTray } from "./components/ui";
import { fromHashRoute, href, pageQuery } from "./lib/router";
import { DaoProvider, LOCAL_CHAIN_ID, useDao } from "./state/dao";
import { ChainHeadProvider, HeadIndicator } from "./state/head";

// Every page loads when first visited (its own chunk), so the first load carries only the shell, the connection
// and what they import; `test/core/ui-bundle.test.ts` keeps the main chunk within 250 kB gzipped. snapshot.js,
// the largest dependency, is reached only from the temperature-check page and the proposal page's lazy panel.
const ClaimsPage = lazy(() => import("./pages/claims").then((m) => ({ default: m.ClaimsPage })));
const CoverPage = lazy(() => import("./pages/cover").then((m) => ({ default: m.CoverPage })));
const DashboardPage = lazy(() => import("./pages/dashboard").then((m) => ({ default: m.DashboardPage })));
const DelegatePage = lazy(() => import("./pages/delegate").then((m) => ({ default: m.DelegatePage })));
const NewProposalPage = lazy(() =>
  import("./pages/new-proposal").then((m) => ({ default: m.NewProposalPage })),
);
const PoolPage = lazy(() => import("./pages/pool").then((m) => ({ default: m.PoolPage })));
const ProposalPage = lazy(() => import("./pages/proposals").then((m) => ({ default: m.ProposalPage })));
const ProposalsPage = lazy(() => import("./pages/proposals").then((m) => ({ default: m.ProposalsPage })));
const StakePage = lazy(() => import("./pages/stake").then((m) => ({ default: m.StakePage })));
const TempChecksPage = lazy(() => import("./pages/temp-checks"));

const NAV: [string, string][] = [
  ["Dashboard", href()],
  ["Proposals", href("proposals")],
  ["New proposal", href("proposals", "new")],
  ["Delegate", href("delegate")],
  ["Stake", href("stake")],
  ["Claims", href("claims")],
  ["Pool", href("pool")],
  ["Cover", href("cover")],
  ["Temperature checks", href("temp-checks")],
];

/**
 * The reads' cache (see `lib/useChainQuery.ts`): errors are shown, not retried (the next block reads again); reads
 * of past blocks are dropped after 30 s.
 */
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, gcTime: 30_000 } },
});

export function App() {
  return (
    <BrowserRouter>
      <QueryClientProvider client={queryClient}>
        <DaoProvider>
          <ChainHeadProvider>
            <Shell />
          </ChainHeadProvider>
        </DaoProvider>
      </QueryClientProvider>
    </BrowserRouter>
  );
}

/** Moves an old hash URL (`/#/proposals/12`, or a `#/` link in a description) to its path. */
function HashRoutes() {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    const target = fromHashRoute(location.hash, location.search);
    if (target) void navigate(target, { replace: true });
  }, [location.hash, location.search, navigate]);
  return null;
}

function Shell() {
  return (
    <>
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="header">
        <div className="brand">
          <Link to={href()}>CoverDAO</Link>
          <HeadIndicator />
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([label, target]) => (
              <li key={label}>
                <NavLink to={target} end>
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <WalletControls />
      </header>
      <Banners />
      <HashRoutes />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<PageSkeleton />}>
          <Page />
        </Suspense>
      </main>
      <TxTray />
      <footer className="footer">
        <Settings />
      </footer>
    </>
  );
}

function Page() {
  const { status, deployment } = useDao();
  if (!deployment) {
    return (
      <p className="muted" role="status">
        {status.kind === "connecting"
          ? "Connecting to the chain…"
          : "Waiting for a chain with a CoverDAO deployment."}
      </p>
    );
  }
  return (
    <Routes>
      <Route index element={<DashboardPage />} />
      <Route path="proposals" element={<ProposalsRoute />} />
      <Route path="proposals/new" element={<NewProposalPage />} />
      <Route path="proposals/:id" element={<WithId page={ProposalPage} />} />
      <Route path="delegate" element={<DelegatePage />} />
      <Route path="stake" element={<StakePage />} />
      <Route path="claims" element={<ClaimsPage />} />
      <Route path="claims/:id" element={<WithId page={ClaimsPage} />} />
      <Route path="pool" element={<PoolPage />} />
      <Route path="cover" element={<CoverPage />} />
      <Route path="temp-checks" element={<TempChecksPage />} />
      <Route path="temp-checks/:id" element={<WithId page={TempChecksPage} />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function ProposalsRoute() {
  const [search] = useSearchParams();
  return <ProposalsPage query={pageQuery(search)} />;
}

/** A page that takes the route's `:id` (keyed by it, so moving between two ids starts the page afresh). */
function WithId({ page: Page }: { page: ComponentType<{ id: string }> }) {
  const { id = "" } = useParams();
  return <Page key={id} id={id} />;
}

function NotFound() {
  const { pathname } = useLocation();
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no page at <code>{pathname}</code>. <Link to={href()}>Go to the dashboard</Link>.
      </p>
    </section>
  );
}

/** What shows while a page's chunk loads: a status for screen readers and grey blocks where the page will be. */
function PageSkeleton() {
  return (
    <section className="page-skeleton" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading the page…
      </p>
      <div className="skeleton skeleton-title" />
      <div className="skeleton skeleton-line" />
      <div className="skeleton skeleton-line" />
      <div className="skeleton skeleton-block" />
    </section>
  );
}

function Banners() {
  const { status, wrongNetwork, wallet, deployment, switchWalletNetwork } = useDao();
  return (
    <div className="banners">
      {status.kind === "offline" && (
        <div className="banner banner-error" role="alert">
          <strong>Chain unreachable.</strong> {status.message}
        </div>
      )}
      {status.kind === "no-deployment" && (
        <div className="banner banner-warn" role="alert">
          <strong>Wrong network.</strong> {status.message}
        </div>
      )}
      {wrongNetwork && deployment && (
        <div className="banner banner-warn" role="alert">
          <strong>Wrong network.</strong> Your wallet is on chain {wallet.chainId}, but this DAO is deployed
          on chain {deployment.chainId} ({deployment.network}). Transactions are disabled until the wallet
          switches.{" "}
          <button type="button" onClick={() => void switchWalletNetwork()}>
            Switch wallet network
          </button>
        </div>
      )}
    </div>
  );
}

function WalletControls() {
  const { wallet, devAccounts, hasInjected, connectInjected, selectDevAccount, disconnect, deployment } =
    useDao();
  const [error, setError] = useState<string>();
  const local = deployment?.chainId === LOCAL_CHAIN_ID;
  return (
    <div className="wallet">
      {local && devAccounts.length > 0 && (
        <div className="field inline">
          <label htmlFor="dev-account">Dev account</label>
          <select
            id="dev-account"
            value={wallet.kind === "dev" ? wallet.address : ""}
            onChange={(e) => selectDevAccount(e.target.value)}
          >
            <option value="">(none)</option>
            {devAccounts.map((account) => (
              <option key={account.address} value={account.address}>
                {account.name} — {account.address.slice(0, 8)}…
              </option>
            ))}
          </select>
        </div>
      )}
      {wallet.kind === "injected" && wallet.address ? (
        <span>
          Wallet <Address address={wallet.address} />
        </span>
      ) : (
        hasInjected && (
          <button type="button" onClick={() => connectInjected().catch((e: Error) => setError(e.message))}>
            Connect browser wallet
          </button>
        )
      )}
      {wallet.address && (
        <button type="button" className="secondary" onClick={disconnect}>
          Disconnect
        </button>
      )}
      {!local && !hasInjected && <span className="muted">No browser wallet found: read-only.</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function Settings() {
  const { rpcUrl, setRpcUrl, deployment } = useDao();
  const [draft, setDraft] = useState(rpcUrl);
  return (
    <form
      className="settings"
      onSubmit={(e) => {
        e.preventDefault();
        setRpcUrl(draft.trim());
      }}
    >
      <div className="field inline">
        <label htmlFor="rpc-url">RPC URL</label>
        <input id="rpc-url" value={draft} onChange={(e) => setDraft(e.target.value)} />
      </div>
      <button type="submit" className="secondary">
        Use RPC URL
      </button>
      {deployment && (
        <span className="muted">
          Chain {deployment.chainId} ({deployment.network})
        </span>
      )}
    </form>
  );
}
