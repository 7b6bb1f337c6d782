// Outreach drive in the real window (issue 10): an outreach officer (made with the server's
// CLI) signs in, creates a drive, imports the leader's 40-person list (semicolon style with a
// BOM, as a spreadsheet saves it), captures 3 more while the server is stopped (kept encrypted
// on the device), sees them sent with an outcome each once the server is back, and saves the
// roster as a PDF.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

/** A NIK from Kota Bekasi for a birth date (`YYYY-MM-DD`). */
function nik(birth, serial) {
  const [y, m, d] = birth.split("-");
  return `327501${d}${m}${y.slice(2)}${String(serial).padStart(4, "0")}`;
}

const FIRST = ["Siti", "Budi", "Dewi", "Agus", "Rina", "Eko", "Sri", "Joko"];
const LAST = ["Aminah", "Santoso", "Lestari", "Saputra", "Wulandari", "Hidayat"];

/** Person `i`: a name, a birth date and a NIK that agrees with it. */
function person(i) {
  const birth = `19${60 + (i % 40)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
  return { name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`, birth, nik: nik(birth, 100 + i) };
}

/** The leader's list as Excel saves it in an Indonesian locale: BOM, `;`, day-first dates. */
function leaderList(n) {
  const rows = ["nama;tanggal_lahir;nik;jenis;telepon"];
  for (let i = 0; i < n; i += 1) {
    const p = person(i);
    const [y, m, d] = p.birth.split("-");
    rows.push(`${p.name};${d}/${m}/${y};'${p.nik};${i % 2 ? "penggantian" : "baru"};`);
  }
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}

/**
 * @param {object} t the e2e script's helpers: browser, el, click, fill, text, expect, shot,
 *   log, sql, startServer, stopServer, serverBin, password, clock (the server's current start)
 */
export async function outreach(t) {
  const { browser, el, click, fill, text, expect, shot, log } = t;
  const email = `jemput.${Date.now()}@example.id`;
  log("outreach: an officer made with the server's CLI signs in");
  execFileSync(t.serverBin, ["create-staff", "--email", email, "--phone", "081311112222", "--office", "kanim-bekasi", "--outreach"], {
    input: `${t.password}\n`,
    env: process.env,
    stdio: ["pipe", "ignore", "inherit"],
  });
  await click("nav a[href='#/account']");
  await click("[data-testid=logout]");
  await el("h1", { text: "Masuk" });
  await fill("#email", email);
  await fill("#password", t.password);
  await click("[data-testid=auth-submit]");
  await click("nav a[href='#/outreach']");

  log("outreach: a drive");
  await fill("[data-testid=drive-name]", "Warga Desa Sukamaju");
  await fill("[data-testid=drive-place]", "Balai Desa Sukamaju");
  await fill("[data-testid=drive-lat]", "-6.3");
  await fill("[data-testid=drive-lon]", "107.1");
  await fill("[data-testid=drive-date]", "17/12/2026");
  await fill("[data-testid=drive-capacity]", "60");
  await fill("[data-testid=drive-leader]", "Ahmad Saputra");
  await fill("[data-testid=drive-phone]", "081234567890");
  await click("[data-testid=drive-create]");
  await el("[data-testid=drive-summary]");

  log("outreach: the leader's list of 40 (semicolons, BOM)");
  await el("[data-testid=import-file]");
  await browser.execute((content) => {
    const input = document.querySelector("[data-testid=import-file]");
    const files = new DataTransfer();
    files.items.add(new File([content], "daftar-sukamaju.csv", { type: "text/csv" }));
    input.files = files.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, leaderList(40));
  await browser.waitUntil(async () => (await browser.$$("[data-testid=member-list] li")).length === 40, {
    timeout: 30000,
    timeoutMsg: "the 40 members of the list are not shown",
  });
  expect(t.sql("select count(*) from drive_members") === "40", "the list registered 40 members, all at once");
  await shot("outreach-imported");

  log("outreach: the server goes away; 3 members captured on the device");
  await t.stopServer();
  for (let i = 40; i < 43; i += 1) {
    const p = person(i);
    await fill("[data-testid=member-name]", p.name);
    await fill("[data-testid=member-birth]", p.birth.split("-").reverse().join("/"));
    await fill("[data-testid=member-nik]", p.nik);
    await click("[data-testid=member-add]");
    await el("[data-testid=member-kept]");
    await browser.waitUntil(async () => Number(await (await el("[data-testid=capture-counts]")).getAttribute("data-captured")) === i - 39, {
      timeout: 20000,
      timeoutMsg: `member ${i - 39} not counted as captured`,
    });
  }
  const counts = await el("[data-testid=capture-counts]");
  expect((await counts.getAttribute("data-pending")) === "3", "3 members wait on the device");
  expect((await browser.$$("[data-testid=member-outcomes] li[data-outcome=pending]")).length === 3, "each shown as waiting");
  expect(!readFileSync(`${t.appData}/outreach-captures.sealed`).includes(person(40).nik), "kept encrypted: no NIK in the clear");
  await shot("outreach-captured-offline");

  log("outreach: the server is back; the members are sent");
  await t.startServer(t.clock);
  await browser.waitUntil(
    async () => {
      const sync = await browser.$$("[data-testid=capture-sync]");
      if (sync.length > 0) await sync[0].click().catch(() => {});
      return (await (await el("[data-testid=capture-counts]")).getAttribute("data-sent")) === "3";
    },
    { timeout: 60000, interval: 1000, timeoutMsg: "the captured members were not sent" },
  );
  expect((await browser.$$("[data-testid=member-outcomes] li[data-outcome=registered]")).length === 3, "each of the 3 registered");
  expect(t.sql("select count(*) from drive_members") === "43", "the server holds 43 members, none twice");
  await shot("outreach-synced");

  log("outreach: the roster as a PDF");
  await click("[data-testid=print-roster]");
  const path = await (await el("[data-testid=print-done]")).getAttribute("data-path");
  expect(existsSync(path) && readFileSync(path).subarray(0, 5).toString() === "%PDF-", `the roster is a PDF (${path})`);
  await text("[data-testid=print-done]");
}
