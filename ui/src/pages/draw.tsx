// The draw of one release instant: where it stands, the account's entries (enter, change,
// withdraw until the instant), their outcomes and what to do next, and how anyone checks it.
import { Fragment } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { ConfirmDialog, DEFAULT_SERVICE, ErrorBox, Field, Loading, PageTitle, ServiceFields, type Service } from "../components";
import { addDays, formatDateLong, formatInstant, formatTime, t, toOfficeLocal, todayAt, zoneLabel } from "../i18n";
import {
  api,
  toAppError,
  type AppError,
  type ApplicantView,
  type BookingView,
  type Choice,
  type DrawCheck,
  type DrawOfficeView,
  type DrawView,
  type EntryView,
  type Lane,
  type OfficeSummary,
} from "../ipc";
import { serverNow } from "../lib/clock";
import { addChoice, choiceLabel, chosenOffices, drawPhase, MAX_CHOICES, MAX_OFFICES_PER_CHOICE, moveChoice, officeName, type DrawPhase } from "../lib/fair";
import { LANE_IDS, OUTCOME_IDS } from "../lib/labels";
import { cached, useShared } from "../state";
import { lanesFor } from "./find";

/** Offices in the same release as `home` (same zone, same local release time), nearest first. */
export function nearbyOffices(offices: OfficeSummary[], homeId: string, count = 10): OfficeSummary[] {
  const home = offices.find((o) => o.id === homeId);
  if (!home) return offices.slice(0, count);
  const km = (o: OfficeSummary) => Math.hypot(o.lat - home.lat, (o.lon - home.lon) * Math.cos((home.lat * Math.PI) / 180)) * 111;
  return offices
    .filter((o) => o.time_zone === home.time_zone)
    .sort((a, b) => km(a) - km(b))
    .slice(0, count);
}

/** The lane to start with: the one asked for if the applicant may use it, else the applicant's. */
export function initialLane(applicant: ApplicantView | undefined, asked: Lane | null): Lane {
  const allowed = lanesFor(applicant);
  if (asked && allowed.includes(asked)) return asked;
  return allowed[0] ?? "regular";
}

function releaseTime(d: DrawView, timeZone: string): string {
  const l = toOfficeLocal(d.release_at, timeZone);
  return formatTime(l.hour, l.minute, zoneLabel(timeZone));
}

export function DrawPage({ id, query }: { id: string; query: URLSearchParams }) {
  const shared = useShared();
  const officeId = query.get("office") ?? "";
  const date = query.get("date");
  const askedLane = query.get("lane") as Lane | null;
  const askedApplicant = query.get("applicant") ?? "";
  const [draw, setDraw] = useState<DrawView | null>(null);
  const [entries, setEntries] = useState<EntryView[]>([]);
  const [applicants, setApplicants] = useState<ApplicantView[] | null>(null);
  const [offices, setOffices] = useState<OfficeSummary[]>([]);
  const [standing, setStanding] = useState<DrawOfficeView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  async function load() {
    try {
      const [d, snap] = await Promise.all([api.getDraw(id), api.fairRelease()]);
      setDraw(d);
      setEntries(snap.entries.filter((e) => e.draw_id === id));
      if (officeId && d.status !== "drawn") api.drawOffice(id, officeId).then(setStanding, () => undefined);
    } catch (e) {
      setError(toAppError(e));
    }
  }
  useEffect(() => {
    void load();
    cached.applicants.get().then(setApplicants, (e) => setError(toAppError(e)));
    cached.offices.get().then(setOffices, () => undefined);
  }, [id]);

  const tz = offices.find((o) => o.id === officeId)?.time_zone ?? "Asia/Jakarta";
  const phase: DrawPhase | null = draw ? drawPhase(draw) : null;
  // Look again while the outcome is being made (every 3 s), and when entries close.
  useEffect(() => {
    if (!draw || !phase) return;
    const pending = entries.some((e) => e.outcome === "pending");
    let ms: number | null = null;
    if (phase === "drawing" || (phase === "drawn" && pending)) ms = 3_000;
    else if (phase === "accepting" || phase === "upcoming") {
      const next = Date.parse(phase === "accepting" ? draw.release_at : draw.opens_at) - serverNow().getTime();
      ms = Math.min(30_000, Math.max(1_000, next + 500));
    }
    if (ms === null) return;
    const timer = window.setTimeout(() => void load(), ms);
    return () => window.clearTimeout(timer);
  }, [draw, entries]);
  useEffect(() => {
    if (phase === "drawn" && draw) shared.announce(t("app-draw-drawn", { placed: draw.placed, entries: draw.entries }));
  }, [phase]);

  if (!draw) return error ? <ErrorBox error={error} /> : <Loading />;
  const release = formatInstant(draw.release_at, tz);
  const time = releaseTime(draw, tz);
  const editingEntry = entries.find((e) => e.applicant.id === editing);

  return (
    <section aria-labelledby="draw-title" class="draw">
      <PageTitle id="draw-title">{t("app-draw-title")}</PageTitle>
      <p class="lead">
        <strong>{t("app-draw-release", { release })}</strong>
      </p>
      <p role="status" data-testid="draw-phase" data-phase={phase ?? ""}>
        {phase === "upcoming" && t("app-draw-upcoming", { opens: formatInstant(draw.opens_at, tz), release })}
        {phase === "accepting" && t("app-draw-accepting", { release, time })}
        {phase === "drawing" && t("app-draw-drawing", { time })}
        {phase === "drawn" && t("app-draw-drawn", { placed: draw.placed, entries: draw.entries })}
      </p>
      {standing && phase !== "drawn" && (
        <p data-testid="draw-standing">{t("app-draw-standing", { entries: standing.entries, places: standing.places, office: officeName(offices, officeId) })}</p>
      )}
      <ErrorBox error={error} />

      <h2>{t("app-draw-mine")}</h2>
      {entries.length === 0 ? (
        <p>{t("app-draw-none-yet")}</p>
      ) : (
        <ul class="cards" data-testid="draw-entries">
          {entries.map((e) => (
            <EntryCard
              key={e.id}
              entry={e}
              offices={offices}
              phase={phase ?? "upcoming"}
              onChange={() => {
                setEditing(e.applicant.id);
                // The form is made anew for this entry: focus its title once it is there.
                window.setTimeout(() => document.getElementById("entry-form-title")?.focus(), 0);
              }}
              onWithdrawn={() => {
                shared.announce(t("app-entry-withdrawn"));
                void load();
              }}
            />
          ))}
        </ul>
      )}

      {phase === "accepting" && applicants && applicants.length === 0 && (
        <p>
          {t("app-find-no-applicants")} <a href="#/applicants">{t("app-nav-applicants")}</a>
        </p>
      )}
      {phase === "accepting" && applicants && applicants.length > 0 && (
        <EntryForm
          key={editing ?? "new"}
          draw={draw}
          applicants={applicants}
          offices={offices}
          entries={entries}
          applicantId={editingEntry?.applicant.id ?? (askedApplicant || applicants[0]?.id || "")}
          askedLane={askedLane}
          firstChoice={officeId && date ? { kind: "office_day", office_id: officeId, date } : null}
          homeOffice={officeId}
          onSaved={(e) => {
            shared.announce(t("app-draw-entered", { name: e.applicant.name, time }));
            setEditing(null);
            void load();
          }}
        />
      )}
      {(phase === "drawing" || phase === "drawn") && entries.length === 0 && <p>{t("app-draw-closed")}</p>}

      <h2>{t("app-draw-how-title")}</h2>
      <p>{t("app-draw-how", { release })}</p>
      <CheckSection draw={draw} entries={entries} />
    </section>
  );
}

function EntryCard({ entry: e, offices, phase, onChange, onWithdrawn }: { entry: EntryView; offices: OfficeSummary[]; phase: DrawPhase; onChange: () => void; onWithdrawn: () => void }) {
  const [booking, setBooking] = useState<BookingView | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    if (e.outcome === "placed" && e.booking_id) api.getBooking(e.booking_id).then(setBooking, () => undefined);
  }, [e.booking_id]);
  const names = chosenOffices(e.choices).map((id) => officeName(offices, id)).join(", ");
  return (
    <li class="card" data-testid="entry" data-outcome={e.outcome}>
      <h3 class="card-title">{e.applicant.name}</h3>
      <p>
        {t(LANE_IDS[e.lane])} · <strong data-testid="entry-outcome">{t(OUTCOME_IDS[e.outcome])}</strong>
      </p>
      <ol class="choices">
        {e.choices.map((c, i) => (
          <li key={i}>{choiceLabel(c, offices)}</li>
        ))}
      </ol>
      {e.position != null && <p data-testid="entry-position">{t("app-entry-position", { position: e.position })}</p>}
      {e.outcome === "placed" && booking && (
        <>
          <p data-testid="entry-placed">
            {t("app-entry-placed-detail", {
              when: formatInstant(booking.starts_at, booking.office.time_zone),
              office: booking.office.name,
              deadline: formatInstant(booking.payment_deadline, booking.office.time_zone),
            })}
          </p>
          <p>
            <a class="button primary" href={`#/booking/${booking.id}`} data-testid="entry-pay">
              {t("app-entry-pay")}
            </a>
          </p>
        </>
      )}
      {e.outcome === "waitlisted" && (
        <p>
          {t("app-entry-waitlisted-detail", { name: e.applicant.name, offices: names })} <a href="#/bookings">{t("app-waitlist-see")}</a>
        </p>
      )}
      {e.outcome === "skipped" && <p>{t("app-entry-skipped-detail")}</p>}
      {phase === "accepting" && e.outcome === "pending" && (
        <div class="actions">
          <button type="button" class="secondary" onClick={onChange} data-testid="entry-change">
            {t("app-entry-change")}
          </button>
          <button type="button" class="danger" onClick={() => setConfirm(true)} data-testid="entry-withdraw">
            {t("app-entry-withdraw")}
          </button>
          {confirm && (
            <ConfirmDialog
              id={`withdraw-q-${e.id}`}
              question={t("app-entry-withdraw-question", { name: e.applicant.name })}
              yes={t("app-entry-withdraw-yes")}
              no={t("app-cancel-no")}
              yesTestid="entry-withdraw-yes"
              noTestid="entry-withdraw-no"
              onNo={() => setConfirm(false)}
              onYes={async () => {
                try {
                  await api.withdrawEntry(e.draw_id, e.applicant.id);
                  onWithdrawn();
                } catch (err) {
                  setError(toAppError(err));
                }
                setConfirm(false);
              }}
            />
          )}
        </div>
      )}
      <ErrorBox error={error} />
    </li>
  );
}

type EntryFormProps = {
  draw: DrawView;
  applicants: ApplicantView[];
  offices: OfficeSummary[];
  entries: EntryView[];
  applicantId: string;
  askedLane: Lane | null;
  firstChoice: Choice | null;
  homeOffice: string;
  onSaved: (e: EntryView) => void;
};

function EntryForm({ draw, applicants, offices, entries, applicantId, askedLane, firstChoice, homeOffice, onSaved }: EntryFormProps) {
  const [who, setWho] = useState(applicantId);
  const applicant = applicants.find((a) => a.id === who);
  const existing = entries.find((e) => e.applicant.id === who);
  const [lane, setLane] = useState<Lane>(existing?.lane ?? initialLane(applicant, askedLane));
  const [service, setService] = useState<Service>(existing ? { passport_kind: existing.passport_kind, validity: existing.validity, application_kind: existing.application_kind } : DEFAULT_SERVICE);
  const [choices, setChoices] = useState<Choice[]>(existing?.choices ?? (firstChoice ? [firstChoice] : []));
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  function pick(id: string) {
    setWho(id);
    const next = applicants.find((a) => a.id === id);
    const theirs = entries.find((e) => e.applicant.id === id);
    setLane(theirs?.lane ?? initialLane(next, askedLane));
    setChoices(theirs?.choices ?? (firstChoice ? [firstChoice] : []));
    if (theirs) setService({ passport_kind: theirs.passport_kind, validity: theirs.validity, application_kind: theirs.application_kind });
  }

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.enterDraw(draw.id, who, { lane, ...service, choices }));
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} aria-labelledby="entry-form-title" data-testid="entry-form">
      <h2 id="entry-form-title" tabIndex={-1}>
        {existing ? t("app-draw-form-change-title") : t("app-draw-form-title")}
      </h2>
      <Field id="entry-applicant" label={t("app-field-applicant")}>
        {(a) => (
          <select {...a} value={who} onChange={(e) => pick(e.currentTarget.value)} data-testid="entry-applicant">
            {applicants.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="entry-lane" label={t("app-field-lane")} hint={applicant?.priority_eligible ? t("app-find-priority-eligible") : undefined}>
        {(a) => (
          <select {...a} value={lane} onChange={(e) => setLane(e.currentTarget.value as Lane)} data-testid="entry-lane">
            {lanesFor(applicant).map((l) => (
              <option key={l} value={l}>
                {t(LANE_IDS[l])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ServiceFields value={service} onChange={setService} prefix="entry-" />
      <ChoicesEditor draw={draw} lane={lane} offices={offices} homeOffice={homeOffice || chosenOffices(choices)[0] || ""} choices={choices} setChoices={setChoices} />
      <ErrorBox error={error} />
      <button type="submit" class="primary" disabled={busy || !who || choices.length === 0} data-testid="enter-draw">
        {busy ? t("app-draw-sending") : existing ? t("app-draw-save") : t("app-draw-enter")}
      </button>
    </form>
  );
}

function ChoicesEditor({ draw, lane, offices, homeOffice, choices, setChoices }: { draw: DrawView; lane: Lane; offices: OfficeSummary[]; homeOffice: string; choices: Choice[]; setChoices: (c: Choice[]) => void }) {
  return (
    <fieldset>
      <legend>{t("app-choices-title")}</legend>
      <p class="hint">{t("app-choices-hint")}</p>
      {choices.length === 0 ? (
        <p>{t("app-choice-none")}</p>
      ) : (
        <ol class="choices" data-testid="choices">
          {choices.map((c, i) => (
            <li key={i} data-testid="choice">
              <span>{choiceLabel(c, offices)}</span>
              <span class="choice-actions">
                <button type="button" class="secondary small" disabled={i === 0} onClick={() => setChoices(moveChoice(choices, i, -1))}>
                  <span aria-hidden="true">↑</span>
                  <span class="sr-only">{t("app-choice-up", { n: i + 1 })}</span>
                </button>
                <button type="button" class="secondary small" disabled={i === choices.length - 1} onClick={() => setChoices(moveChoice(choices, i, 1))}>
                  <span aria-hidden="true">↓</span>
                  <span class="sr-only">{t("app-choice-down", { n: i + 1 })}</span>
                </button>
                <button type="button" class="danger small" onClick={() => setChoices(choices.filter((_, j) => j !== i))} data-testid="choice-remove">
                  <span aria-hidden="true">✕</span>
                  <span class="sr-only">{t("app-choice-remove", { n: i + 1 })}</span>
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      {choices.length < MAX_CHOICES ? (
        <AddChoice draw={draw} lane={lane} offices={offices} homeOffice={homeOffice} onAdd={(c) => setChoices(addChoice(choices, c))} />
      ) : (
        <p class="hint">{t("app-choice-full")}</p>
      )}
    </fieldset>
  );
}

function AddChoice({ draw, lane, offices, homeOffice, onAdd }: { draw: DrawView; lane: Lane; offices: OfficeSummary[]; homeOffice: string; onAdd: (c: Choice) => void }) {
  const [kind, setKind] = useState<Choice["kind"]>("office_day");
  const [office, setOffice] = useState(homeOffice);
  const [days, setDays] = useState<string[] | null>(null);
  const [date, setDate] = useState("");
  const [picked, setPicked] = useState<string[]>(homeOffice ? [homeOffice] : []);
  const near = useMemo(() => nearbyOffices(offices, homeOffice), [offices, homeOffice]);

  useEffect(() => {
    if (!office && near[0]) setOffice(near[0].id);
  }, [near]);
  // The days of this office in this draw, for this lane.
  useEffect(() => {
    if (kind !== "office_day" || !office) return;
    setDays(null);
    const from = todayAt("Asia/Jakarta");
    api.officeCalendar(office, from, addDays(from, 41)).then(
      (cal) => {
        const list = cal.days.filter((d) => d.draw_id === draw.id && d.service_day && d.lanes.some((l) => l.lane === lane && l.capacity > 0)).map((d) => d.date);
        setDays(list);
        setDate(list[0] ?? "");
      },
      () => setDays([]),
    );
  }, [kind, office, lane]);

  const choice: Choice | null = kind === "office_day" ? (office && date ? { kind, office_id: office, date } : null) : picked.length > 0 ? { kind, office_ids: picked } : null;
  return (
    <fieldset data-testid="add-choice">
      <legend>{t("app-choice-add-title")}</legend>
      <div role="radiogroup" aria-label={t("app-choice-kind")}>
        <label class="check">
          <input type="radio" name="choice-kind" checked={kind === "office_day"} onChange={() => setKind("office_day")} data-testid="choice-kind-day" /> {t("app-choice-kind-day")}
        </label>
        <label class="check">
          <input type="radio" name="choice-kind" checked={kind === "earliest_at"} onChange={() => setKind("earliest_at")} data-testid="choice-kind-earliest" /> {t("app-choice-kind-earliest")}
        </label>
      </div>
      {kind === "office_day" ? (
        <>
          <Field id="choice-office" label={t("app-field-office")}>
            {(a) => (
              <select {...a} value={office} onChange={(e) => setOffice(e.currentTarget.value)}>
                {near.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {days === null ? (
            <Loading />
          ) : days.length === 0 ? (
            <p>{t("app-choice-no-days")}</p>
          ) : (
            <Field id="choice-day" label={t("app-choice-day")}>
              {(a) => (
                <select {...a} value={date} onChange={(e) => setDate(e.currentTarget.value)} data-testid="choice-day">
                  {days.map((d) => (
                    <option key={d} value={d}>
                      {formatDateLong(d)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </>
      ) : (
        <fieldset>
          <legend>{t("app-choice-offices")}</legend>
          {near.map((o) => (
            <label class="check" key={o.id}>
              <input
                type="checkbox"
                checked={picked.includes(o.id)}
                disabled={!picked.includes(o.id) && picked.length >= MAX_OFFICES_PER_CHOICE}
                onChange={(e) => setPicked(e.currentTarget.checked ? [...picked, o.id] : picked.filter((x) => x !== o.id))}
                data-testid="choice-office"
                value={o.id}
              />{" "}
              {o.name}
            </label>
          ))}
        </fieldset>
      )}
      <button type="button" class="secondary" disabled={!choice} onClick={() => choice && onAdd(choice)} data-testid="add-choice-button">
        {t("app-choice-add")}
      </button>
    </fieldset>
  );
}

/** How anyone checks the draw, and what this device checked of it once drawn. */
function CheckSection({ draw, entries }: { draw: DrawView; entries: EntryView[] }) {
  const [check, setCheck] = useState<DrawCheck | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    if (draw.status === "drawn") api.checkDraw(draw.id).then(setCheck, (e) => setError(toAppError(e)));
  }, [draw.status, entries.length]);
  const ok = check && check.seed_matches_commitment && check.order_verified && check.commitment_as_seen_before !== false;
  const first = entries[0];
  return (
    <section aria-labelledby="check-title" data-testid="draw-check">
      <h2 id="check-title">{t("app-check-title")}</h2>
      <p>{t("app-check-intro")}</p>
      <dl class="facts hashes">
        <dt>{t("app-check-commitment")}</dt>
        <dd class="mono hash" data-testid="commitment">{draw.commitment}</dd>
        {check && (
          <>
            <dt>{t("app-check-seed")}</dt>
            <dd class="mono hash" data-testid="seed">{check.seed}</dd>
          </>
        )}
        {entries.map((e) => (
          <Fragment key={e.id}>
            <dt>{t("app-check-digest", { name: e.applicant.name })}</dt>
            <dd class="mono hash" data-testid="digest">{e.digest}</dd>
          </Fragment>
        ))}
      </dl>
      {!check && draw.status !== "drawn" && <p>{t("app-check-after")}</p>}
      {check && ok && (
        <div class="success" data-testid="check-ok">
          <p>{t("app-check-checked-here")}</p>
          <ul>
            <li>{t("app-check-seed-ok")}</li>
            {check.commitment_as_seen_before === true && <li>{t("app-check-seen-before")}</li>}
            <li>{t("app-check-order-ok")}</li>
          </ul>
          {check.mine.filter((m) => m.position != null && m.digest_matches).map((m) => (
            <p key={m.entry_id} data-testid="check-mine">{t("app-check-mine", { name: m.applicant_name, position: m.position ?? 0, entries: check.entries })}</p>
          ))}
        </div>
      )}
      {check && !ok && (
        <div class="error" role="alert" data-testid="check-failed">
          <p>{t("app-check-failed")}</p>
          {check.commitment_as_seen_before === false && <p>{t("app-check-seen-differs")}</p>}
        </div>
      )}
      {check && (
        <>
          <p class="hash">{t("app-check-published", { url: check.result_url })}</p>
          <button
            type="button"
            class="secondary"
            data-testid="save-draw-result"
            onClick={async () => {
              try {
                setSaved((await api.saveDrawResult(draw.id)).path);
              } catch (e) {
                setError(toAppError(e));
              }
            }}
          >
            {t("app-check-save")}
          </button>
          {saved && (
            <p role="status" class="success">
              {t("app-saved-to", { path: saved })}
              {first && (
                <>
                  <br />
                  <span class="mono hash">{t("app-check-script", { file: saved, salt: first.salt, id: first.id })}</span>
                </>
              )}
            </p>
          )}
        </>
      )}
      <ErrorBox error={error} />
    </section>
  );
}
