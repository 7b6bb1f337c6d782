import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../../src/app";
import { setLocale } from "../../src/i18n";
import { api } from "../../src/ipc";
import { displayZone, errorActions, errorField, formatWait, secondsUntil } from "../../src/lib/accounts";
import { describeError } from "../../src/lib/errors";
import { ResendCode } from "../../src/pages/codes";
import { createFakeBackend, passwordCheck, RIGHT_CODE } from "../fake-backend";

let fake: ReturnType<typeof createFakeBackend>;
beforeEach(() => {
  fake = createFakeBackend();
  mockIPC((cmd, args) => fake.handle(cmd, args as Record<string, unknown>));
  setLocale("id");
});
afterEach(() => clearMocks());

const tick = () => new Promise<void>((r) => setTimeout(r, 0));
async function settle(n = 6) {
  for (let i = 0; i < n; i++) await act(tick);
}
async function type(root: HTMLElement, selector: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(selector)!;
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event("input"));
  });
}
async function click(root: HTMLElement, selector: string) {
  await act(() => {
    root.querySelector<HTMLButtonElement>(selector)!.click();
  });
  await settle();
}

describe("the wait before a new code", () => {
  it("counts whole seconds down to zero and writes them m:ss", () => {
    expect(formatWait(60)).toBe("1:00");
    expect(formatWait(42)).toBe("0:42");
    expect(formatWait(0.2)).toBe("0:01");
    expect(formatWait(-5)).toBe("0:00");
    expect(secondsUntil(null)).toBe(0);
    expect(secondsUntil(10_500, 1_000)).toBe(10);
    expect(secondsUntil(1_000, 5_000)).toBe(0);
  });
});

describe("send a new code", () => {
  it("is disabled with the wait counting down each second, then can be pressed", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-16T01:00:00Z") });
    const root = document.createElement("div");
    document.body.append(root);
    const onSend = vi.fn();
    await act(() => render(<ResendCode readyAt={Date.now() + 2_500} busy={false} onSend={onSend} />, root));
    const button = () => root.querySelector<HTMLButtonElement>("[data-testid=resend-code]")!;
    const wait = () => root.querySelector("[data-testid=resend-code-wait]")?.textContent ?? null;
    expect(button().disabled).toBe(true);
    expect(wait()).toContain("0:03");
    expect(button().getAttribute("aria-describedby")).toBe("resend-code-wait");
    await act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(wait()).toContain("0:02");
    await act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(wait()).toContain("0:01");
    await act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(wait()).toBeNull();
    expect(button().disabled).toBe(false);
    button().click();
    expect(onSend).toHaveBeenCalledTimes(1);
    await act(() => render(null, root));
    vi.useRealTimers();
  });
});

describe("errors on the account screens", () => {
  it("puts a server error on its field when the form shows it", () => {
    expect(errorField({ code: "weak_password", message: "", field: "new_password" }, ["email", "code", "password"])).toBe("password");
    expect(errorField({ code: "invalid_verification_code", message: "" }, ["email", "code"])).toBe("code");
    expect(errorField({ code: "invalid_email", message: "", field: "email" }, ["email"])).toBe("email");
    expect(errorField({ code: "invalid_phone", message: "", field: "phone" }, ["email", "password"])).toBeNull();
    expect(errorField({ code: "invalid_credentials", message: "" }, ["email", "password"])).toBeNull();
  });
  it("offers only what the app can do from that screen", () => {
    expect(errorActions("invalid_credentials", "login")).toEqual(["forgot"]);
    expect(errorActions("account_not_verified", "login")).toEqual(["resend", "enter_code"]);
    expect(errorActions("too_many_attempts", "login")).toEqual(["forgot"]);
    expect(errorActions("email_taken", "register")).toEqual(["sign_in", "forgot"]);
    expect(errorActions("network", "reset")).toEqual(["retry"]);
    // the verify and reset screens show "send a new code" already
    expect(errorActions("invalid_verification_code", "verify")).toEqual([]);
    expect(errorActions("too_many_attempts", "reset")).toEqual([]);
  });
  it("says how many minutes to wait, in the language shown", () => {
    const e = { code: "too_many_attempts", message: "dari server", minutes: 14 };
    expect(describeError(e)).toContain("14 menit");
    setLocale("en");
    expect(describeError(e)).toContain("14 minutes");
    expect(describeError({ code: "too_many_attempts", message: "server text" })).toBe("server text");
  });
  it("shows a device's last use in the device's Indonesian zone, else WIB", () => {
    expect(displayZone("Asia/Makassar")).toBe("Asia/Makassar");
    expect(displayZone("Europe/Berlin")).toBe("Asia/Jakarta");
    expect(displayZone(undefined)).toBe("Asia/Jakarta");
  });
  it("the fake's password rule matches the Rust checklist's shape", () => {
    expect(passwordCheck("Passpor2026!").acceptable).toBe(true);
    expect(passwordCheck("passporbaru")).toMatchObject({ long_enough: true, enough_kinds: false, acceptable: false });
  });
});

describe("the sign-in page", () => {
  function mount() {
    const root = document.createElement("div");
    document.body.append(root);
    location.hash = "#/";
    return root;
  }
  it("offers 'forgot password?' after a wrong password, then resets and signs in", async () => {
    const root = mount();
    render(<App initialInfo={fake.state.info} initialSession={null} />, root);
    await settle();
    await type(root, "#email", "ani@example.id");
    await type(root, "#password", "salah-sekali-1");
    await click(root, "[data-testid=auth-submit]");
    expect(root.querySelector("[role=alert]")?.textContent).toContain("salah");
    await click(root, "[data-testid=next-forgot]");
    expect(root.querySelector("h1")?.textContent).toBe("Lupa kata sandi");
    expect(root.querySelector<HTMLInputElement>("#email")?.value).toBe("ani@example.id");
    await click(root, "[data-testid=auth-submit]");
    expect(root.querySelector("h1")?.textContent).toBe("Buat kata sandi baru");
    expect(root.querySelector("[data-testid=auth-info]")?.textContent).toContain("berlaku 15 menit");
    expect(root.querySelector<HTMLButtonElement>("[data-testid=resend-code]")?.disabled).toBe(true);
    expect(root.querySelector("[data-testid=resend-code-wait]")?.textContent).toMatch(/1:00|0:59/);
    await type(root, "#code", RIGHT_CODE);
    await type(root, "#password", "pendek");
    await settle();
    expect(root.querySelector("[data-testid=password-rules]")?.getAttribute("data-acceptable")).toBe("false");
    await click(root, "[data-testid=auth-submit]");
    expect(root.querySelector("#password-error")?.textContent).toContain("mudah ditebak");
    expect(root.querySelector("#password")?.getAttribute("aria-describedby")).toContain("password-rules");
    await type(root, "#password", "Passpor-Baru-2026");
    await settle();
    expect(root.querySelector("[data-testid=password-rules]")?.getAttribute("data-acceptable")).toBe("true");
    await click(root, "[data-testid=auth-submit]");
    await settle();
    expect(location.hash).toBe("#/account");
    expect(root.querySelector("[data-testid=account-flash]")?.textContent).toContain("Semua perangkat lain sudah dikeluarkan");
    expect(fake.state.password).toBe("Passpor-Baru-2026");
    render(null, root);
  });
  it("after a rejected session says what happened and opens the saved bookings", async () => {
    // The fake's bookings are in November 2026: the saved one must still be ahead.
    vi.useFakeTimers({ now: new Date("2026-11-16T01:00:00Z"), toFake: ["Date"] });
    fake.state.signedIn = true;
    fake.bookTomorrow();
    location.hash = "#/bookings";
    const root = document.createElement("div");
    document.body.append(root);
    const session = (await api.restoreSession())!;
    mockIPC((cmd, args) => {
      if (cmd === "list_bookings") {
        fake.state.signedIn = false;
        fake.state.ended = { email: "ani@example.id", ended_at: "2026-11-16T00:30:00Z", reason: "rejected", upcoming_saved: 1 };
        return Promise.reject({ code: "unauthorized", message: "" });
      }
      return fake.handle(cmd, args as Record<string, unknown>);
    });
    render(<App initialInfo={fake.state.info} initialSession={session} />, root);
    await settle(10);
    expect(root.querySelector("h1")?.textContent).toBe("Masuk");
    expect(root.querySelector("[data-testid=session-ended]")?.textContent).toContain("dikeluarkan dari perangkat lain");
    expect(root.querySelector<HTMLInputElement>("#email")?.value).toBe("ani@example.id");
    await click(root, "[data-testid=open-saved]");
    await settle();
    expect(root.querySelector("h1")?.textContent).toBe("Jadwal tersimpan");
    expect(root.querySelectorAll("[data-testid=saved-booking]")).toHaveLength(1);
    expect(root.querySelector("nav")).toBeNull();
    render(null, root);
    vi.useRealTimers();
  });
});
