// Bundled into an IIFE for the Chromium page tests: installs the fake Rust side before the app
// loads. Options come from `window.__FAKE_OPTIONS__`.
import { mockIPC } from "@tauri-apps/api/mocks";
import { createFakeBackend, type FakeOptions } from "./fake-backend";

declare global {
  interface Window {
    __FAKE_OPTIONS__?: FakeOptions;
    __FAKE__?: ReturnType<typeof createFakeBackend>;
  }
}

const fake = createFakeBackend(window.__FAKE_OPTIONS__ ?? {});
window.__FAKE__ = fake;
mockIPC((cmd, args) => fake.handle(cmd, args as Record<string, unknown>));
