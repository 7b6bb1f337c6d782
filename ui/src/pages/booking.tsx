import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading, Notice, PageTitle } from "../components";
import { formatInstant, formatRupiah, t, todayAt } from "../i18n";
import { serverNow } from "../lib/clock";
import { api, toAppError, type AppError, type BookingView, type ProofQr } from "../ipc";
import { ACTIVE, LANE_IDS, PASSPORT_IDS, SOURCE_IDS, STATUS_IDS, VALIDITY_IDS, APPLICATION_IDS } from "../lib/labels";
import { navigate } from "../lib/router";
import { useShared } from "../state";

/** What may still be done with a booking, by the same rules the server applies. */
export function allowedActions(b: BookingView, now: Date = serverNow()): { reschedule: boolean; cancel: boolean } {
  const active = ACTIVE.has(b.status);
  return {
    reschedule: active && b.reschedules_left > 0 && todayAt(b.office.time_zone, now) < b.date,
    cancel: active && now.getTime() < Date.parse(b.starts_at),
  };
}

/** Whether attendance can (still) be reconfirmed: the office asks, not yet done, before the deadline. */
export function canConfirmAttendance(b: BookingView, now: Date = serverNow()): boolean {
  return ACTIVE.has(b.status) && Boolean(b.attendance) && !b.attendance!.confirmed && now.getTime() < Date.parse(b.attendance!.confirm_by);
}

export function BookingPage({ id }: { id: string }) {
  const shared = useShared();
  const [b, setB] = useState<BookingView | null>(null);
  const [qr, setQr] = useState<ProofQr | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    api.getBooking(id).then(setB, (e) => setError(toAppError(e)));
  }, [id]);
  useEffect(() => {
    if (b?.proof) api.proofQr(b.proof).then(setQr, () => setQr(null));
  }, [b?.proof]);

  if (!b) return error ? <ErrorBox error={error} /> : <Loading />;
  const can = allowedActions(b);
  const tz = b.office.time_zone;

  return (
    <article aria-labelledby="booking-title" class="booking">
      <PageTitle id="booking-title">{t("app-booking-title")}</PageTitle>
      <p class={`status ${b.status}`} data-testid="booking-status">{t(STATUS_IDS[b.status])}</p>
      <dl class="facts">
        <dt>{t("app-field-applicant")}</dt>
        <dd data-testid="booking-applicant">{b.applicant.name} (<span class="mono">{b.applicant.nik_masked}</span>)</dd>
        <dt>{t("app-field-office")}</dt>
        <dd>{b.office.name}, {b.office.city}</dd>
        <dt>{t("app-field-when")}</dt>
        <dd data-testid="booking-when" data-date={b.date} data-slot={String(b.slot_id)}><strong>{formatInstant(b.starts_at, tz)}</strong> ({b.session} {b.office.zone})</dd>
        <dt>{t("app-field-lane")}</dt>
        <dd>{t(LANE_IDS[b.lane])}</dd>
        <dt>{t("app-field-passport")}</dt>
        <dd>{t(PASSPORT_IDS[b.passport_kind])}, {t(VALIDITY_IDS[b.validity])} · {t(APPLICATION_IDS[b.application_kind])}</dd>
        <dt>{t("app-field-source")}</dt>
        <dd data-testid="booking-source" data-source={b.source}>{t(SOURCE_IDS[b.source])}</dd>
        <dt>{t("app-field-billing-code")}</dt>
        <dd class="mono big" data-testid="billing-code">{b.billing_code}</dd>
        {b.status === "pending_payment" && (
          <>
            <dt>{t("app-field-pay-before")}</dt>
            <dd><strong>{formatInstant(b.payment_deadline, tz)}</strong></dd>
          </>
        )}
      </dl>
      {b.status === "pending_payment" && <p class="warning">{t("app-booking-pay-warning")}</p>}
      {b.end_reason === "not_reconfirmed" && <p class="warning" data-testid="end-reason">{t("app-end-not-reconfirmed")}</p>}
      {b.attendance && ACTIVE.has(b.status) && (
        <section class="panel no-print" aria-labelledby="attendance-title" data-testid="attendance">
          <h2 id="attendance-title">{t("app-attendance-title")}</h2>
          {b.attendance.confirmed ? (
            <p class="success">{t("app-attendance-confirmed")}</p>
          ) : canConfirmAttendance(b) ? (
            <>
              <p>{t("app-attendance-ask", { deadline: formatInstant(b.attendance.confirm_by, tz) })}</p>
              <button
                type="button"
                class="primary"
                data-testid="confirm-attendance"
                onClick={async () => {
                  try {
                    setB(await api.confirmAttendance(b.id));
                    shared.announce(t("app-attendance-confirmed"));
                  } catch (e) {
                    setError(toAppError(e));
                  }
                }}
              >
                {t("app-attendance-confirm")}
              </button>
            </>
          ) : (
            <p class="warning">{t("app-attendance-late", { deadline: formatInstant(b.attendance.confirm_by, tz) })}</p>
          )}
        </section>
      )}
      {b.refund_due > 0 && (
        <p class="warning" data-testid="refund-due">
          {t("app-booking-refund-due", {
            amount: formatRupiah(b.refund_due),
            reason: t(`app-refund-reason-${(b.payments.find((p) => p.outcome === "refund_due")?.refund_reason ?? "unknown_billing_code").replace(/_/g, "-")}`),
          })}
        </p>
      )}
      <h2>{t("fee-heading")}</h2>
      <table class="fees">
        <tbody>
          {b.fee_lines.map((l) => (
            <tr key={l.item}><td>{t(l.item)}</td><td class="n">{formatRupiah(l.rupiah)}</td></tr>
          ))}
          <tr class="total"><th scope="row">{t("fee-total")}</th><td class="n" data-testid="fee-total">{formatRupiah(b.fee_total)}</td></tr>
        </tbody>
      </table>
      <Notice>{t("notice-official-fee-only")}</Notice>
      <h2>{t("documents-heading")}</h2>
      <ul>{b.documents.map((d) => <li key={d}>{t(d)}</li>)}</ul>
      <p class="hint">{t("documents-originals")}</p>
      <h2>{t("app-booking-proof")}</h2>
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
      <div class="actions no-print">
        <button
          type="button"
          class="secondary"
          data-testid="export-ics"
          onClick={async () => {
            try {
              setSaved(t("app-saved-to", { path: (await api.exportIcs(b.id)).path }));
            } catch (e) {
              setError(toAppError(e));
            }
          }}
        >
          {t("app-action-calendar")}
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="print-slip"
          onClick={async () => {
            try {
              setSaved(t("app-saved-to", { path: (await api.saveSlip(b.id)).path }));
            } catch (e) {
              setError(toAppError(e));
            }
            window.print();
          }}
        >
          {t("app-action-print")}
        </button>
      </div>
      {saved && <p role="status" class="success">{saved}</p>}
      <ErrorBox error={error} />
      {ACTIVE.has(b.status) && (
        <section class="rules no-print" aria-labelledby="change-title">
          <h2 id="change-title">{t("app-booking-change")}</h2>
          <p>{t("app-reschedule-rule")}</p>
          <p>{can.reschedule ? t("app-reschedule-left", { count: b.reschedules_left }) : t("app-reschedule-not-possible")}</p>
          <button
            type="button"
            class="secondary"
            disabled={!can.reschedule}
            data-testid="reschedule"
            onClick={() => navigate(`/office/${encodeURIComponent(b.office.id)}?lane=${b.lane}&reschedule=${b.id}`)}
          >
            {t("app-action-reschedule")}
          </button>
          <p>{t("app-cancel-rule")}</p>
          {!confirmCancel ? (
            <button type="button" class="danger" disabled={!can.cancel} data-testid="cancel" onClick={() => setConfirmCancel(true)}>
              {t("app-action-cancel")}
            </button>
          ) : (
            <div role="group" aria-labelledby="cancel-q">
              <p id="cancel-q"><strong>{t("app-cancel-question")}</strong></p>
              <button
                type="button"
                class="danger"
                data-testid="confirm-cancel"
                onClick={async () => {
                  try {
                    setB(await api.cancel(b.id));
                    shared.announce(t("status-cancelled"));
                  } catch (e) {
                    setError(toAppError(e));
                  }
                  setConfirmCancel(false);
                }}
              >
                {t("app-cancel-yes")}
              </button>{" "}
              <button type="button" class="secondary" onClick={() => setConfirmCancel(false)}>
                {t("app-cancel-no")}
              </button>
            </div>
          )}
        </section>
      )}
    </article>
  );
}
