// Joining the waitlist from a full day: who, which service, which days (this office, this lane).
import { useEffect, useState } from "preact/hooks";
import { DateField, DEFAULT_SERVICE, ErrorBox, Field, ServiceFields, type Service } from "../components";
import { addDays, t } from "../i18n";
import { api, toAppError, type AppError, type ApplicantView, type Lane, type WaitlistView } from "../ipc";
import { MAX_WAIT_DAYS } from "../lib/fair";
import { LANE_IDS } from "../lib/labels";
import { cached, useShared } from "../state";

/** The request's days are valid: from ≤ to, at most 62 days apart. */
export function validWaitDays(from: string, to: string): boolean {
  return Boolean(from) && Boolean(to) && from <= to && to <= addDays(from, MAX_WAIT_DAYS);
}

export function WaitlistForm({ officeId, officeName, lane, date, applicantId }: { officeId: string; officeName: string; lane: Lane; date: string; applicantId: string }) {
  const shared = useShared();
  const [applicants, setApplicants] = useState<ApplicantView[] | null>(null);
  const [who, setWho] = useState(applicantId);
  const [service, setService] = useState<Service>(DEFAULT_SERVICE);
  const [from, setFrom] = useState(date);
  const [to, setTo] = useState(date);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState<WaitlistView | null>(null);

  useEffect(() => {
    cached.applicants.get().then(
      (list) => {
        setApplicants(list);
        if (!list.some((a) => a.id === who)) setWho(list[0]?.id ?? "");
      },
      (e) => setError(toAppError(e)),
    );
  }, []);
  useEffect(() => {
    setFrom(date);
    setTo(date);
    setJoined(null);
  }, [date]);

  async function join(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const w = await api.joinWaitlist({ applicant_id: who, lane, ...service, office_ids: [officeId], from, to });
      setJoined(w);
      shared.announce(t("app-waitlist-joined", { name: w.applicant.name, ahead: w.ahead }));
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  if (joined) {
    return (
      <div class="success" data-testid="waitlist-joined">
        <p>{t("app-waitlist-joined", { name: joined.applicant.name, ahead: joined.ahead })}</p>
        <p>
          <a href="#/bookings">{t("app-waitlist-see")}</a>
        </p>
      </div>
    );
  }
  const datesOk = validWaitDays(from, to);
  return (
    <form class="form" onSubmit={join} aria-labelledby="waitlist-title" data-testid="waitlist-form">
      <h3 id="waitlist-title">{t("app-waitlist-join-title")}</h3>
      <p>
        {t("app-waitlist-offices", { offices: officeName })} · {t(LANE_IDS[lane])}
      </p>
      <Field id="wl-applicant" label={t("app-field-applicant")}>
        {(a) => (
          <select {...a} value={who} onChange={(e) => setWho(e.currentTarget.value)} data-testid="waitlist-applicant">
            {applicants?.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ServiceFields value={service} onChange={setService} prefix="wl-" />
      <DateField id="wl-from" label={t("app-waitlist-from")} min={date} value={from} onChange={setFrom} testid="waitlist-from" />
      <DateField
        id="wl-to"
        label={t("app-waitlist-to")}
        hint={t("app-waitlist-dates-hint")}
        min={from || date}
        max={addDays(from || date, MAX_WAIT_DAYS)}
        error={datesOk || !from || !to ? null : t("app-waitlist-dates-invalid")}
        value={to}
        onChange={setTo}
        testid="waitlist-to"
      />
      <ErrorBox error={error} />
      <button type="submit" class="primary" disabled={busy || !who || !datesOk} data-testid="join-waitlist">
        {busy ? t("app-waitlist-joining") : t("app-waitlist-join")}
      </button>
    </form>
  );
}
