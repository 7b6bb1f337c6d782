// The desk's camera check-in in Debian's Chromium (playwright-core): a proof in the server's
// format (crates/antre-proof: `antre1.<base64url JSON payload>.<base64url Ed25519 signature>`,
// signed here with a fresh key) is drawn as a QR code into a Y4M video that Chromium plays as
// its camera (`--use-file-for-fake-video-capture`); the desk page opens the camera, decodes the
// QR (npm `qr`, the app's decoder; its encoder draws the code here) and checks the person in
// through the same path as a typed code. Also the desk's event site form, for the head only.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import encodeQR from "qr";
import { serveDist } from "./support.mjs";

const FAKE = new URL("./.fake-install.js", import.meta.url).pathname;
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");

/** A proof as the server signs it (crates/antre-proof `sign`), with a key made here. */
function realProof() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x, "base64url");
  const kid = createHash("sha256").update(raw).digest().subarray(0, 8).toString("hex");
  const bookingId = "0193a5c2-7d1e-7000-8000-00000000b001";
  const payload = {
    kid,
    booking_id: bookingId,
    office_id: "kanim-bekasi",
    date: "2026-11-16",
    session: "08:00-10:00",
    lane: "regular",
    name: "SITI AMINAH",
    nik_masked: "3275••••••••0001",
    nik_digest: b64url(createHash("sha256").update(`${bookingId}:3275014101900001`).digest()),
  };
  const body = Buffer.from(JSON.stringify(payload));
  return `antre1.${b64url(body)}.${b64url(sign(null, body, privateKey))}`;
}

/** A Y4M video (4:2:0, grey) of `frames` frames showing `text` as a QR code, black on white. */
function qrVideo(text, width = 640, height = 480, frames = 4) {
  // Four white modules around the code (the quiet zone readers need) are part of the matrix.
  const modules = encodeQR(text, "raw", { ecc: "medium", border: 4 });
  const size = modules.length;
  const quiet = 0;
  const module = Math.floor(Math.min(width, height) / (size + 2 * quiet));
  assert.ok(module >= 3, `QR of ${size} modules too dense for ${width}x${height}`);
  const side = module * (size + 2 * quiet);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (!modules[r][c]) continue;
      for (let dy = 0; dy < module; dy++) {
        const row = (top + (quiet + r) * module + dy) * width + left + (quiet + c) * module;
        y.fill(16, row, row + module);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const parts = [Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let i = 0; i < frames; i++) parts.push(Buffer.from("FRAME\n"), y, chroma);
  return Buffer.concat(parts);
}

let server;
let base;
let dir;
let browser;
let proof;

before(async () => {
  ({ server, base } = await serveDist());
  proof = realProof();
  assert.match(proof, /^antre1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/, "the server's proof pattern");
  dir = await mkdtemp(join(tmpdir(), "antre-camera-"));
  const video = join(dir, "proof.y4m");
  await writeFile(video, qrVideo(proof));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("desk camera", () => {
  it("reads a real proof's QR through the camera and checks the person in, with name and masked NIK", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "id-ID", permissions: ["camera"] });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.clock.setFixedTime(new Date("2026-11-16T01:00:00Z"));
    await page.addInitScript(`window.__FAKE_OPTIONS__ = ${JSON.stringify({ signedIn: true, staff: true, deskProof: proof })};`);
    await page.addInitScript({ path: FAKE });
    await page.goto(`${base}#/desk`);
    await page.waitForSelector("[data-testid=desk-roster]");
    // The device has a camera (Chromium's fake one): the desk offers it.
    await page.click("[data-testid=camera-toggle]");
    await page.waitForSelector("[data-testid=camera-view]");
    // Nothing typed: the camera's QR is the proof, checked in by the same path.
    await page.waitForSelector("[data-testid=checkin-done]", { timeout: 20_000 });
    const done = await page.textContent("[data-testid=checkin-done]");
    assert.match(done, /SITI AMINAH sudah datang: nomor 2/);
    assert.match(done, /3275••••••••0001/);
    assert.equal(await page.inputValue("[data-testid=checkin-proof]"), "", "the field is cleared after check-in");
    assert.equal(await page.$("[data-testid=camera-view]"), null, "the camera closes after a proof");
    await page.waitForSelector("[data-testid=lane-regular] [data-arrival=arrived]");
    // The same proof again: the server's refusal, in the user's language.
    await page.click("[data-testid=camera-toggle]");
    await page.waitForSelector("[data-testid=checkin-form] [role=alert]", { timeout: 20_000 });
    assert.match(await page.textContent("[data-testid=checkin-form] [role=alert]"), /sudah tercatat hadir/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  /** The desk with the web view's media devices replaced by `script` (run before the app). */
  async function deskWith(script) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "id-ID", permissions: ["camera"] });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.clock.setFixedTime(new Date("2026-11-16T01:00:00Z"));
    await page.addInitScript(script);
    await page.addInitScript(`window.__FAKE_OPTIONS__ = ${JSON.stringify({ signedIn: true, staff: true })};`);
    await page.addInitScript({ path: FAKE });
    await page.goto(`${base}#/desk`);
    await page.waitForSelector("[data-testid=desk-roster]");
    return { context, page, errors };
  }

  it("says so when the device has no camera, and the field still checks in", async () => {
    // As the app's window on a machine without a camera: no video input listed.
    const { context, page, errors } = await deskWith(() => {
      navigator.mediaDevices.enumerateDevices = async () => [];
    });
    const none = await page.waitForSelector("[data-testid=camera-none]");
    assert.match(await none.textContent(), /Tidak ada kamera di perangkat ini\. Pindai bukti dengan pemindai USB, atau ketik kodenya/);
    assert.equal(await page.$("[data-testid=camera-toggle]"), null, "no camera button without a camera");
    assert.equal(await page.isVisible("[data-testid=checkin-proof]"), true, "the field for a scanner or typing");
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("a camera listed but not found when opened is said as no camera; a refused one as refused", async () => {
    const failing = (name) => `(() => {
      navigator.mediaDevices.getUserMedia = async () => { throw new DOMException("no", ${JSON.stringify(name)}); };
    })()`;
    // WebKitGTK, media streams on, no device: getUserMedia answers NotFoundError.
    let { context, page, errors } = await deskWith(failing("NotFoundError"));
    await page.click("[data-testid=camera-toggle]");
    await page.waitForSelector("[data-testid=camera-none]");
    assert.equal(await page.$("[data-testid=camera-failed]"), null);
    assert.deepEqual(errors, []);
    await context.close();
    ({ context, page, errors } = await deskWith(failing("NotAllowedError")));
    await page.click("[data-testid=camera-toggle]");
    const refused = await page.waitForSelector("[data-testid=camera-failed][data-problem=denied]");
    assert.match(await refused.textContent(), /Akses ke kamera ditolak/);
    assert.equal(await page.isVisible("[data-testid=camera-toggle]"), true, "it may be tried again");
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("the head of the office releases an event site from the desk", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "id-ID" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.clock.setFixedTime(new Date("2026-11-16T01:00:00Z"));
    await page.addInitScript(`window.__FAKE_OPTIONS__ = ${JSON.stringify({ signedIn: true, head: true })};`);
    await page.addInitScript({ path: FAKE });
    await page.goto(`${base}#/desk`);
    await page.waitForSelector("[data-testid=event-site-form]");
    assert.equal(await page.isDisabled("[data-testid=event-site-submit]"), true, "nothing to send yet");
    await page.fill("[data-testid=site-name]", "Stadion Patriot Candrabhaga");
    await page.fill("[data-testid=site-lat]", "-6.2397");
    await page.fill("[data-testid=site-lon]", "106.9972");
    await page.fill("[data-testid=site-date]", "21/11/2026");
    await page.fill("[data-testid=site-capacity]", "1075");
    await page.fill("[data-testid=site-note]", "Layanan paspor akhir pekan");
    await page.click("[data-testid=event-site-submit]");
    await page.waitForSelector("[data-testid=event-site-done]");
    assert.match(await page.textContent("[data-testid=event-site-done]"), /Stadion Patriot Candrabhaga dibuka: 1\.075 tempat, kode EV-7K2MQ4PA/);
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
    );
    assert.deepEqual(result.violations.map((v) => v.id), [], "axe on the event site form");
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 0, `${wide}px wider than a phone`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("staff who are not the head see no event site form", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "id-ID" });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date("2026-11-16T01:00:00Z"));
    await page.addInitScript(`window.__FAKE_OPTIONS__ = ${JSON.stringify({ signedIn: true, staff: true })};`);
    await page.addInitScript({ path: FAKE });
    await page.goto(`${base}#/desk`);
    await page.waitForSelector("[data-testid=desk-roster]");
    assert.equal(await page.$("[data-testid=event-site-form]"), null);
    await context.close();
  });
});
