// Issue 11, after check-in: the rating of the visit (1-5 and a comment) and, separately, "were
// you asked to pay beyond the official fee?" (anonymous if chosen, with where and when). Each
// is offered while the server's `actions` allow it, once.
import { useState } from "preact/hooks";
import { DateTimeField, ErrorBox, Field } from "../components";
import { t, zoneLabel } from "../i18n";
import { api, toAppError, type AppError, type BookingView } from "../ipc";
import { useShared } from "../state";

/** Hours ahead of UTC of each zone label (no daylight saving in Indonesia). */
const ZONE_HOURS: Record<string, number> = { WIB: 7, WITA: 8, WIT: 9 };

/** `YYYY-MM-DDTHH:MM` typed in the office's zone, as an instant (RFC 3339, UTC). */
export function officeLocalToUtc(local: string, timeZone: string): string {
  const hours = ZONE_HOURS[zoneLabel(timeZone)] ?? 7;
  const [date, time] = local.split("T") as [string, string];
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh - hours, mm)).toISOString().replace(".000", "");
}

function Rating({ b, onDone }: { b: BookingView; onDone: (fresh: BookingView, message: string) => void }) {
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  return (
    <form
      class="panel"
      data-testid="rate-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (rating === null) return;
        setBusy(true);
        setError(null);
        try {
          onDone(await api.rateVisit(b.id, { rating, comment }), t("app-rate-done"));
        } catch (err) {
          setError(toAppError(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <fieldset>
        <legend>{t("app-rate-legend", { office: b.office.name })}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} class="inline">
            <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} data-testid={`rate-${n}`} required /> {n}
          </label>
        ))}
      </fieldset>
      <Field id="rate-comment" label={t("app-rate-comment")}>
        {(a) => <textarea {...a} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} data-testid="rate-comment" />}
      </Field>
      <ErrorBox error={error} />
      <button type="submit" class="primary" disabled={busy || rating === null} data-testid="rate-submit">{t("app-rate-submit")}</button>
    </form>
  );
}

function IntegrityReport({ b, onDone }: { b: BookingView; onDone: (fresh: BookingView, message: string) => void }) {
  const [asked, setAsked] = useState<boolean | null>(null);
  const [amount, setAmount] = useState("");
  const [place, setPlace] = useState("");
  const [when, setWhen] = useState("");
  const [description, setDescription] = useState("");
  const [anonymous, setAnonymous] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const tz = b.office.time_zone;
  return (
    <form
      class="panel"
      data-testid="report-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (asked === null) return;
        setBusy(true);
        setError(null);
        try {
          const fresh = await api.reportIntegrity({
            booking_id: b.id,
            asked_to_pay: asked,
            ...(amount.trim() ? { amount: Number(amount.replace(/\D/g, "")) } : {}),
            place,
            ...(when ? { occurred_at: officeLocalToUtc(when, tz) } : {}),
            description,
            anonymous,
          });
          onDone(fresh, t("app-report-done"));
        } catch (err) {
          setError(toAppError(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <fieldset>
        <legend>{t("app-report-question")}</legend>
        <label class="inline">
          <input type="radio" name="asked" checked={asked === true} onChange={() => setAsked(true)} data-testid="report-yes" required /> {t("app-report-yes")}
        </label>
        <label class="inline">
          <input type="radio" name="asked" checked={asked === false} onChange={() => setAsked(false)} data-testid="report-no" /> {t("app-report-no")}
        </label>
      </fieldset>
      {asked && (
        <>
          <Field id="report-amount" label={t("app-report-amount")}>
            {(a) => <input {...a} inputMode="numeric" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} data-testid="report-amount" />}
          </Field>
          <Field id="report-place" label={t("app-report-place")}>
            {(a) => <input {...a} maxLength={200} value={place} onInput={(e) => setPlace(e.currentTarget.value)} data-testid="report-place" />}
          </Field>
          <DateTimeField id="report-when" label={t("app-report-when", { zone: zoneLabel(tz) })} value={when} onChange={setWhen} testid="report-when" />
          <Field id="report-description" label={t("app-report-description")}>
            {(a) => <textarea {...a} maxLength={1000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} data-testid="report-description" />}
          </Field>
        </>
      )}
      <label class="inline">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} data-testid="report-anonymous" /> {t("app-report-anonymous")}
      </label>
      <ErrorBox error={error} />
      <button type="submit" class="primary" disabled={busy || asked === null} data-testid="report-submit">{t("app-report-submit")}</button>
    </form>
  );
}

/** Both questions after the visit, each while the server still offers it. */
export function AfterVisit({ b, onChange }: { b: BookingView; onChange: (fresh: BookingView) => void }) {
  const shared = useShared();
  const [done, setDone] = useState<string | null>(null);
  const can = b.actions;
  if (!can.rate_visit.allowed && !can.report_integrity.allowed && !done) return null;
  const finish = (fresh: BookingView, message: string) => {
    onChange(fresh);
    setDone(message);
    shared.announce(message);
  };
  return (
    <section class="no-print" aria-labelledby="after-visit-title" data-testid="after-visit">
      <h2 id="after-visit-title">{t("app-after-visit-title")}</h2>
      {done && <p role="status" class="success" data-testid="after-visit-done">{done}</p>}
      {can.rate_visit.allowed && <Rating b={b} onDone={finish} />}
      {can.report_integrity.allowed && (
        <>
          <h3>{t("app-report-title")}</h3>
          <IntegrityReport b={b} onDone={finish} />
        </>
      )}
    </section>
  );
}
