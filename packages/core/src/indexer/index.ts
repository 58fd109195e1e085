/** `@coverdao/core/indexer`: the browser-safe client of the indexer (history, voters, delegates, series). */
export * from "./client.js";
