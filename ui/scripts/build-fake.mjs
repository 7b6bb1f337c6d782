// Bundles tests/fake-install.ts for injection into Chromium page tests.
import { build } from "esbuild";
await build({
  entryPoints: [new URL("../tests/fake-install.ts", import.meta.url).pathname],
  bundle: true,
  format: "iife",
  target: "es2021",
  outfile: new URL("../tests/pages/.fake-install.js", import.meta.url).pathname,
  logLevel: "warning",
});
