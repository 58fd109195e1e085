/**
 * The "Buy cover" form: select "Product", inputs "Cover amount", "Cover period (days)" and "Max premium
 * slippage (%)", button "Get quote"; then the quote ({QuoteNote}) with button "Approve premium" or "Buy cover".
 */
import { useState } from "react";

import { parseBps, quoteCover } from "@coverdao/core";
import { Field } from "../../components/ui";
import { checkAmount } from "../../lib/amount";
import { erc20 } from "../../lib/erc20";
import { formatAmount, formatBps } from "../../lib/format";
import { useReadyDao } from "../../state/dao";
import type { ProductRow } from "./catalogue";
import { checkPeriod, maxPremiumOf } from "./checks";

interface Quote {
  productId: bigint;
  amount: bigint;
  period: bigint;
  premium: bigint;
  onChain: bigint;
  annualRateBps: bigint;
  utilizationAfterBps: bigint;
  fits: boolean;
  allowance: bigint;
  balance: bigint;
}

/** The slippage typed in percent, in basis points (undefined when it is not a percentage). */
function slippageOf(text: string): bigint | undefined {
  try {
    return parseBps(`${text.trim()}%`);
  } catch {
    return undefined;
  }
}

export function BuyCover({ products }: { products: ProductRow[] }) {
  const [productId, setProductId] = useState(products[0]?.id.toString() ?? "");
  const [amount, setAmount] = useState("");
  const [days, setDays] = useState("30");
  const [slippage, setSlippage] = useState("1");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [quote, setQuote] = useState<Quote>();
  const fetchQuote = useFetchQuote();
  const product = products.find((p) => p.id.toString() === productId);
  if (!product) return <p className="muted">No product is on sale.</p>;
  const d = product.pool?.assetDecimals ?? 18;
  const slippageBps = slippageOf(slippage);
  /** A change to what was quoted drops the quote. */
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setQuote(undefined);
  };
  const maxPremium =
    quote && slippageBps !== undefined ? maxPremiumOf(quote.premium, slippageBps) : undefined;

  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        const checked = checkQuoteForm(product, { amount, days, slippageBps });
        setErrors(checked.errors);
        setQuote(undefined);
        if (!checked.ok) return;
        fetchQuote(product, checked.amount, checked.period).then(setQuote, (error: Error) =>
          setErrors({ amount: error.message }),
        );
      }}
    >
      <h2>Buy cover</h2>
      <ProductSelect products={products} value={productId} onChange={edit(setProductId)} />
      <Field
        id="cover-amount"
        label="Cover amount"
        value={amount}
        onChange={edit(setAmount)}
        inputMode="decimal"
        hint={`In ${product.pool?.symbol ?? ""}; up to ${formatAmount(product.available, d)} available.`}
        error={errors.amount}
      />
      <Field
        id="cover-period"
        label="Cover period (days)"
        value={days}
        onChange={edit(setDays)}
        inputMode="decimal"
        error={errors.period}
      />
      <Field
        id="cover-slippage"
        label="Max premium slippage (%)"
        value={slippage}
        onChange={setSlippage}
        inputMode="decimal"
        hint="The purchase fails rather than charge more than the quote plus this margin."
        error={errors.slippage}
      />
      <button type="submit" className="secondary">
        Get quote
      </button>
      {quote && maxPremium !== undefined && (
        <QuoteNote
          product={product}
          quote={quote}
          maxPremium={maxPremium}
          onApproved={() => setQuote({ ...quote, allowance: maxPremium })}
          onBought={() => {
            setQuote(undefined);
            setAmount("");
          }}
        />
      )}
    </form>
  );
}

function ProductSelect({
  products,
  value,
  onChange,
}: {
  products: ProductRow[];
  value: string;
  onChange(value: string): void;
}) {
  return (
    <div className="field">
      <label htmlFor="product">Product</label>
      <select id="product" value={value} onChange={(e) => onChange(e.target.value)}>
        {products.map((p) => (
          <option key={p.id.toString()} value={p.id.toString()}>
            {p.name.includes(p.pool?.symbol ?? "\u0000") ? p.name : `${p.name} (${p.pool?.symbol})`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Checks the quote form: the amount within the capacity left, the period within the product's, the slippage. */
function checkQuoteForm(
  product: ProductRow,
  form: { amount: string; days: string; slippageBps: bigint | undefined },
):
  | { ok: true; errors: Record<string, string>; amount: bigint; period: bigint }
  | { ok: false; errors: Record<string, string> } {
  const problems: Record<string, string> = {};
  const a = checkAmount(
    form.amount,
    product.pool?.assetDecimals ?? 18,
    product.available,
    "the capacity left",
  );
  const p = checkPeriod(form.days, product.minPeriod, product.maxPeriod);
  if (!a.ok) problems.amount = a.error;
  if (!p.ok) problems.period = p.error;
  if (form.slippageBps === undefined || form.slippageBps > 5000n)
    problems.slippage = "Enter a slippage between 0 and 50 %.";
  if (!a.ok || !p.ok || Object.keys(problems).length) return { ok: false, errors: problems };
  return { ok: true, errors: problems, amount: a.value, period: p.value };
}

/**
 * Quotes a checked amount and period: the core's off-chain price beside the contract's own `quote`, with the
 * account's allowance and balance of the premium asset.
 */
function useFetchQuote() {
  const { dao, provider, deployment, wallet } = useReadyDao();
  return async (product: ProductRow, amount: bigint, period: bigint): Promise<Quote> => {
    const token = erc20(product.pool!.asset, provider);
    const [offChain, onChain, allowance, balance] = await Promise.all([
      quoteCover(dao.CoverBook, product.id, amount, period),
      dao.CoverBook.quote(product.id, amount, period),
      token.allowance(wallet.address!, deployment.contracts.CoverBook),
      token.balanceOf(wallet.address!),
    ]);
    return { productId: product.id, amount, period, ...offChain, onChain, allowance, balance };
  };
}

function QuoteNote({
  product,
  quote,
  maxPremium,
  onApproved,
  onBought,
}: {
  product: ProductRow;
  quote: Quote;
  maxPremium: bigint;
  onApproved(): void;
  onBought(): void;
}) {
  const { deployment, send } = useReadyDao();
  const d = product.pool?.assetDecimals ?? 18;
  const symbol = product.pool?.symbol ?? "";
  return (
    <div className="note" role="status">
      <p>
        Premium:{" "}
        <strong>
          {formatAmount(quote.premium, d, 8)} {symbol}
        </strong>{" "}
        ({formatBps(quote.annualRateBps)} a year; utilization after {formatBps(quote.utilizationAfterBps)}
        ).{" "}
        {quote.premium === quote.onChain
          ? "Equal to the contract's own quote."
          : `The contract quotes ${formatAmount(quote.onChain, d, 8)}: the pool changed, quote again.`}
      </p>
      <p>
        You pay at most {formatAmount(maxPremium, d, 8)} {symbol}. Wallet: {formatAmount(quote.balance, d)}{" "}
        {symbol}.
      </p>
      {quote.allowance < maxPremium ? (
        <button
          type="button"
          onClick={async () => {
            if (
              await send(`Approve ${symbol} premium`, (_d, signer) =>
                erc20(product.pool!.asset, signer).approve(deployment.contracts.CoverBook, maxPremium),
              )
            )
              onApproved();
          }}
        >
          Approve premium
        </button>
      ) : (
        <button
          type="button"
          onClick={async () => {
            if (
              await send(
                `Buy cover: ${product.name}`,
                (dd) => dd.CoverBook.buyCover(quote.productId, quote.amount, quote.period, maxPremium),
                { asset: { decimals: d, symbol } },
              )
            )
              onBought();
          }}
        >
          Buy cover
        </button>
      )}
    </div>
  );
}
