// Issue 11: the server's notices to the account (on the bookings page), and the public status of
// every office (open, disrupted or closed, the notice in force and the history), readable
// without signing in.
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading, PageTitle } from "../components";
import { formatInstant, t } from "../i18n";
import { api, toAppError, type AppError, type NotificationView, type ServiceStatus } from "../ipc";
import type { DisruptionView } from "../generated/DisruptionView";
import type { OfficeState } from "../generated/OfficeState";
import { REASON_IDS } from "./booking";
import { useShared } from "../state";

/** How often the list looks at the saved notices (the Rust side polls the server). */
export const NOTICES_MS = 15_000;

const STATE_IDS: Record<OfficeState, string> = {
  open: "office-state-open",
  disrupted: "office-state-disrupted",
  closed: "office-state-closed",
};

/** The account's notices, newest first; a new one is announced and `onNew` runs (the bookings
 * may now carry a notice and the one tap). */
export function NotificationsPanel({ onNew }: { onNew?: () => void }) {
  const shared = useShared();
  const [list, setList] = useState<NotificationView[] | null>(null);
  useEffect(() => {
    let last: number | null = null;
    const load = () =>
      api.notifications().then((next) => {
        const newest = next[0]?.id ?? 0;
        if (last !== null && newest > last) {
          shared.announce(next[0]!.title);
          onNew?.();
        }
        last = newest;
        setList(next);
      }, () => undefined);
    void load();
    const timer = window.setInterval(load, NOTICES_MS);
    return () => window.clearInterval(timer);
  }, []);
  if (!list || list.length === 0) return null;
  return (
    <section aria-labelledby="notices-title" data-testid="notifications">
      <h2 id="notices-title">{t("app-notifications-title")}</h2>
      <ul class="notices">
        {list.map((n) => (
          <li key={n.id} data-testid="notification" data-kind={n.kind}>
            <strong>{n.title}</strong>
            <p>{n.body}</p>
            {n.booking_id && (n.kind === "disrupted" || n.kind === "disruption_updated") && (
              <a href={`#/booking/${n.booking_id}`} data-testid="notified-booking-open">{t("app-notification-open-booking")}</a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Declaration({ d, tz }: { d: DisruptionView; tz: string }) {
  return (
    <div class="declaration">
      <p>
        <strong>{t(d.kind === "closure" ? "disruption-kind-closure" : "disruption-kind-disruption")}</strong>: {t(REASON_IDS[d.reason])}
        {d.note ? <> · {d.note}</> : null}
      </p>
      <p>
        {t("status-page-since", { time: formatInstant(d.starts_at, tz) })} ·{" "}
        {d.restored_at
          ? t("status-page-restored", { time: formatInstant(d.restored_at, tz) })
          : t("status-page-expected-end", { time: d.expected_end ? formatInstant(d.expected_end, tz) : t("disruption-until-unknown") })}
      </p>
    </div>
  );
}

/** Every office's state, the notice in force and the earlier ones, each time in the office's zone. */
export function StatusPage() {
  const [status, setStatus] = useState<ServiceStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [onlyAffected, setOnlyAffected] = useState(true);
  useEffect(() => {
    api.serviceStatus().then(setStatus, (e) => setError(toAppError(e)));
  }, []);
  if (!status) return error ? <ErrorBox error={error} /> : <Loading />;
  const affected = status.offices.filter((o) => o.state !== "open" || o.current.length > 0 || o.history.length > 0);
  const shown = onlyAffected ? affected : status.offices;
  return (
    <section aria-labelledby="svc-title">
      <PageTitle id="svc-title">{t("status-page-title")}</PageTitle>
      <p>{t("status-page-intro")}</p>
      <p class="hint">{t("status-page-generated", { time: formatInstant(status.generated_at, "Asia/Jakarta") })}</p>
      <label>
        <input type="checkbox" checked={onlyAffected} data-testid="svc-only-affected" onChange={(e) => setOnlyAffected(e.currentTarget.checked)} />{" "}
        {t("app-status-only-affected", { count: affected.length, total: status.offices.length })}
      </label>
      {shown.length === 0 ? (
        <p data-testid="svc-all-open">{t("app-status-all-open")}</p>
      ) : (
        <ul class="cards" data-testid="svc-offices">
          {shown.map((o) => (
            <li class="card" key={o.office_id} data-testid="svc-office" data-office={o.office_id} data-state={o.state}>
              <h2 class="card-title">{o.name}</h2>
              <p>
                {o.province} · <span class={`state-${o.state}`}>{t(STATE_IDS[o.state])}</span>
              </p>
              {o.current.length > 0 && (
                <>
                  <h3>{t("status-page-current")}</h3>
                  {o.current.map((d) => <Declaration key={d.id} d={d} tz={o.time_zone} />)}
                </>
              )}
              {o.history.length > 0 && (
                <details>
                  <summary>{t("status-page-history")}</summary>
                  {o.history.map((d) => <Declaration key={d.id} d={d} tz={o.time_zone} />)}
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
