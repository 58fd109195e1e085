/** The JSON-RPC provider the core's batches know the endpoint of, without reaching into ethers' internals. */
import { type JsonRpcApiProviderOptions, JsonRpcProvider, type Networkish, type Provider } from "ethers";

/**
 * An ethers JsonRpcProvider that keeps its URL, so a round trip of the core's reads goes out as one HTTP
 * request with `fetch` (and large log responses are parsed natively) rather than through ethers' queue.
 * Everything else is ethers' JsonRpcProvider.
 */
export class HttpRpcProvider extends JsonRpcProvider {
  readonly url: string;

  constructor(url: string, network?: Networkish, options?: JsonRpcApiProviderOptions) {
    super(url, network, options);
    this.url = url;
  }
}

/** The HTTP endpoint of `provider` when it is an {HttpRpcProvider} over http(s) and `fetch` exists. */
export function endpointOf(provider: Provider): string | undefined {
  if (!(provider instanceof HttpRpcProvider) || typeof fetch !== "function") return undefined;
  return /^https?:/.test(provider.url) ? provider.url : undefined;
}
