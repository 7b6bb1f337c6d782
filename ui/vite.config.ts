import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

/** The FTL files as the app needs them: without their comments (notes for translators, about
 * a sixth of the text), so the bundle carries only messages. A Fluent comment is a line that
 * starts with `#`; a message's continuation lines are indented, so none is taken for one. */
const ftlWithoutComments = {
  name: "ftl-without-comments",
  enforce: "pre" as const,
  load(id: string) {
    const [file, query] = id.split("?");
    if (!file?.endsWith(".ftl") || query !== "raw") return null;
    const text = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => !line.startsWith("#"))
      .join("\n");
    return `export default ${JSON.stringify(text)};`;
  },
};

// The FTL files live at the repository root (../i18n) and are shared with the Rust side;
// Vite inlines them into the bundle at build time (see src/i18n.ts).
export default defineConfig({
  base: "./",
  plugins: [ftlWithoutComments],
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  server: { fs: { allow: [".."] } },
  build: { target: "es2021", outDir: "dist", emptyOutDir: true, sourcemap: false },
  clearScreen: false,
  test: {
    environment: "happy-dom",
    include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
  },
});
