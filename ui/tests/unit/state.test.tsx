import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { App } from "../../src/app";
import { setLocale } from "../../src/i18n";
import { api } from "../../src/ipc";
import { cached, Fetched } from "../../src/state";
import { createFakeBackend } from "../fake-backend";

let fake: ReturnType<typeof createFakeBackend>;
beforeEach(() => {
  fake = createFakeBackend({ signedIn: true });
  mockIPC((cmd, args) => fake.handle(cmd, args as Record<string, unknown>));
  setLocale("id");
  cached.offices.forget();
  cached.applicants.forget();
});
afterEach(() => clearMocks());

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
async function settle(n = 8) {
  for (let i = 0; i < n; i++) await act(tick);
}
const asked = (cmd: string) => fake.state.calls.filter((c) => c.cmd === cmd).length;

describe("shared fetches", () => {
  it("ask once, share the request in flight, keep a write's answer, forget on request or age", async () => {
    let n = 0;
    let now = 0;
    const f = new Fetched(async () => ++n, 1000, () => now);
    const [a, b] = await Promise.all([f.get(), f.get()]);
    expect([a, b, n]).toEqual([1, 1, 1]);
    f.set(7);
    expect(await f.get()).toBe(7);
    now = 1000;
    expect(await f.get()).toBe(2);
    f.forget();
    expect(await f.get()).toBe(3);
  });
  it("a failed fetch is not kept", async () => {
    let fail = true;
    const f = new Fetched(async () => {
      if (fail) throw new Error("offline");
      return "ok";
    });
    await expect(f.get()).rejects.toThrow("offline");
    fail = false;
    expect(await f.get()).toBe("ok");
  });
  it("a second visit of the search and office pages asks for offices and applicants no more; another account asks again", async () => {
    cached.signedInAs(null);
    fake.handle("add_applicant", { request: { nik: "3275011503610001", name: "Siti Aminah", birth_date: "1961-03-15", pregnant: false, disability: false, married: true } });
    const session = (await api.restoreSession())!;
    const root = document.createElement("div");
    document.body.append(root);
    for (const hash of ["#/find", "#/office/bekasi?lane=priority&applicant=00000000-0000-4000-8000-00000000a001", "#/find", "#/office/bekasi?lane=priority&applicant=00000000-0000-4000-8000-00000000a001"]) {
      location.hash = hash;
      render(<App initialInfo={fake.state.info} initialSession={session} />, root);
      await settle();
      expect(root.querySelector("h1")?.textContent).not.toBe("Masuk");
      render(null, root);
    }
    expect(asked("list_offices")).toBe(1);
    expect(asked("list_applicants")).toBe(1);
    // Signed out, then in as another account: its applicants are asked for.
    cached.signedInAs(null);
    cached.signedInAs("another");
    location.hash = "#/find";
    render(<App initialInfo={fake.state.info} initialSession={session} />, root);
    await settle();
    expect(root.querySelector("[data-testid=applicant-select]")?.textContent).toContain("SITI AMINAH");
    expect(asked("list_applicants")).toBe(2);
    expect(asked("list_offices")).toBe(1);
    render(null, root);
  });
});
