import { render } from "preact";
import "./styles.css";
import { negotiate, setLocale } from "./i18n";
import { api, type AppInfo } from "./ipc";
import { App } from "./app";
import { setServerClock } from "./lib/clock";

async function boot(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  let info: AppInfo;
  try {
    info = await api.appInfo();
  } catch {
    // Without the Rust side (should not happen in the app): follow the browser's language.
    const locale = negotiate(navigator.languages);
    info = {
      version: "",
      server_url: "",
      locale,
      settings: { locale: null, text_size: "normal", start_at_login: false, start_at_login_offered: true },
      keyring_available: false,
      platform: "desktop",
    };
  }
  setLocale(info.locale);
  const session = await api.restoreSession().catch(() => null);
  // Before the first page: what is open and what is due is judged by the server's clock.
  await api.serverClock().then(setServerClock, () => undefined);
  render(<App initialInfo={info} initialSession={session} />, root);
}

void boot();
