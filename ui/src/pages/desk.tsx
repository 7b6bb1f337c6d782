// The office desk, for staff of one office: the day by lane and hour with arrivals, check-in by
// the proof's code (a USB scanner types it into the field, or the officer does) with the name and
// masked NIK to compare with the e-KTP, a priority walk-in with its queue number, and no-show
// marking at the end of the day; the camera reads the QR where the device has one (the decoded
// proof goes through the same check-in); the head of the office releases an event site. Every
// refusal is the server's, in the user's language.
import { useEffect, useRef, useState } from "preact/hooks";
import { DateField, DateTimeField, ErrorBox, Field, Loading, PageTitle, TimeField } from "../components";
import { formatDateLong, t, todayAt } from "../i18n";
import { api, toAppError, type AppError, type DeskDay, type DeskEntry } from "../ipc";
import { cameraProblem, hasCamera, onCamerasChanged, startScan, type CameraProblem, type Scanner } from "../lib/camera-scan";
import { LANE_IDS } from "../lib/labels";
import { useShared } from "../state";
import type { WalkInReason } from "../generated/WalkInReason";
import type { EventSiteView } from "../generated/EventSiteView";

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
          <p data-testid="desk-day" data-date={day.date}>{formatDateLong(day.date)}</p>
          {/* A day typed in full loads at once; an incomplete one waits for the rest. */}
          <DateField id="desk-date" label={t("app-desk-date")} value={date ?? ""} onChange={(d) => d && void load(d)} testid="desk-date" />
          <CheckIn officeId={officeId} onDone={() => void load(date)} announce={shared.announce} />
          <WalkIn officeId={officeId} onDone={() => void load(date)} announce={shared.announce} />
          <Roster day={day} />
          <NoShows officeId={officeId} date={day.date} onDone={() => void load(date)} />
          {shared.session?.account.role === "head" && <EventSite officeId={officeId} onDone={() => void load(date)} />}
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

  async function checkIn(code: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const entry = await api.deskCheckIn(officeId, code.trim(), nik.trim() || null);
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

  function submit(e: Event) {
    e.preventDefault();
    void checkIn(proof);
  }

  return (
    <form class="form" onSubmit={submit} aria-labelledby="checkin-title" data-testid="checkin-form">
      <h2 id="checkin-title">{t("app-desk-checkin-title")}</h2>
      <Camera
        onProof={(code) => {
          setProof(code);
          void checkIn(code);
        }}
      />
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
      <DateField id="walkin-birth" label={t("app-field-birth-date")} max={todayAt("Asia/Jayapura")} value={birth} onChange={setBirth} testid="walkin-birth" />
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

const CAMERA_PROBLEM_IDS: Record<Exclude<CameraProblem, "none">, string> = {
  denied: "app-desk-camera-denied",
  busy: "app-desk-camera-busy",
  failed: "app-desk-camera-failed",
};

/**
 * The camera, where the device has one: the first proof it reads is checked in. Without one
 * (none found, or getUserMedia answers that none is there) the desk says so and points to the
 * scanner and the field; a refused or busy camera is said as such.
 */
function Camera({ onProof }: { onProof: (proof: string) => void }) {
  const [available, setAvailable] = useState<boolean | null>(null);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<Exclude<CameraProblem, "none"> | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const scanner = useRef<Scanner | null>(null);
  useEffect(() => {
    let live = true;
    const check = () => void hasCamera().then((has) => live && setAvailable(has));
    check();
    const undo = onCamerasChanged(check);
    return () => {
      live = false;
      undo();
      scanner.current?.stop();
    };
  }, []);
  useEffect(() => {
    if (!open || !video.current) return;
    let cancelled = false;
    setProblem(null);
    startScan(video.current, (proof) => {
      scanner.current = null;
      setOpen(false);
      onProof(proof);
    })
      .then((s) => {
        if (cancelled) s.stop();
        else scanner.current = s;
      })
      .catch((e: unknown) => {
        const why = cameraProblem(e);
        if (why === "none") setAvailable(false);
        else setProblem(why);
        setOpen(false);
      });
    return () => {
      cancelled = true;
      scanner.current?.stop();
      scanner.current = null;
    };
  }, [open]);
  if (available === null) return null;
  if (!available) {
    return (
      <p class="hint" role="status" data-testid="camera-none">
        {t("app-desk-camera-none")}
      </p>
    );
  }
  return (
    <div class="camera" data-testid="camera">
      <button type="button" aria-pressed={open} onClick={() => setOpen(!open)} data-testid="camera-toggle">
        {t(open ? "app-desk-camera-stop" : "app-desk-camera-start")}
      </button>
      {open && (
        <>
          <video ref={video} class="camera-view" aria-label={t("app-desk-camera-view")} muted playsInline data-testid="camera-view" />
          <p role="status">{t("app-desk-camera-looking")}</p>
        </>
      )}
      {problem && (
        <p class="error" role="alert" data-testid="camera-failed" data-problem={problem}>
          {t(CAMERA_PROBLEM_IDS[problem])}
        </p>
      )}
    </div>
  );
}

/** The head of the office releases an event site (a stadium) for a day, with its own places. */
function EventSite({ officeId, onDone }: { officeId: string; onDone: () => void }) {
  const [name, setName] = useState("");
  const [lat, setLat] = useState("");
  const [lon, setLon] = useState("");
  const [date, setDate] = useState("");
  const [starts, setStarts] = useState("08:00");
  const [ends, setEnds] = useState("16:00");
  const [capacity, setCapacity] = useState("");
  const [release, setRelease] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<EventSiteView | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const site = await api.createEventSite(officeId, {
        name,
        lat: Number(lat),
        lon: Number(lon),
        date,
        starts,
        ends,
        capacity: Number(capacity),
        // A local date and time on this device, sent as an instant.
        release_at: release ? new Date(release).toISOString() : undefined,
        note,
      });
      setDone(site);
      onDone();
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  const ready = name.trim() && lat && lon && date && starts && ends && Number(capacity) > 0 && note.trim();
  return (
    <form class="form" onSubmit={submit} aria-labelledby="event-site-title" data-testid="event-site-form">
      <h2 id="event-site-title">{t("app-event-site-title")}</h2>
      <p>{t("app-event-site-hint")}</p>
      <Field id="site-name" label={t("app-event-site-name")}>
        {(a) => <input {...a} value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} data-testid="site-name" />}
      </Field>
      <Field id="site-lat" label={t("app-event-site-lat")}>
        {(a) => <input {...a} value={lat} inputMode="decimal" onInput={(e) => setLat(e.currentTarget.value)} data-testid="site-lat" />}
      </Field>
      <Field id="site-lon" label={t("app-event-site-lon")}>
        {(a) => <input {...a} value={lon} inputMode="decimal" onInput={(e) => setLon(e.currentTarget.value)} data-testid="site-lon" />}
      </Field>
      <DateField id="site-date" label={t("app-event-site-date")} value={date} onChange={setDate} testid="site-date" />
      <TimeField id="site-starts" label={t("app-event-site-starts")} value={starts} onChange={setStarts} testid="site-starts" />
      <TimeField id="site-ends" label={t("app-event-site-ends")} value={ends} onChange={setEnds} testid="site-ends" />
      <Field id="site-capacity" label={t("app-event-site-capacity")}>
        {(a) => <input {...a} value={capacity} inputMode="numeric" onInput={(e) => setCapacity(e.currentTarget.value)} data-testid="site-capacity" />}
      </Field>
      <DateTimeField id="site-release" label={t("app-event-site-release")} value={release} onChange={setRelease} testid="site-release" />
      <Field id="site-note" label={t("app-event-site-note")}>
        {(a) => <input {...a} value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} data-testid="site-note" />}
      </Field>
      <ErrorBox error={error} />
      {done && (
        <p class="success" role="status" data-testid="event-site-done">
          {t("app-event-site-created", { name: done.name, capacity: done.capacity, code: done.code })}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || !ready} data-testid="event-site-submit">
        {t("app-event-site-create")}
      </button>
    </form>
  );
}
