import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading, PageTitle } from "../components";
import { formatInstant, t } from "../i18n";
import { serverNow } from "../lib/clock";
import { api, toAppError, type AppError, type BookingView, type BookingsSnapshot } from "../ipc";
import { ACTIVE, LANE_IDS, STATUS_IDS } from "../lib/labels";

/** Upcoming (active, not yet over) first by time; the rest is past, latest first. */
export function splitBookings(list: BookingView[], now: Date = serverNow()): { upcoming: BookingView[]; past: BookingView[] } {
  const upcoming = list.filter((b) => ACTIVE.has(b.status) && Date.parse(b.ends_at) > now.getTime());
  const past = list.filter((b) => !upcoming.includes(b));
  upcoming.sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  past.sort((a, b) => b.starts_at.localeCompare(a.starts_at));
  return { upcoming, past };
}

function Item({ b }: { b: BookingView }) {
  return (
    <li class="card" data-testid="booking-item">
      <h3 class="card-title">
        <a href={`#/booking/${b.id}`}>{formatInstant(b.starts_at, b.office.time_zone)}</a>
      </h3>
      <p>{b.applicant.name} · {b.office.name}</p>
      <p>
        {t(LANE_IDS[b.lane])} · <span class={`status ${b.status}`}>{t(STATUS_IDS[b.status])}</span>
      </p>
    </li>
  );
}

export function BookingsPage() {
  const [snap, setSnap] = useState<BookingsSnapshot | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    api.listBookings().then(setSnap, (e) => setError(toAppError(e)));
  }, []);
  if (!snap) return error ? <ErrorBox error={error} /> : <Loading />;
  const { upcoming, past } = splitBookings(snap.bookings);
  return (
    <section aria-labelledby="bookings-title">
      <PageTitle id="bookings-title">{t("app-bookings-title")}</PageTitle>
      {snap.offline && (
        <p class="warning" role="status" data-testid="offline-copy">
          {snap.fetched_at ? t("app-bookings-offline-copy", { time: formatInstant(snap.fetched_at, "Asia/Jakarta") }) : t("app-error-no-cached-data")}
        </p>
      )}
      {snap.pending > 0 && <p class="warning" role="status">{t("app-bookings-pending", { count: snap.pending })}</p>}
      <h2>{t("app-bookings-upcoming")}</h2>
      {upcoming.length ? <ul class="cards" data-testid="upcoming">{upcoming.map((b) => <Item key={b.id} b={b} />)}</ul> : <p>{t("app-bookings-none")}</p>}
      <h2>{t("app-bookings-past")}</h2>
      {past.length ? <ul class="cards" data-testid="past">{past.map((b) => <Item key={b.id} b={b} />)}</ul> : <p>{t("app-bookings-none")}</p>}
    </section>
  );
}
