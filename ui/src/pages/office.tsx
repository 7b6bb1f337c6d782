import { useEffect, useMemo, useState } from "preact/hooks";
import { DEFAULT_SERVICE, ErrorBox, Loading, Notice, PageTitle, ServiceFields, type Service } from "../components";
import { addDays, formatDateLong, formatDateShort, formatInstant, formatRupiah, formatTime, parseDate, t, toOfficeLocal, todayAt, zoneLabel } from "../i18n";
import {
  api,
  toAppError,
  type AppError,
  type ApplicantView,
  type DrawOfficeView,
  type DrawView,
  type FeePreview,
  type Lane,
  type OfficeCalendar,
  type OfficeSummary,
  type QuotaRelease,
  type SlotView,
} from "../ipc";
import type { DayAvailability } from "../generated/DayAvailability";
import { LANE_IDS } from "../lib/labels";
import { drawPhase } from "../lib/fair";
import { serverNow } from "../lib/clock";
import { navigate } from "../lib/router";
import { cached, useShared } from "../state";
import { WaitlistForm } from "./waitlist";
import { OfficeDetails } from "./office-details";

export type DayState = "open" | "full" | "closed" | "not_released" | "draw";

/** What a calendar day means for one lane. A day whose release is still to be drawn goes by
 * draw (its places go to those who entered, not to the fastest), even in the seconds after the
 * release instant while the draw runs. */
export function dayState(day: DayAvailability, lane: Lane, now: Date = serverNow()): { state: DayState; remaining: number } {
  if (!day.service_day) return { state: "closed", remaining: 0 };
  if (day.draw_id) return { state: "draw", remaining: 0 };
  if (!day.released_at || Date.parse(day.released_at) > now.getTime()) return { state: "not_released", remaining: 0 };
  const remaining = day.lanes.find((l) => l.lane === lane)?.remaining ?? 0;
  return { state: remaining > 0 ? "open" : "full", remaining };
}

const DAY_STATE_IDS: Record<DayState, string> = {
  open: "app-day-open",
  full: "app-day-full",
  closed: "app-day-closed",
  not_released: "app-day-not-released",
  draw: "app-day-draw",
};

/** The draws whose days are in view: first and last service day of each, by release. */
export function drawsInView(calendar: OfficeCalendar): { drawId: string; first: string; last: string; release: string }[] {
  const out = new Map<string, { drawId: string; first: string; last: string; release: string }>();
  for (const d of calendar.days) {
    if (!d.draw_id || !d.service_day || !d.released_at) continue;
    const seen = out.get(d.draw_id);
    if (seen) seen.last = d.date;
    else out.set(d.draw_id, { drawId: d.draw_id, first: d.date, last: d.date, release: d.released_at });
  }
  return [...out.values()].sort((a, b) => a.release.localeCompare(b.release));
}

/** The days in view whose quota is not open yet, grouped by when it opens (earliest first):
 * "Senin, 7 Desember 2026 sampai Jumat, 11 Desember 2026: kuota dibuka Jumat, 4 Desember 2026,
 * 14.00 WIB". Days that go by draw are listed with their draw instead. */
export function releasesInView(calendar: OfficeCalendar, lane: Lane, now: Date = serverNow()): { first: string; last: string; release: string }[] {
  const out = new Map<string, { first: string; last: string; release: string }>();
  for (const d of calendar.days) {
    if (!d.released_at || dayState(d, lane, now).state !== "not_released") continue;
    const seen = out.get(d.released_at);
    if (seen) seen.last = d.date;
    else out.set(d.released_at, { first: d.date, last: d.date, release: d.released_at });
  }
  return [...out.values()].sort((a, b) => Date.parse(a.release) - Date.parse(b.release));
}

/** The draw page for a day: this office-day as the first choice. */
export function drawLink(drawId: string, officeId: string, date: string, lane: Lane, applicantId: string): string {
  const q = new URLSearchParams({ office: officeId, date, lane });
  if (applicantId) q.set("applicant", applicantId);
  return `/draw/${drawId}?${q.toString()}`;
}

/** A new idempotency key per booking attempt (kept across retries of that attempt). */
export function newKey(): string {
  return crypto.randomUUID();
}

export function OfficePage({ officeId, query }: { officeId: string; query: URLSearchParams }) {
  const shared = useShared();
  const lane = (query.get("lane") ?? "regular") as Lane;
  const applicantId = query.get("applicant") ?? "";
  const rescheduleId = query.get("reschedule");
  const [calendar, setCalendar] = useState<OfficeCalendar | null>(null);
  const [day, setDay] = useState<string | null>(query.get("date"));
  const [slots, setSlots] = useState<SlotView[] | null>(null);
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [applicant, setApplicant] = useState<ApplicantView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [office, setOffice] = useState<OfficeSummary | null>(null);
  const officeName = office?.name ?? officeId;
  const electronic = office?.services.electronic ?? false;
  const [draws, setDraws] = useState<Map<string, DrawView>>(new Map());
  // When moving a booking, its own slot is shown but cannot be picked.
  const [currentSlot, setCurrentSlot] = useState<number | null>(null);

  useEffect(() => {
    const from = todayAt("Asia/Jakarta");
    api.officeCalendar(officeId, from, addDays(from, 41)).then(setCalendar, (e) => setError(toAppError(e)));
    // When each draw in view takes entries (the calendar names the draw of every undrawn day).
    api.listDraws(addDays(from, -7), addDays(from, 48)).then((list) => setDraws(new Map(list.map((d) => [d.id, d]))), () => undefined);
    cached.offices.get().then((os) => setOffice(os.find((o) => o.id === officeId) ?? null), () => undefined);
    if (rescheduleId) api.getBooking(rescheduleId).then((b) => setCurrentSlot(b.slot_id), () => undefined);
    if (applicantId) cached.applicants.get().then((as) => setApplicant(as.find((a) => a.id === applicantId) ?? null), () => undefined);
  }, [officeId]);

  const picked = day && calendar ? calendar.days.find((d) => d.date === day) : undefined;
  const pickedState = picked ? dayState(picked, lane).state : null;

  useEffect(() => {
    // Slots only of open days (a full day leads to the waitlist, a draw day to the draw).
    if (!day || (calendar && pickedState !== "open")) return;
    setSlots(null);
    setSlot(null);
    api.daySlots(officeId, day, lane).then(setSlots, (e) => setError(toAppError(e)));
  }, [day]);

  return (
    <section aria-labelledby="office-title">
      <PageTitle id="office-title">{officeName}</PageTitle>
      <p>
        {rescheduleId ? t("app-office-reschedule-intro") : t("app-office-intro")} · {t(LANE_IDS[lane])}
        {calendar && ` · ${t("app-office-times-in", { zone: zoneLabel(calendar.time_zone) })}`}
      </p>
      {office && <OfficeDetails office={office} headingLevel={2} />}
      <ErrorBox error={error} />
      {calendar ? <Calendar calendar={calendar} lane={lane} selected={day} onPick={setDay} rescheduling={Boolean(rescheduleId)} /> : !error && <Loading />}
      {calendar && !rescheduleId && <DrawsInView calendar={calendar} draws={draws} officeId={officeId} lane={lane} applicantId={applicantId} />}
      {calendar && <ReleasesInView calendar={calendar} lane={lane} />}
      {picked && pickedState === "draw" && !rescheduleId && (
        <DrawDay day={picked} draw={draws.get(picked.draw_id ?? "")} officeId={officeId} officeName={officeName} timeZone={calendar?.time_zone ?? "Asia/Jakarta"} lane={lane} applicantId={applicantId} />
      )}
      {picked && pickedState === "full" && !rescheduleId && (
        <section aria-labelledby="full-title" class="panel" data-testid="full-day">
          <h2 id="full-title">{t("app-full-title", { date: formatDateLong(picked.date) })}</h2>
          <p>{t("app-full-intro")}</p>
          <WaitlistForm officeId={officeId} officeName={officeName} lane={lane} date={picked.date} applicantId={applicantId} />
        </section>
      )}
      {day && (!calendar || pickedState === "open") && (
        <section aria-labelledby="slots-title">
          <h2 id="slots-title">{t("app-office-slots-of", { date: formatDateLong(day) })}</h2>
          {slots === null ? (
            <Loading />
          ) : slots.length === 0 ? (
            <p>{t("app-office-no-slots")}</p>
          ) : (
            <ul class="slots" data-testid="slots">
              {slots.map((s) => {
                const start = toOfficeLocal(s.starts_at, s.time_zone);
                const end = toOfficeLocal(s.ends_at, s.time_zone);
                const label = `${formatTime(start.hour, start.minute, "")}–${formatTime(end.hour, end.minute, zoneLabel(s.time_zone))}`;
                const current = s.slot_id === currentSlot;
                return (
                  <li key={s.slot_id}>
                    <button
                      type="button"
                      class={slot?.slot_id === s.slot_id ? "slot selected" : "slot"}
                      aria-pressed={slot?.slot_id === s.slot_id}
                      disabled={s.remaining === 0 || current}
                      onClick={() => setSlot(s)}
                      data-testid="slot"
                    >
                      <span>{label}</span>{" "}
                      <span>{current ? t("app-slot-current") : s.remaining === 0 ? t("app-day-full") : t("app-places-left", { count: s.remaining })}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
      {slot && rescheduleId && <RescheduleConfirm bookingId={rescheduleId} slot={slot} />}
      {slot && !rescheduleId && applicant && <BookForm applicant={applicant} slot={slot} lane={lane} electronic={electronic} onBooked={(id) => { shared.announce(t("app-book-done")); navigate(`/booking/${id}`); }} />}
      {slot && !rescheduleId && !applicant && <p>{t("app-find-no-applicants")}</p>}
    </section>
  );
}

function Calendar({ calendar, lane, selected, onPick, rescheduling }: { calendar: OfficeCalendar; lane: Lane; selected: string | null; onPick: (d: string) => void; rescheduling: boolean }) {
  const first = calendar.days[0];
  const lead = first ? (parseDate(first.date).weekday + 6) % 7 : 0; // Monday-first grid
  return (
    <div class="cal-wrap">
      <h2>{t("app-office-calendar")}</h2>
      <ul class="legend" aria-label={t("app-office-legend")}>
        <li><span class="dot open" aria-hidden="true" /> {t("app-day-open")}</li>
        <li><span class="dot full" aria-hidden="true" /> {t("app-day-full")}</li>
        <li><span class="dot closed" aria-hidden="true" /> {t("app-day-closed")}</li>
        <li><span class="dot draw" aria-hidden="true" /> {t("app-day-draw")}</li>
      </ul>
      <ol class="calendar" data-testid="calendar">
        {Array.from({ length: lead }, (_, i) => (
          <li key={`pad${i}`} class="pad" aria-hidden="true" />
        ))}
        {calendar.days.map((d) => {
          const s = dayState(d, lane);
          const detail =
            s.state === "open"
              ? `, ${t("app-places-left", { count: s.remaining })}`
              : s.state === "draw" && d.released_at
                ? `, ${t("app-day-draw-label", { release: formatInstant(d.released_at, calendar.time_zone) })}`
                : s.state === "not_released" && d.released_at
                  ? `, ${t("app-day-opens", { release: formatInstant(d.released_at, calendar.time_zone) })}`
                  : "";
          // Read once: the screen reader gets the whole day in words, not also the short date
          // and the count shown in the square.
          const label = `${formatDateLong(d.date)}, ${t(DAY_STATE_IDS[s.state])}${detail}`;
          // Full days lead to the waitlist and draw days to the draw (not when moving a booking).
          const pickable = s.state === "open" || (!rescheduling && (s.state === "full" || s.state === "draw"));
          return (
            <li key={d.date}>
              <button
                type="button"
                class={`day ${s.state}${selected === d.date ? " selected" : ""}`}
                aria-pressed={selected === d.date}
                disabled={!pickable}
                onClick={() => onPick(d.date)}
                data-date={d.date}
                data-state={s.state}
              >
                <span class="d" aria-hidden="true">{formatDateShort(d.date)}</span>
                <span class="s" aria-hidden="true">{s.state === "open" ? s.remaining : t(DAY_STATE_IDS[s.state])}</span>
                <span class="sr-only">{label}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <Closures calendar={calendar} />
    </div>
  );
}

/** The reasons of the closed days in view (the office's note, the holiday's name). */
function Closures({ calendar }: { calendar: OfficeCalendar }) {
  const closed = calendar.days.filter((d) => d.closure);
  if (closed.length === 0) return null;
  return (
    <section aria-labelledby="closures-title" data-testid="closures">
      <h3 id="closures-title">{t("app-closures-title")}</h3>
      <ul>
        {closed.map((d) => {
          const c = d.closure!;
          const date = formatDateLong(d.date);
          const id = c.kind === "holiday" ? "app-closure-holiday" : c.reason ? "app-closure-office" : "app-closure-office-no-reason";
          return <li key={d.date}>{t(id, { date, reason: c.reason })}</li>;
        })}
      </ul>
    </section>
  );
}

function BookForm({ applicant, slot, lane, electronic, onBooked }: { applicant: ApplicantView; slot: SlotView; lane: Lane; electronic: boolean; onBooked: (id: string) => void }) {
  const [service, setService] = useState<Service>(DEFAULT_SERVICE);
  const { passport_kind: passport, validity, application_kind: kind } = service;
  const [fee, setFee] = useState<FeePreview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per attempt: a retry after a lost answer returns the same booking, never a second one.
  const key = useMemo(newKey, [slot.slot_id, passport, validity, kind]);

  useEffect(() => {
    void api
      .feePreview({ passport_kind: passport, validity, application_kind: kind, lane, age: applicant.age, married: applicant.married, electronic_offered: electronic })
      .then((f) => {
        setFee(f);
        // A choice this applicant may not make here is replaced before it can be sent.
        if (!f.validities.includes(validity) || !f.passport_kinds.includes(passport)) {
          setService({ ...service, validity: f.validities.includes(validity) ? validity : (f.validities[0] ?? validity), passport_kind: f.passport_kinds.includes(passport) ? passport : (f.passport_kinds[0] ?? passport) });
        }
      });
  }, [passport, validity, kind, electronic]);

  async function book(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const b = await api.createBooking(
        { applicant_id: applicant.id, slot_id: slot.slot_id, passport_kind: passport, validity, application_kind: kind },
        key,
      );
      onBooked(b.id);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  const when = toOfficeLocal(slot.starts_at, slot.time_zone);
  return (
    <form class="form book" onSubmit={book} aria-labelledby="book-title">
      <h2 id="book-title">{t("app-book-title")}</h2>
      <p>
        {applicant.name} · {formatDateLong(when.date)}, {formatTime(when.hour, when.minute, zoneLabel(slot.time_zone))} · {t(LANE_IDS[lane])}
      </p>
      <ServiceFields value={service} onChange={setService} options={fee ?? undefined} />
      {fee?.parents_attend && <p class="notice" data-testid="parents-attend">{t("app-book-parents-attend")}</p>}
      {fee && (
        <div data-testid="fees-preview">
          <h3>{t("fee-heading")}</h3>
          <table class="fees">
            <tbody>
              {fee.lines.map((l) => (
                <tr key={l.item}><td>{t(l.item)}</td><td class="n">{formatRupiah(l.rupiah)}</td></tr>
              ))}
              <tr class="total"><th scope="row">{t("fee-total")}</th><td class="n">{formatRupiah(fee.total)}</td></tr>
            </tbody>
          </table>
          <p class="hint">{t("fee-legal-basis")}</p>
          <h3>{t("documents-heading")}</h3>
          <ul>{fee.documents.map((d) => <li key={d}>{t(d)}</li>)}</ul>
        </div>
      )}
      <Notice>{t("notice-official-fee-only")}</Notice>
      <p class="hint">{t("app-book-payment-rule")}</p>
      <ErrorBox error={error} />
      <button type="submit" class="primary" disabled={busy} data-testid="book">
        {busy ? t("app-book-sending") : t("app-book-confirm")}
      </button>
    </form>
  );
}

function RescheduleConfirm({ bookingId, slot }: { bookingId: string; slot: SlotView }) {
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const when = toOfficeLocal(slot.starts_at, slot.time_zone);
  return (
    <div class="form">
      <h2>{t("app-reschedule-title")}</h2>
      <p>{t("app-reschedule-rule")}</p>
      <p>
        {t("app-reschedule-new-time")}: <strong>{formatDateLong(when.date)}, {formatTime(when.hour, when.minute, zoneLabel(slot.time_zone))}</strong>
      </p>
      <ErrorBox error={error} />
      <button
        type="button"
        class="primary"
        disabled={busy}
        data-testid="confirm-reschedule"
        onClick={async () => {
          setBusy(true);
          try {
            await api.reschedule(bookingId, slot.slot_id);
            navigate(`/booking/${bookingId}`);
          } catch (e) {
            setError(toAppError(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t("app-reschedule-confirm")}
      </button>
    </div>
  );
}

/** When the quota of the days not yet open opens, in the office's zone. */
function ReleasesInView({ calendar, lane }: { calendar: OfficeCalendar; lane: Lane }) {
  // The next few are enough to plan by; later weeks show on their days.
  const list = releasesInView(calendar, lane).slice(0, 3);
  // Reminders set at the instant a quota opens (kept by the Rust side, delivered like the others).
  const [reminders, setReminders] = useState<number[]>([]);
  const keep = (l: QuotaRelease[]) =>
    setReminders(l.filter((q) => q.office_id === calendar.office_id).map((q) => Date.parse(q.release_at)));
  useEffect(() => {
    api.releaseReminders().then(keep, () => undefined);
  }, [calendar.office_id]);
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="releases-title" data-testid="releases-in-view">
      <h3 id="releases-title">{t("app-office-releases")}</h3>
      <ul>
        {list.map((r) => {
          const release = formatInstant(r.release, calendar.time_zone);
          return (
            <li key={r.release}>
              {r.first === r.last
                ? t("app-office-release-day", { first: formatDateLong(r.first), release })
                : t("app-office-release-days", { first: formatDateLong(r.first), last: formatDateLong(r.last), release })}{" "}
              {reminders.includes(Date.parse(r.release)) ? (
                <>· <span data-testid="release-reminder-set">{t("app-office-release-reminder-set", { release })}</span></>
              ) : (
                <button
                  type="button"
                  class="secondary"
                  data-testid="remind-release"
                  onClick={() => api.remindAtRelease(calendar.office_id, r.release, r.first, r.last).then(keep, () => undefined)}
                >
                  {t("app-office-release-remind")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The draws of the days in view, each with when its quota opens. */
function DrawsInView({ calendar, draws, officeId, lane, applicantId }: { calendar: OfficeCalendar; draws: Map<string, DrawView>; officeId: string; lane: Lane; applicantId: string }) {
  // The next few are enough to plan by; later weeks show on their days.
  const list = drawsInView(calendar).slice(0, 3);
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="draws-title" data-testid="draws-in-view">
      <h3 id="draws-title">{t("app-office-draws")}</h3>
      <ul>
        {list.map((d) => (
          <li key={d.drawId}>
            {t("app-office-draw-days", { first: formatDateLong(d.first), last: formatDateLong(d.last), release: formatInstant(d.release, calendar.time_zone) })}{" "}
            {draws.get(d.drawId) && <a href={`#${drawLink(d.drawId, officeId, d.first, lane, applicantId)}`}>{t("app-draw-see")}</a>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A day whose quota goes by draw: when it opens, how the draw stands, and the way in. */
function DrawDay({ day, draw, officeId, officeName, timeZone, lane, applicantId }: { day: DayAvailability; draw: DrawView | undefined; officeId: string; officeName: string; timeZone: string; lane: Lane; applicantId: string }) {
  const [standing, setStanding] = useState<DrawOfficeView | null>(null);
  const drawId = day.draw_id ?? "";
  useEffect(() => {
    setStanding(null);
    if (drawId) api.drawOffice(drawId, officeId).then(setStanding, () => undefined);
  }, [drawId]);
  const releaseAt = draw?.release_at ?? day.released_at ?? "";
  const release = releaseAt ? formatInstant(releaseAt, timeZone) : "";
  const local = releaseAt ? toOfficeLocal(releaseAt, timeZone) : null;
  const time = local ? formatTime(local.hour, local.minute, zoneLabel(timeZone)) : "";
  const phase = draw ? drawPhase(draw) : "upcoming";
  const link = drawLink(drawId, officeId, day.date, lane, applicantId);
  return (
    <section aria-labelledby="draw-day-title" class="panel" data-testid="draw-day">
      <h2 id="draw-day-title">{t("app-office-draw-title", { date: formatDateLong(day.date) })}</h2>
      <p>
        <strong>{t("app-day-draw-label", { release })}</strong>
      </p>
      <p data-testid="draw-day-phase">
        {phase === "upcoming" && draw && t("app-draw-upcoming", { opens: formatInstant(draw.opens_at, timeZone), release })}
        {phase === "accepting" && t("app-draw-accepting", { release, time })}
        {phase === "drawing" && t("app-draw-drawing", { time })}
        {phase === "drawn" && draw && t("app-draw-drawn", { placed: draw.placed, entries: draw.entries })}
      </p>
      {standing && <p data-testid="draw-standing">{t("app-draw-standing", { entries: standing.entries, places: standing.places, office: officeName })}</p>}
      {phase === "accepting" ? (
        <button type="button" class="primary" data-testid="join-draw" onClick={() => navigate(link)}>
          {t("app-draw-join")}
        </button>
      ) : (
        <p>
          <a href={`#${link}`}>{t("app-draw-see")}</a>
        </p>
      )}
    </section>
  );
}
