/**
 * `@coverdao/core/cli` (Node): what a command needs before the contracts are built (`npm start` and `npm run
 * deploy` build first): its command line and the deployment file. Nothing here imports the generated contract
 * factories (`types/`), which a fresh clone has only after the first build.
 */
export * from "./command-line.js";
export * from "../deployment/file.js";
