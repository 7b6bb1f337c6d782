import { useEffect, useState } from "preact/hooks";
import { ConfirmDialog, ErrorBox, Loading, PageTitle } from "../components";
import { formatDateLong, formatInstant, formatTime, t, toOfficeLocal, zoneLabel } from "../i18n";
import { serverNow } from "../lib/clock";
import {
  api,
  toAppError,
  type AppError,
  type BookingView,
  type BookingsSnapshot,
  type EntryView,
  type FairReleaseSnapshot,
  type OfficeSummary,
  type WaitlistView,
} from "../ipc";
import { activeWaitlist, choiceLabel, chosenOffices, minutesLeft, officeName, openOffers, recentEntries, worthRefreshing } from "../lib/fair";
import { ACTIVE, LANE_IDS, OUTCOME_IDS, STATUS_IDS, WAITLIST_STATUS_IDS } from "../lib/labels";
import { navigate } from "../lib/router";
import { cached, useShared } from "../state";
import { NotificationsPanel } from "./status";

/** How often the page looks again while a place waits in line or an entry awaits its draw. */
export const REFRESH_MS = 15_000;

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
      {b.disruption && <p class="warning" data-testid="booking-disrupted">{t("app-disruption-title")}</p>}
    </li>
  );
}

/** A place held for one of the account's people: the slot, the time left, one tap each way. */
function Offer({ w, offices, onDone }: { w: WaitlistView; offices: OfficeSummary[]; onDone: (message: string) => void }) {
  const shared = useShared();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const offer = w.offer!;
  const slot = offer.slot;
  const until = toOfficeLocal(offer.expires_at, slot.time_zone);
  return (
    <li class="card offer" data-testid="offer">
      <h3 class="card-title">{t("app-offer-text", { name: w.applicant.name, when: formatInstant(slot.starts_at, slot.time_zone), office: officeName(offices, slot.office_id) })}</h3>
      <p data-testid="offer-until">
        {t("app-offer-until", { until: formatTime(until.hour, until.minute, zoneLabel(slot.time_zone)), minutes: minutesLeft(offer.expires_at) })}
      </p>
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={busy}
          data-testid="accept-offer"
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              const b = await api.acceptOffer(offer.id);
              shared.announce(t("app-offer-accepted"));
              navigate(`/booking/${b.id}`);
            } catch (e) {
              setError(toAppError(e));
              setBusy(false);
            }
          }}
        >
          {busy ? t("app-offer-accepting") : t("app-offer-accept")}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          data-testid="decline-offer"
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await api.declineOffer(offer.id);
              onDone(t("app-offer-declined"));
            } catch (e) {
              setError(toAppError(e));
            }
            setBusy(false);
          }}
        >
          {t("app-offer-decline")}
        </button>
      </div>
      <ErrorBox error={error} />
    </li>
  );
}

function Entry({ e, offices }: { e: EntryView; offices: OfficeSummary[] }) {
  const first = e.choices[0];
  // The release instant in the zone of the offices chosen (one release is one local time).
  const tz = offices.find((o) => o.id === chosenOffices(e.choices)[0])?.time_zone ?? "Asia/Jakarta";
  return (
    <li class="card" data-testid="entry-item" data-outcome={e.outcome}>
      <h3 class="card-title">
        <a href={`#/draw/${e.draw_id}`}>{t("app-entry-release", { release: formatInstant(e.release_at, tz) })}</a>
      </h3>
      <p>
        {e.applicant.name} · {t(LANE_IDS[e.lane])}
      </p>
      {first && <p>{choiceLabel(first, offices)}{e.choices.length > 1 ? " …" : ""}</p>}
      <p>
        <strong>{t(OUTCOME_IDS[e.outcome])}</strong>
        {e.position != null && <> · {t("app-entry-position", { position: e.position })}</>}
      </p>
      {e.outcome === "placed" && e.booking_id && (
        <p>
          <a href={`#/booking/${e.booking_id}`}>{t("app-entry-pay")}</a>
        </p>
      )}
    </li>
  );
}

function Waiting({ w, offices, onLeft }: { w: WaitlistView; offices: OfficeSummary[]; onLeft: (message: string) => void }) {
  const [error, setError] = useState<AppError | null>(null);
  // Leaving gives up the place in line: asked once more.
  const [confirm, setConfirm] = useState(false);
  return (
    <li class="card" data-testid="waitlist-item" data-status={w.status}>
      <h3 class="card-title">{w.applicant.name}</h3>
      <p>{t("app-waitlist-item", { offices: w.office_ids.map((id) => officeName(offices, id)).join(", "), from: formatDateLong(w.from), to: formatDateLong(w.to) })}</p>
      <p>
        {t(LANE_IDS[w.lane])} · <strong>{t(WAITLIST_STATUS_IDS[w.status])}</strong>
        {w.status === "waiting" && <> · {t("app-waitlist-ahead", { ahead: w.ahead })}</>}
      </p>
      <button type="button" class="danger" data-testid="leave-waitlist" onClick={() => setConfirm(true)}>
        {t("app-waitlist-leave")}
      </button>
      {confirm && (
        <ConfirmDialog
          id={`leave-q-${w.id}`}
          question={t("app-waitlist-leave-question", { name: w.applicant.name })}
          yes={t("app-waitlist-leave-yes")}
          no={t("app-cancel-no")}
          yesTestid="leave-waitlist-yes"
          noTestid="leave-waitlist-no"
          onNo={() => setConfirm(false)}
          onYes={async () => {
            try {
              await api.leaveWaitlist(w.id);
              onLeft(t("app-waitlist-left"));
            } catch (e) {
              setError(toAppError(e));
            }
            setConfirm(false);
          }}
        />
      )}
      <ErrorBox error={error} />
    </li>
  );
}

export function BookingsPage() {
  const shared = useShared();
  const [snap, setSnap] = useState<BookingsSnapshot | null>(null);
  const [fair, setFair] = useState<FairReleaseSnapshot | null>(null);
  const [offices, setOffices] = useState<OfficeSummary[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [, tick] = useState(0);

  const loadFair = () => api.fairRelease().then(setFair, (e) => setError(toAppError(e)));
  useEffect(() => {
    api.listBookings().then(setSnap, (e) => setError(toAppError(e)));
    void loadFair();
    cached.offices.get().then(setOffices, () => undefined);
  }, []);
  // While a place waits in line (or an entry awaits its draw) look again now and then; an offer
  // that arrives is announced. The minutes left of an offer count down meanwhile.
  useEffect(() => {
    if (!fair || !worthRefreshing(fair.entries, fair.waitlist)) return;
    const timer = window.setInterval(() => {
      tick((n) => n + 1);
      void api.fairRelease().then((next) => {
        if (openOffers(next.waitlist).some((w) => !openOffers(fair.waitlist).some((o) => o.offer?.id === w.offer?.id))) shared.announce(t("app-offers-title"));
        setFair(next);
      }, () => undefined);
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [fair]);

  if (!snap) return error ? <ErrorBox error={error} /> : <Loading />;
  const { upcoming, past } = splitBookings(snap.bookings);
  // The next appointment that has its QR proof (paid): one tap to the code, offline too.
  const myQr = upcoming.find((b) => b.proof);
  const offers = fair ? openOffers(fair.waitlist) : [];
  const waiting = fair ? activeWaitlist(fair.waitlist).filter((w) => !offers.includes(w)) : [];
  const entries = fair ? recentEntries(fair.entries) : [];
  const done = (message: string) => {
    setNote(message);
    shared.announce(message);
    void loadFair();
  };
  return (
    <section aria-labelledby="bookings-title">
      <PageTitle id="bookings-title">{t("app-bookings-title")}</PageTitle>
      {snap.offline && (
        <p class="warning" role="status" data-testid="offline-copy">
          {snap.fetched_at ? t("app-bookings-offline-copy", { time: formatInstant(snap.fetched_at, "Asia/Jakarta") }) : t("app-error-no-cached-data")}
        </p>
      )}
      {snap.pending > 0 && <p class="warning" role="status">{t("app-bookings-pending", { count: snap.pending })}</p>}
      {note && <p class="success" data-testid="fair-note">{note}</p>}
      <ErrorBox error={snap && error ? error : null} />
      {offers.length > 0 && (
        <section aria-labelledby="offers-title">
          <h2 id="offers-title">{t("app-offers-title")}</h2>
          <ul class="cards" data-testid="offers">
            {offers.map((w) => (
              <Offer key={w.offer!.id} w={w} offices={offices} onDone={done} />
            ))}
          </ul>
        </section>
      )}
      {myQr && (
        <p>
          <a class="button primary" href={`#/booking/${myQr.id}?qr=1`} data-testid="my-qr">{t("app-bookings-my-qr", { name: myQr.applicant.name })}</a>
        </p>
      )}
      <NotificationsPanel onNew={() => api.listBookings().then(setSnap, () => undefined)} />
      <h2>{t("app-bookings-upcoming")}</h2>
      {upcoming.length ? <ul class="cards" data-testid="upcoming">{upcoming.map((b) => <Item key={b.id} b={b} />)}</ul> : <p>{t("app-bookings-none")}</p>}
      {entries.length > 0 && (
        <section aria-labelledby="entries-title">
          <h2 id="entries-title">{t("app-entries-title")}</h2>
          <ul class="cards" data-testid="entries">
            {entries.map((e) => (
              <Entry key={e.id} e={e} offices={offices} />
            ))}
          </ul>
        </section>
      )}
      {waiting.length > 0 && (
        <section aria-labelledby="waitlist-title">
          <h2 id="waitlist-title">{t("app-waitlist-title")}</h2>
          <ul class="cards" data-testid="waitlist">
            {waiting.map((w) => (
              <Waiting key={w.id} w={w} offices={offices} onLeft={done} />
            ))}
          </ul>
        </section>
      )}
      <h2>{t("app-bookings-past")}</h2>
      {past.length ? <ul class="cards" data-testid="past">{past.map((b) => <Item key={b.id} b={b} />)}</ul> : <p>{t("app-bookings-none")}</p>}
    </section>
  );
}
