/**
 * The indexer's client (`@coverdao/core/indexer`) is browser-safe: esbuild, bundling it for the browser, reaches
 * no Node built-in, and the bundle takes none at run time either.
 */
import path from "node:path";

import { expect } from "chai";
import { build } from "esbuild";

import { REPO_ROOT } from "@coverdao/core/node";

describe("the indexer client's browser entry", function () {
  this.timeout(120_000);

  it("bundles for the browser with no Node built-in", async () => {
    const result = await build({
      entryPoints: [path.join(REPO_ROOT, "packages", "core", "src", "indexer", "index.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.endsWith("packages/core/src/indexer/client.ts"))).to.equal(true);
    expect(inputs.filter((input) => input.startsWith("node:"))).to.deep.equal([]);
    expect(result.outputFiles[0]!.text).not.to.match(/getBuiltinModule|createRequire|process\.env/);
  });
});
