// What the page tests share: the built UI served locally, Debian's Chromium (playwright-core,
// no browser download) with the fake Rust side injected, axe-core (WCAG 2.1 A/AA), and checks
// that nothing scrolls sideways. `setup()` registers the server and browser for a test file.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const DIST = new URL("../../dist/", import.meta.url).pathname;
const FAKE = new URL("./.fake-install.js", import.meta.url).pathname;
const AXE = require.resolve("axe-core/axe.min.js");
const SHOTS = new URL("../../../test-artifacts/pages/", import.meta.url).pathname;
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png" };

/** The phone and desktop sizes every page is tried at. */
export const VIEWPORTS = [["phone", { width: 360, height: 740 }], ["desktop", { width: 1280, height: 800 }]];

let server;
let browser;
/** The address of the built UI (set once the test file's `before` has run). */
export let base;

/** The built UI (`ui/dist`) served on a free loopback port: `{ server, base }`. */
export async function serveDist() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    try {
      const body = await readFile(join(DIST, path === "/" ? "index.html" : path));
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "text/html" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { server, base: `http://127.0.0.1:${server.address().port}/` };
}

export function setup() {
  before(async () => {
    ({ server, base } = await serveDist());
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    await mkdir(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });
}

/** A fresh page on the fake Rust side (`options`: see FakeOptions), opened at `hash`. */
export async function open(viewport, options = {}, hash = "") {
  const context = await browser.newContext({ viewport, locale: options.locale === "en" ? "en-US" : "id-ID" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // The fake data lives in November 2026: freeze the clock there (timers still run).
  await page.clock.setFixedTime(new Date("2026-11-16T01:00:00Z"));
  await page.addInitScript(`window.__FAKE_OPTIONS__ = ${JSON.stringify(options)};`);
  await page.addInitScript({ path: FAKE });
  await page.goto(base + hash);
  await page.waitForSelector("h1");
  return { page, context, errors };
}

export async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  assert.deepEqual(violations, [], `axe on ${label}`);
}

/** Nothing scrolls sideways (360 px phones, large text). */
export async function noSideways(page, label) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `${label}: ${wide}px wider than the window`);
}

/** WCAG contrast ratio of two CSS rgb() colours. */
export function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}
