/**
 * The core's browser face (`@coverdao/core`, packages/core/src/index.ts) bundles for the browser: esbuild, told
 * the platform is the browser, refuses any Node built-in (`node:fs`, `fs`, ...) reached through any import, and
 * the bundle takes none at run time either (`process.getBuiltinModule`). The Node parts stay behind
 * `@coverdao/core/node` and the other Node entries.
 */
import path from "node:path";

import { expect } from "chai";
import { build } from "esbuild";

import { REPO_ROOT } from "@coverdao/core/node";

const ENTRY = path.join(REPO_ROOT, "packages", "core", "src", "index.ts");

describe("the core's browser entry", function () {
  this.timeout(180_000);

  it("bundles for the browser with no Node built-in, imported or taken at run time", async () => {
    let result;
    try {
      result = await build({
        entryPoints: [ENTRY],
        bundle: true,
        platform: "browser",
        format: "esm",
        target: "es2022",
        write: false,
        metafile: true,
        logLevel: "silent",
      });
    } catch (error) {
      const errors =
        (error as { errors?: { text: string; location?: { file: string } | null }[] }).errors ?? [];
      expect.fail(
        `the browser entry does not bundle for the browser:\n${errors.map((e) => `${e.location?.file ?? "?"}: ${e.text}`).join("\n")}`,
      );
    }
    const inputs = Object.keys(result.metafile.inputs);
    // The entry really is the core: its concept folders are in the bundle.
    for (const folder of ["rpc", "reads", "parameters", "proposals", "format", "domain"])
      expect(
        inputs.some((input) => input.includes(`packages/core/src/${folder}/`)),
        folder,
      ).to.equal(true);
    expect(inputs.filter((input) => input.startsWith("node:"))).to.deep.equal([]);
    const code = result.outputFiles[0].text;
    expect(code).not.to.match(/getBuiltinModule|createRequire/);
  });
});
