// The slip saved as a PDF from the booking page in the real window. The app asks where with the
// system's save dialog, which WebDriver cannot click: run.sh sets ANTRE_NO_DIALOG (test only),
// and the app takes the file it would propose (Downloads, "jadwal-antre-<date>.pdf"). The file
// is checked, and opening it is offered (ANTRE_NO_OPEN keeps the viewer closed).
import { existsSync, readFileSync } from "node:fs";

/** `t`: { browser, el, click, expect, shot, log }; the app shows a paid booking. */
export async function slip(t) {
  const { el, click, expect, shot, log } = t;
  log("the slip saved as a PDF");
  const date = await (await el("[data-testid=booking-when]")).getAttribute("data-date");
  await click("[data-testid=print-slip]");
  const saved = await el("[data-testid=saved]");
  const path = await saved.getAttribute("data-path");
  expect(path.endsWith(`/jadwal-antre-${date}.pdf`), `the slip's proposed name (${path})`);
  expect(existsSync(path) && readFileSync(path).subarray(0, 5).toString() === "%PDF-", "the slip is a PDF");
  expect((await saved.getText()).includes(path), "the page says where it went");
  // Opening it is offered; the app opens the file it saved (the viewer stays closed here).
  await click("[data-testid=open-slip]");
  await new Promise((r) => setTimeout(r, 500));
  expect((await t.browser.$$("main .error[role=alert]")).length === 0, "opening the saved slip is accepted");
  await shot("slip-saved");
}
