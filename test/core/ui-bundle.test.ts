/**
 * The governance UI's production build keeps its first load small: the main chunk (what `index.html` loads before
 * any page) is at most 250 kB gzipped, every page is a chunk of its own loaded when visited, and snapshot.js (the
 * largest dependency) is only in chunks loaded by the temperature-check page and the proposal page's panel.
 */
import path from "node:path";
import { gzipSync } from "node:zlib";

import { expect } from "chai";
import type { Rolldown } from "vite";

import { REPO_ROOT } from "@coverdao/core/node";

const VITE_CONFIG = path.join(REPO_ROOT, "governance-ui", "vite.config.ts");
/** The budget for the main bundle, gzipped (kB as Vite reports them: 1,000 bytes). */
const MAIN_CHUNK_MAX_GZIP = 250_000;
const PAGES = [
  "claims",
  "cover",
  "dashboard",
  "delegate",
  "new-proposal",
  "pool",
  "proposals",
  "stake",
  "temp-checks",
];

type Chunk = Rolldown.OutputChunk;

describe("the governance UI's production bundle", function () {
  this.timeout(300_000);
  let chunks: Chunk[];

  before(async () => {
    const vite = await import("vite");
    // A production build, as `npm run ui:build` makes: the test runner may have set NODE_ENV (to "test"), which
    // Vite would follow into React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    const result = await vite
      .build({
        configFile: VITE_CONFIG,
        logLevel: "error",
        clearScreen: false,
        build: { write: false, emptyOutDir: false },
      })
      .finally(() => {
        if (nodeEnv === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = nodeEnv;
      });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    chunks = outputs.flatMap((o) => o.output).filter((item): item is Chunk => item.type === "chunk");
  });

  const main = () => {
    const entries = chunks.filter((c) => c.isEntry);
    expect(entries.map((c) => c.fileName)).to.have.length(1);
    return entries[0];
  };
  const inMain = (pattern: RegExp) => main().moduleIds.filter((id) => pattern.test(id.replaceAll("\\", "/")));

  it("keeps the main chunk within 250 kB gzipped", () => {
    const gzipped = gzipSync(Buffer.from(main().code)).length;
    expect(gzipped, `main chunk ${main().fileName}: ${(gzipped / 1000).toFixed(1)} kB gzipped`).to.be.at.most(
      MAIN_CHUNK_MAX_GZIP,
    );
  });

  it("loads every page lazily, in a chunk of its own", () => {
    expect(inMain(/governance-ui\/src\/pages\//)).to.deep.equal([]);
    for (const page of PAGES) {
      const owner = chunks.find((c) =>
        c.moduleIds.some((id) => id.replaceAll("\\", "/").includes(`governance-ui/src/pages/${page}/`)),
      );
      expect(owner, page).not.to.equal(undefined);
      expect(owner?.isDynamicEntry, `${page} is in ${owner?.fileName}`).to.equal(true);
    }
  });

  it("keeps snapshot.js, YAML and the simulator out of the main chunk", () => {
    expect(inMain(/@snapshot-labs\/snapshot\.js/)).to.deep.equal([]);
    expect(inMain(/node_modules\/yaml\//)).to.deep.equal([]);
    expect(inMain(/packages\/core\/src\/(snapshot|proposals|sim)\//)).to.deep.equal([]);
    // ...and they are in the build, reached from the pages that need them.
    expect(chunks.some((c) => c.moduleIds.some((id) => /@snapshot-labs\/snapshot\.js/.test(id)))).to.equal(
      true,
    );
  });
});
