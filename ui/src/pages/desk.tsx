// The office desk, for staff of one office: the day by lane and hour with arrivals, check-in by
// the proof's code (a USB scanner types it into the field, or the officer does) with the name and
// masked NIK to compare with the e-KTP, a priority walk-in with its queue number, and no-show
// marking at the end of the day. Every refusal is the server's, in the user's language.
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Field, Loading, PageTitle } from "../components";
import { formatDateLong, t } from "../i18n";
import { api, toAppError, type AppError, type DeskDay, type DeskEntry } from "../ipc";
import { LANE_IDS } from "../lib/labels";
import { useShared } from "../state";
import type { WalkInReason } from "../generated/WalkInReason";

const ARRIVAL_IDS: Record<DeskEntry["arrival"], string> = {
  expected: "app-desk-arrival-expected",
  arrived: "app-desk-arrival-arrived",
  unpaid: "app-desk-arrival-unpaid",
  no_show: "app-desk-arrival-no-show",
  ended: "app-desk-arrival-ended",
};

const REASON_IDS: Record<WalkInReason, string> = {
  elderly: "app-desk-reason-elderly",
  child_under_5: "app-desk-reason-child",
  pregnant: "app-desk-reason-pregnant",
  disabled: "app-desk-reason-disabled",
};

function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

function Person({ e }: { e: DeskEntry }) {
  return (
    <span>
      <strong>{e.name}</strong> · <span data-testid="nik-masked">{e.nik_masked}</span>
    </span>
  );
}

export function DeskPage({ officeId }: { officeId: string }) {
  const shared = useShared();
  const [date, setDate] = useState<string | null>(null);
  const [day, setDay] = useState<DeskDay | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  async function load(d: string | null) {
    setError(null);
    try {
      const loaded = await api.deskDay(officeId, d);
      setDay(loaded);
      setDate(loaded.date);
    } catch (e) {
      setError(toAppError(e));
    }
  }
  useEffect(() => void load(null), [officeId]);

  return (
    <section class="page">
      <PageTitle>{t("app-desk-title")}</PageTitle>
      <ErrorBox error={error} />
      {day === null && error === null && <Loading />}
      {day && (
        <>
          <p>{formatDateLong(day.date)}</p>
          <Field id="desk-date" label={t("app-desk-date")}>
            {(a) => <input {...a} type="date" value={date ?? ""} onChange={(e) => void load(e.currentTarget.value || null)} />}
          </Field>
          <CheckIn officeId={officeId} onDone={() => void load(date)} announce={shared.announce} />
          <WalkIn officeId={officeId} onDone={() => void load(date)} announce={shared.announce} />
          <Roster day={day} />
          <NoShows officeId={officeId} date={day.date} onDone={() => void load(date)} />
        </>
      )}
    </section>
  );
}

function Roster({ day }: { day: DeskDay }) {
  if (day.lanes.length === 0) return <p data-testid="desk-empty">{t("app-desk-empty")}</p>;
  return (
    <section aria-labelledby="desk-roster-title" data-testid="desk-roster">
      <h2 id="desk-roster-title">{t("app-desk-roster")}</h2>
      {day.lanes.map((lane) => (
        <section key={lane.lane} aria-labelledby={`lane-${lane.lane}`} data-testid={`lane-${lane.lane}`}>
          <h3 id={`lane-${lane.lane}`}>{t(LANE_IDS[lane.lane])}</h3>
          <p>{t("app-desk-lane-counts", { taken: lane.taken, capacity: lane.capacity, arrived: lane.arrived, expected: lane.expected })}</p>
          {lane.hours.map((h) => (
            <div key={h.hour}>
              <h4>{h.hour}</h4>
              <ul>
                {h.entries.map((e) => (
                  <li key={e.booking_id} data-testid="desk-entry" data-arrival={e.arrival}>
                    <Person e={e} /> · {t(ARRIVAL_IDS[e.arrival])}
                    {e.queue_number !== undefined && <> · {t("app-desk-queue-number", { number: e.queue_number })}</>}
                    {e.walk_in_reason && <> · {t(REASON_IDS[e.walk_in_reason])}</>}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </section>
  );
}

function CheckIn({ officeId, onDone, announce }: { officeId: string; onDone: () => void; announce: (s: string) => void }) {
  const [proof, setProof] = useState("");
  const [nik, setNik] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<DeskEntry | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const entry = await api.deskCheckIn(officeId, proof.trim(), nik.trim() || null);
      setDone(entry);
      setProof("");
      setNik("");
      announce(t("app-desk-checked-in", { name: entry.name, number: entry.queue_number ?? 0 }));
      onDone();
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} aria-labelledby="checkin-title" data-testid="checkin-form">
      <h2 id="checkin-title">{t("app-desk-checkin-title")}</h2>
      <Field id="checkin-proof" label={t("app-desk-proof")} hint={t("app-desk-proof-hint")}>
        {(a) => <input {...a} value={proof} autoComplete="off" onInput={(e) => setProof(e.currentTarget.value)} data-testid="checkin-proof" />}
      </Field>
      <Field id="checkin-nik" label={t("app-desk-nik")} hint={t("app-desk-nik-hint")}>
        {(a) => <input {...a} value={nik} inputMode="numeric" maxLength={16} autoComplete="off" onInput={(e) => setNik(e.currentTarget.value)} data-testid="checkin-nik" />}
      </Field>
      <ErrorBox error={error} />
      {done && (
        <p class="success" role="status" data-testid="checkin-done">
          {t("app-desk-checked-in", { name: done.name, number: done.queue_number ?? 0 })} · <Person e={done} />
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || proof.trim() === ""} data-testid="checkin-submit">
        {t("app-desk-checkin")}
      </button>
    </form>
  );
}

function WalkIn({ officeId, onDone, announce }: { officeId: string; onDone: () => void; announce: (s: string) => void }) {
  const [name, setName] = useState("");
  const [birth, setBirth] = useState("");
  const [nik, setNik] = useState("");
  const [reason, setReason] = useState<WalkInReason>("elderly");
  const [beyond, setBeyond] = useState(false);
  const [key, setKey] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<DeskEntry | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const entry = await api.walkIn(
        officeId,
        { nik: nik.trim(), name, birth_date: birth, reason, passport_kind: "ordinary", validity: "five_years", application_kind: "new", beyond_quota: beyond },
        key,
      );
      setDone(entry);
      setKey(newKey());
      setName("");
      setBirth("");
      setNik("");
      setBeyond(false);
      announce(t("app-desk-walked-in", { name: entry.name, number: entry.queue_number ?? 0 }));
      onDone();
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} aria-labelledby="walkin-title" data-testid="walkin-form">
      <h2 id="walkin-title">{t("app-desk-walkin-title")}</h2>
      <Field id="walkin-name" label={t("app-field-name")}>
        {(a) => <input {...a} value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="walkin-name" />}
      </Field>
      <Field id="walkin-birth" label={t("app-field-birth-date")}>
        {(a) => <input {...a} type="date" value={birth} onInput={(e) => setBirth(e.currentTarget.value)} data-testid="walkin-birth" />}
      </Field>
      <Field id="walkin-nik" label={t("app-desk-nik")}>
        {(a) => <input {...a} value={nik} inputMode="numeric" maxLength={16} onInput={(e) => setNik(e.currentTarget.value)} data-testid="walkin-nik" />}
      </Field>
      <Field id="walkin-reason" label={t("app-desk-reason")}>
        {(a) => (
          <select {...a} value={reason} onChange={(e) => setReason(e.currentTarget.value as WalkInReason)} data-testid="walkin-reason">
            {(Object.keys(REASON_IDS) as WalkInReason[]).map((r) => (
              <option key={r} value={r}>
                {t(REASON_IDS[r])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label class="check">
        <input type="checkbox" checked={beyond} onChange={(e) => setBeyond(e.currentTarget.checked)} data-testid="walkin-beyond" /> {t("app-desk-beyond-quota")}
      </label>
      <ErrorBox error={error} />
      {done && (
        <p class="success" role="status" data-testid="walkin-done">
          {t("app-desk-walked-in", { name: done.name, number: done.queue_number ?? 0 })}
          {done.beyond_quota && <> · {t("app-desk-served-beyond")}</>}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || !name || !birth || nik.trim().length !== 16} data-testid="walkin-submit">
        {t("app-desk-walkin")}
      </button>
    </form>
  );
}

function NoShows({ officeId, date, onDone }: { officeId: string; date: string; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [marked, setMarked] = useState<number | null>(null);
  return (
    <section aria-labelledby="noshow-title">
      <h2 id="noshow-title">{t("app-desk-no-show-title")}</h2>
      <p>{t("app-desk-no-show-hint")}</p>
      <ErrorBox error={error} />
      {marked !== null && (
        <p class="success" role="status" data-testid="no-show-done">
          {t("app-desk-no-show-marked", { count: marked })}
        </p>
      )}
      <button
        type="button"
        disabled={busy}
        data-testid="no-show-sweep"
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const r = await api.noShowSweep(officeId, date);
            setMarked(r.marked_no_show);
            onDone();
          } catch (err) {
            setError(toAppError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t("app-desk-no-show")}
      </button>
    </section>
  );
}
