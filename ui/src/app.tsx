import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { getLocale, onLocaleChange, setLocale, t } from "./i18n";
import { api, onConnectivity, onUnauthorized, type AppInfo, type SessionInfo } from "./ipc";
import { navigate, useRoute } from "./lib/router";
import { cached, SharedContext, type Shared } from "./state";
import { AuthPage } from "./pages/auth";
import { ApplicantsPage } from "./pages/applicants";
import { FindPage } from "./pages/find";
import { OfficePage } from "./pages/office";
import { BookingPage } from "./pages/booking";
import { BookingsPage } from "./pages/bookings";
import { DrawPage } from "./pages/draw";
import { setServerClock } from "./lib/clock";
import { SettingsPage } from "./pages/settings";
import { AccountPage } from "./pages/account";
import { SavedPage } from "./pages/saved";
import { WriteQueue } from "./queue";
import { DeskPage } from "./pages/desk";
import { OutreachPage } from "./pages/outreach";
import { StatusPage } from "./pages/status";
import { ResultsPage } from "./pages/results";

/** The office desk, for staff and heads of an office (the same app, signed in as staff). */
const STAFF_NAV = { path: "/desk", id: "app-nav-desk" };
/** An office's results over time (ratings, integrity reports): its staff and head, admins. */
const RESULTS_NAV = { path: "/results", id: "app-nav-results" };
/** Outreach drives, for outreach officers and heads of an office. */
const OUTREACH_NAV = { path: "/outreach", id: "app-nav-outreach" };

const NAV: { path: string; id: string }[] = [
  { path: "/find", id: "app-nav-find" },
  { path: "/bookings", id: "app-nav-bookings" },
  { path: "/applicants", id: "app-nav-applicants" },
  { path: "/account", id: "app-nav-account" },
  { path: "/status", id: "app-nav-status" },
  { path: "/settings", id: "app-nav-settings" },
];

export function App({ initialInfo, initialSession }: { initialInfo: AppInfo; initialSession: SessionInfo | null }) {
  const [info, setInfo] = useState(initialInfo);
  const [session, setSession] = useState(initialSession);
  const [online, setOnline] = useState(true);
  const [announcement, setAnnouncement] = useState("");
  const [flash, setFlash] = useState<string | null>(null);
  const [, rerender] = useState(0);
  const route = useRoute();

  useEffect(() => onLocaleChange(() => rerender((n) => n + 1)), []);
  useEffect(() => onUnauthorized(() => setSession(null)), []);
  // Another account (or none): its applicants are not this one's. Said while rendering, before
  // any page's effect asks for them.
  cached.signedInAs(session?.account.id ?? null);
  useEffect(() => {
    if (info.locale !== getLocale()) setLocale(info.locale);
    // The text size scales every rem of the layout (styles.css: html[data-text-size]).
    document.documentElement.dataset.textSize = info.settings.text_size;
  }, [info]);
  // Back online: the server's clock is asked again (releases and deadlines go by it).
  const wasOnline = useRef(true);
  useEffect(() => {
    if (online && !wasOnline.current) void api.serverClock().then(setServerClock, () => undefined);
    wasOnline.current = online;
  }, [online]);
  useEffect(() => {
    onConnectivity(setOnline);
    // While offline, look for the connection every 15 s.
    const timer = window.setInterval(() => {
      if (!online) void api.ping().then(setOnline, () => setOnline(false));
    }, 15_000);
    return () => window.clearInterval(timer);
  }, [online]);

  const shared: Shared = useMemo(
    () => ({ info, session, online, setInfo, setSession, announce: setAnnouncement, flash, setFlash }),
    [info, session, online, flash],
  );

  const [first = "", second = ""] = route.path;
  const signedIn = session !== null;
  const role = session?.account.role;
  const deskOffice = (role === "staff" || role === "head") && session?.account.office_id ? session.account.office_id : null;
  const outreachOffice = (role === "outreach" || role === "head") && session?.account.office_id ? session.account.office_id : null;
  const resultsOffice = deskOffice ?? (role === "admin" ? "" : null);
  const nav = [...(deskOffice ? [STAFF_NAV] : []), ...(resultsOffice !== null ? [RESULTS_NAV] : []), ...(outreachOffice ? [OUTREACH_NAV] : []), ...NAV];
  let page;
  // Signed out: the sign-in page, the settings, and the saved copy of a session that ended.
  if (!signedIn && first !== "settings" && first !== "saved" && first !== "status") page = <AuthPage />;
  else if (first === "saved") page = <SavedPage />;
  else if (first === "status") page = <StatusPage />;
  else if (first === "desk" && deskOffice) page = <DeskPage officeId={deskOffice} />;
  else if (first === "results" && resultsOffice !== null) page = <ResultsPage officeId={resultsOffice || null} chooseOffice={role === "admin"} />;
  else if (first === "outreach" && outreachOffice) page = <OutreachPage key={second} officeId={outreachOffice} driveId={second} />;
  else if (first === "account") page = <AccountPage />;
  else if (first === "applicants") page = <ApplicantsPage />;
  else if (first === "office") page = <OfficePage key={`${second}${route.query}`} officeId={second} query={route.query} />;
  else if (first === "booking") page = <BookingPage key={`${second}${route.query}`} id={second} query={route.query} />;
  else if (first === "draw") page = <DrawPage key={`${second}${route.query}`} id={second} query={route.query} />;
  else if (first === "bookings") page = <BookingsPage />;
  else if (first === "settings") page = <SettingsPage />;
  else page = <FindPage />;

  const current = `/${first || (signedIn ? "find" : "")}`;
  return (
    <SharedContext.Provider value={shared}>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById("main")?.focus(); }}>
        {t("app-skip-to-content")}
      </a>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">◼</span> {t("app-name")}
        </div>
        <label class="lang">
          <span class="sr-only">{t("app-settings-language")}</span>
          <select
            value={info.locale}
            data-testid="language-switch"
            onChange={async (e) => {
              const locale = (e.currentTarget.value === "en" ? "en" : "id") as "id" | "en";
              setInfo(await api.setLocale(locale));
            }}
          >
            <option value="id" lang="id">Bahasa Indonesia</option>
            <option value="en" lang="en">English</option>
          </select>
        </label>
        {signedIn && (
          <nav aria-label={t("app-nav-label")}>
            <ul>
              {nav.map((n) => (
                <li key={n.path}>
                  <a href={`#${n.path}`} aria-current={current === n.path ? "page" : undefined}>
                    {t(n.id)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      {!online && (
        <div class="offline" role="status" data-testid="offline-banner">
          {t("app-offline-banner")}
        </div>
      )}
      <WriteQueue online={online} signedIn={signedIn} />
      {!info.keyring_available && signedIn && (
        <div class="warning" role="note">
          {t("app-keyring-unavailable")}
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {page}
      </main>
      <div class="sr-only" aria-live="polite" role="status">
        {announcement}
      </div>
      <footer class="foot">
        <p>{t("notice-official-fee-only")}</p>
      </footer>
    </SharedContext.Provider>
  );
}

export function goHome(): void {
  navigate("/find");
}
