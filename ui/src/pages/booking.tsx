import { useEffect, useRef, useState } from "preact/hooks";
import { ConfirmDialog, ErrorBox, Loading, Notice, PageTitle } from "../components";
import { onQueuedWritesSent } from "../queue";
import { formatInstant, formatRupiah, t } from "../i18n";
import type { ActionRule } from "../generated/ActionRule";
import type { DisruptionReason } from "../generated/DisruptionReason";
import { api, toAppError, type AppError, type BookingView, type ProofQr } from "../ipc";
import { errorMessageId } from "../lib/errors";
import { ACTIVE, LANE_IDS, PASSPORT_IDS, SOURCE_IDS, STATUS_IDS, VALIDITY_IDS, APPLICATION_IDS } from "../lib/labels";
import { navigate } from "../lib/router";
import { useShared } from "../state";
import { AfterVisit } from "./after-visit";

/** Why an action the server refuses is not offered, in the user's words (the refusal's code). */
function refusal(rule: ActionRule): string | null {
  return rule.allowed || !rule.refused ? null : t(errorMessageId(rule.refused));
}

/** The reason of a closure or disruption, in the user's words. */
export const REASON_IDS: Record<DisruptionReason, string> = {
  central_system: "disruption-reason-central-system",
  network: "disruption-reason-network",
  power: "disruption-reason-power",
  disaster: "disruption-reason-disaster",
  renovation: "disruption-reason-renovation",
  other: "disruption-reason-other",
};

/** A closure or disruption covers the booking: why, until when (in the office's zone), and the
 * one tap that moves it (protected places, the same office or one nearby), when the server
 * allows it. */
function DisruptionPanel({ b, onMoved }: { b: BookingView; onMoved: (moved: BookingView) => void }) {
  const shared = useShared();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const d = b.disruption;
  if (!d) return null;
  const tz = b.office.time_zone;
  return (
    <section class="panel warning-panel no-print" aria-labelledby="disruption-title" data-testid="disruption">
      <h2 id="disruption-title">{t("app-disruption-title")}</h2>
      <p>
        <strong data-testid="disruption-reason">{t(REASON_IDS[d.reason])}</strong>
        {d.note ? <> · {d.note}</> : null}
      </p>
      <p data-testid="disruption-until">
        {t("app-disruption-until", { time: d.expected_end ? formatInstant(d.expected_end, tz) : t("disruption-until-unknown") })}
      </p>
      {b.actions.reschedule_special && (
        <>
          <p>{t("app-special-reschedule-hint")}</p>
          <button
            type="button"
            class="primary"
            disabled={busy}
            data-testid="special-reschedule"
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                const moved = await api.specialReschedule(b.id);
                onMoved(moved);
                shared.announce(t("app-special-reschedule-done", { office: moved.office.name, time: formatInstant(moved.starts_at, moved.office.time_zone) }));
              } catch (e) {
                setError(toAppError(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            {t("app-special-reschedule-action")}
          </button>
        </>
      )}
      <ErrorBox error={error} />
    </section>
  );
}

/** Asked once, when the user first sees a booking: reminders need the app running. */
function StartAtLoginOffer() {
  const shared = useShared();
  const [error, setError] = useState<AppError | null>(null);
  const { info } = shared;
  if (info.platform !== "desktop" || info.settings.start_at_login_offered) return null;
  const answer = async (enable: boolean) => {
    try {
      shared.setInfo(await (enable ? api.setStartAtLogin(true) : api.dismissStartAtLoginOffer()));
    } catch (e) {
      setError(toAppError(e));
      // Asked and answered even when the OS refused: Settings offers it again.
      shared.setInfo(await api.dismissStartAtLoginOffer().catch(() => info));
    }
  };
  return (
    <section class="panel no-print" aria-labelledby="start-at-login-title" data-testid="start-at-login-offer">
      <p id="start-at-login-title">{t("app-start-at-login-offer")}</p>
      <button type="button" class="primary" data-testid="start-at-login-yes" onClick={() => answer(true)}>
        {t("app-start-at-login-yes")}
      </button>{" "}
      <button type="button" class="secondary" data-testid="start-at-login-no" onClick={() => answer(false)}>
        {t("app-start-at-login-no")}
      </button>
      <ErrorBox error={error} />
    </section>
  );
}

/** The QR code alone, as large as the screen allows, black on white: for the gate's scanner. */
function FullScreenQr({ svg, onClose }: { svg: string; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      back?.focus();
    };
  }, []);
  return (
    <div class="qr-full" role="dialog" aria-modal="true" aria-label={t("app-booking-qr-label")} data-testid="qr-full" onClick={onClose}>
      <div role="img" aria-label={t("app-booking-qr-label")} dangerouslySetInnerHTML={{ __html: svg }} />
      <button type="button" class="secondary" ref={close} onClick={onClose} data-testid="qr-full-close">
        {t("app-booking-qr-close")}
      </button>
    </div>
  );
}

export function BookingPage({ id, query }: { id: string; query?: URLSearchParams }) {
  const shared = useShared();
  const [b, setB] = useState<BookingView | null>(null);
  const [qr, setQr] = useState<ProofQr | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  // What was just saved: its path, and for the slip (a PDF) the offer to open it.
  const [saved, setSaved] = useState<{ path: string; open: boolean } | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  // "My QR" opens straight on the full-screen code.
  const [fullQr, setFullQr] = useState(query?.get("qr") === "1");

  useEffect(() => {
    api.getBooking(id).then(setB, (e) => setError(toAppError(e)));
  }, [id]);
  // A cancel kept offline was sent: show the booking as it is now.
  useEffect(() => onQueuedWritesSent(() => api.getBooking(id).then((fresh) => { setB(fresh); setError(null); }, () => undefined)), [id]);
  useEffect(() => {
    if (b?.proof) api.proofQr(b.proof).then(setQr, () => setQr(null));
  }, [b?.proof]);

  if (!b) return error ? <ErrorBox error={error} /> : <Loading />;
  // What may be done is the server's decision, sent with the booking; never re-derived here.
  const can = b.actions;
  const tz = b.office.time_zone;

  return (
    <article aria-labelledby="booking-title" class="booking">
      <PageTitle id="booking-title">{t("app-booking-title")}</PageTitle>
      <p class={`status ${b.status}`} data-testid="booking-status">{t(STATUS_IDS[b.status])}</p>
      {moved && <p role="status" class="success" data-testid="special-moved">{moved}</p>}
      <DisruptionPanel
        b={b}
        onMoved={(fresh) => {
          setB(fresh);
          setMoved(t("app-special-reschedule-done", { office: fresh.office.name, time: formatInstant(fresh.starts_at, fresh.office.time_zone) }));
        }}
      />
      {/* Paid: what the gate needs comes first. Waiting for payment: the billing code and the
          deadline lead, and the QR's place says when it comes. */}
      {b.proof && qr && (
        <>
          <h2>{t("app-booking-proof")}</h2>
          <figure class="qr" data-testid="qr">
            <button type="button" class="qr-open" onClick={() => setFullQr(true)} aria-label={t("app-booking-qr-enlarge")} data-testid="qr-open">
              <span dangerouslySetInnerHTML={{ __html: qr.svg }} />
            </button>
            <figcaption>
              {t("app-booking-qr-caption")}
              {qr.verified === true && <> · {t("app-booking-qr-verified")}</>}
            </figcaption>
          </figure>
        </>
      )}
      {fullQr && qr && <FullScreenQr svg={qr.svg} onClose={() => setFullQr(false)} />}
      <dl class="facts">
        <dt>{t("app-field-applicant")}</dt>
        <dd data-testid="booking-applicant">{b.applicant.name} (<span class="mono">{b.applicant.nik_masked}</span>)</dd>
        <dt>{t("app-field-office")}</dt>
        <dd>
          {b.office.name}, {b.office.city}
          {b.event_site && (
            <>
              {" · "}
              <strong data-testid="booking-event-site">{t("app-booking-event-site", { name: b.event_site.name })}</strong>
            </>
          )}
        </dd>
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
      {b.status === "checked_in" && <AfterVisit b={b} onChange={setB} />}
      {b.end_reason === "not_reconfirmed" && <p class="warning" data-testid="end-reason">{t("app-end-not-reconfirmed")}</p>}
      {b.attendance && ACTIVE.has(b.status) && (
        <section class="panel no-print" aria-labelledby="attendance-title" data-testid="attendance">
          <h2 id="attendance-title">{t("app-attendance-title")}</h2>
          {b.attendance.confirmed ? (
            <p class="success">{t("app-attendance-confirmed")}</p>
          ) : can.confirm_attendance.allowed ? (
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
      {!b.proof && (
        <>
          <h2>{t("app-booking-proof")}</h2>
          <p>{t("app-booking-qr-after-payment")}</p>
        </>
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
      <div class="actions no-print">
        <button
          type="button"
          class="secondary"
          data-testid="export-ics"
          onClick={async () => {
            try {
              setSaved({ path: (await api.exportIcs(b.id)).path, open: false });
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
              // The system's save dialog; nothing to say when the user cancelled it.
              const slip = await api.saveSlip(b.id);
              if (slip) setSaved({ path: slip.path, open: true });
            } catch (e) {
              setError(toAppError(e));
            }
          }}
        >
          {t("app-action-print")}
        </button>
      </div>
      {saved && (
        <p role="status" class="success" data-testid="saved" data-path={saved.path}>
          {t("app-saved-to", { path: saved.path })}
        </p>
      )}
      {saved?.open && (
        <p class="no-print">
          <button
            type="button"
            class="secondary"
            data-testid="open-slip"
            onClick={async () => {
              try {
                await api.openSavedFile(saved.path);
              } catch (e) {
                setError(toAppError(e));
              }
            }}
          >
            {t("app-slip-open")}
          </button>
        </p>
      )}
      <ErrorBox error={error} />
      {ACTIVE.has(b.status) && <StartAtLoginOffer />}
      {ACTIVE.has(b.status) && (
        <section class="rules no-print" aria-labelledby="change-title">
          <h2 id="change-title">{t("app-booking-change")}</h2>
          <p>{t("app-reschedule-rule")}</p>
          {can.reschedule_special ? (
            <p class="notice" data-testid="reschedule-special">{t("app-reschedule-special")}</p>
          ) : (
            <p>{can.reschedule.allowed ? t("app-reschedule-left", { count: b.reschedules_left }) : (refusal(can.reschedule) ?? t("app-reschedule-not-possible"))}</p>
          )}
          <button
            type="button"
            class="secondary"
            disabled={!can.reschedule.allowed}
            data-testid="reschedule"
            onClick={() => navigate(`/office/${encodeURIComponent(b.office.id)}?lane=${b.lane}&reschedule=${b.id}`)}
          >
            {t("app-action-reschedule")}
          </button>
          <p>{t("app-cancel-rule")}</p>
          {refusal(can.cancel) && <p>{refusal(can.cancel)}</p>}
          <button type="button" class="danger" disabled={!can.cancel.allowed} data-testid="cancel" onClick={() => setConfirmCancel(true)}>
            {t("app-action-cancel")}
          </button>
          {confirmCancel && (
            <ConfirmDialog
              id="cancel-q"
              question={t("app-cancel-question")}
              yes={t("app-cancel-yes")}
              no={t("app-cancel-no")}
              yesTestid="confirm-cancel"
              noTestid="cancel-no"
              onNo={() => setConfirmCancel(false)}
              onYes={async () => {
                try {
                  setB(await api.cancel(b.id));
                  shared.announce(t("status-cancelled"));
                } catch (e) {
                  setError(toAppError(e));
                }
                setConfirmCancel(false);
              }}
            />
          )}
        </section>
      )}
    </article>
  );
}
