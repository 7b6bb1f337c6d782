import { defineConfig } from "vitest/config";

// The FTL files live at the repository root (../i18n) and are shared with the Rust side;
// Vite inlines them into the bundle at build time (see src/i18n.ts).
export default defineConfig({
  base: "./",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  server: { fs: { allow: [".."] } },
  build: { target: "es2021", outDir: "dist", emptyOutDir: true, sourcemap: false },
  clearScreen: false,
  test: {
    environment: "happy-dom",
    include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
  },
});
