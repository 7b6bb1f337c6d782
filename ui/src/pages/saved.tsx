// The saved copy of the bookings, readable after a session ended elsewhere (signed out from
// another device, a password reset, 30 days unused): what the applicant needs at the office,
// the time, the place and the QR proof, without signing in. Nothing here changes a booking.
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading, PageTitle } from "../components";
import { formatInstant, t } from "../i18n";
import { api, toAppError, type AppError, type BookingView, type BookingsSnapshot, type ProofQr } from "../ipc";
import { LANE_IDS, STATUS_IDS } from "../lib/labels";
import { navigate } from "../lib/router";
import { useShared } from "../state";
import { splitBookings } from "./bookings";

function SavedBooking({ b }: { b: BookingView }) {
  const [qr, setQr] = useState<ProofQr | null>(null);
  useEffect(() => {
    if (b.proof) api.proofQr(b.proof).then(setQr, () => setQr(null));
  }, [b.proof]);
  return (
    <li class="card" data-testid="saved-booking">
      <h2 class="card-title">{formatInstant(b.starts_at, b.office.time_zone)}</h2>
      <p>
        {b.applicant.name} (<span class="mono">{b.applicant.nik_masked}</span>)
      </p>
      <p>{b.office.name}, {b.office.city}</p>
      <p>
        {t(LANE_IDS[b.lane])} · <span class={`status ${b.status}`}>{t(STATUS_IDS[b.status])}</span>
      </p>
      <p>
        {t("app-field-billing-code")}: <span class="mono">{b.billing_code}</span>
      </p>
      {b.proof && qr ? (
        <figure class="qr" data-testid="qr">
          <div role="img" aria-label={t("app-booking-qr-label")} dangerouslySetInnerHTML={{ __html: qr.svg }} />
          <figcaption>
            {t("app-booking-qr-caption")}
            {qr.verified === true && <> · {t("app-booking-qr-verified")}</>}
          </figcaption>
        </figure>
      ) : (
        <p>{t("app-booking-qr-after-payment")}</p>
      )}
    </li>
  );
}

export function SavedPage() {
  const shared = useShared();
  const [snap, setSnap] = useState<BookingsSnapshot | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    api.savedBookings().then(setSnap, (e) => setError(toAppError(e)));
  }, []);
  const upcoming = snap ? splitBookings(snap.bookings).upcoming : [];
  return (
    <section aria-labelledby="saved-title">
      <PageTitle id="saved-title">{t("app-saved-title")}</PageTitle>
      <p>{t("app-saved-intro")}</p>
      <ErrorBox error={error} />
      {!snap && !error && <Loading />}
      {snap && upcoming.length === 0 && <p>{t("app-saved-empty")}</p>}
      {upcoming.length > 0 && (
        <ul class="cards" data-testid="saved-list">
          {upcoming.map((b) => (
            <SavedBooking key={b.id} b={b} />
          ))}
        </ul>
      )}
      {!shared.session && (
        <button type="button" class="primary" data-testid="back-to-sign-in" onClick={() => navigate("/")}>
          {t("app-action-back-to-sign-in")}
        </button>
      )}
    </section>
  );
}
