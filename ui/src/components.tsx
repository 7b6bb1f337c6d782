import type { ComponentChildren, JSX } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { addDays, addMinutes, addMonths, formatDateLong, formatDateNumeric, formatTimeNumeric, getLocale, parseDateInput, parseTimeInput, t } from "./i18n";
import { serverNow } from "./lib/clock";
import { secondsUntil } from "./lib/accounts";
import { describeError } from "./lib/errors";
import type { AppError } from "./ipc";
import type { ApplicationKind } from "./generated/ApplicationKind";
import type { PassportKind } from "./generated/PassportKind";
import type { Validity } from "./generated/Validity";
import { APPLICATION_IDS, PASSPORT_IDS, VALIDITY_IDS } from "./lib/labels";

/** The page title; focused on arrival so screen readers announce the new page. */
export function PageTitle({ id, children }: { id?: string; children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 id={id} tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

/** A button an error offers: what the user can do about it, right there. */
export type ErrorActionButton = { label: string; run: () => void; testid?: string };

export function ErrorBox({ error, actions = [] }: { error: AppError | null; actions?: ErrorActionButton[] }) {
  if (!error) return null;
  // Not a failure: the write is kept on this device and sent once the server answers.
  if (error.code === "queued_offline") {
    return (
      <p class="offline" role="status" data-code={error.code}>
        {describeError(error)}
      </p>
    );
  }
  if (actions.length === 0) {
    return (
      <p class="error" role="alert" data-code={error.code}>
        {describeError(error)}
      </p>
    );
  }
  return (
    <div class="error" role="alert" data-code={error.code}>
      <p>{describeError(error)}</p>
      <p class="next-steps">
        {actions.map((a) => (
          <button key={a.label} type="button" class="secondary" onClick={a.run} data-testid={a.testid}>
            {a.label}
          </button>
        ))}
      </p>
    </div>
  );
}

type FieldProps = {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  /** Another element that describes the control (e.g. a checklist shown after it). */
  describedBy?: string | undefined;
  children: (a11y: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => JSX.Element;
};

/** A labelled form field with its hint and error tied to the control for screen readers. */
export function Field({ id, label, hint, error, describedBy, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : "", describedBy ?? "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, ...(described ? { "aria-describedby": described } : {}), ...(error ? { "aria-invalid": true } : {}) })}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

type DateFieldProps = {
  id: string;
  label: string;
  /** The date as `YYYY-MM-DD`, or "" for none. */
  value: string;
  /** Called with the typed date as `YYYY-MM-DD` once it is a date within min/max, with "" while
   * it is not (empty, incomplete, or out of range). */
  onChange: (date: string) => void;
  min?: string | undefined;
  max?: string | undefined;
  /** What the page says about the field, besides how to type a date. */
  hint?: string | undefined;
  /** The page's own error (the field's own, an unknown or out-of-range date, comes first). */
  error?: string | null | undefined;
  required?: boolean;
  autoComplete?: string;
  testid?: string | undefined;
};

/** What a typed field reads and writes (a date or a clock time): its messages are
 * `app-<msg>-placeholder`, `-hint`, `-invalid`, `-too-early` and `-too-late`. */
type Kind = {
  msg: string;
  mode: "text" | "decimal";
  /** The value (`YYYY-MM-DD`, `HH:MM`) as the field shows it. */
  show: (value: string) => string;
  read: (text: string) => string | null;
  /** What each key does to the value. */
  moves: Record<string, (value: string) => string>;
  /** Where an empty field's first step lands (without min) and the hint's example. */
  origin: () => string;
  /** The value in words, read under the field (and in the min/max errors). */
  words?: (value: string) => string;
};

const DATE: Kind = {
  msg: "date",
  mode: "text",
  show: (d) => formatDateNumeric(d),
  read: (s) => parseDateInput(s),
  moves: {
    ArrowUp: (d) => addDays(d, 1),
    ArrowDown: (d) => addDays(d, -1),
    PageUp: (d) => addMonths(d, 1),
    PageDown: (d) => addMonths(d, -1),
  },
  origin: () => serverNow().toISOString().slice(0, 10),
  words: (d) => formatDateLong(d),
};

const TIME: Kind = {
  msg: "time",
  mode: "decimal",
  show: (x) => formatTimeNumeric(x),
  read: parseTimeInput,
  moves: {
    ArrowUp: (x) => addMinutes(x, 1),
    ArrowDown: (x) => addMinutes(x, -1),
    PageUp: (x) => addMinutes(x, 60),
    PageDown: (x) => addMinutes(x, -60),
  },
  origin: () => "12:00",
};

/** A date field that shows and reads dates in the chosen language's order ("15/12/2026"), not
 * the web view's (WebKitGTK shows `type=date` as 12/15/2026 whatever the app's language). Also
 * reads "15 Desember 2026" and ISO. The day in words ("Selasa, 15 Desember 2026") follows the
 * field and is read with it. Up/Down move a day, Page Up/Down a month, within min/max. The page
 * gets `YYYY-MM-DD` (the input's `data-value` shows it too). */
export function DateField(props: DateFieldProps) {
  return <TypedField {...props} kind={DATE} />;
}

/** A clock-time field, 24-hour, shown with the language's separator ("14.30" in Indonesian,
 * "14:30" in English; WebKitGTK shows `type=time` as "02:30 PM" whatever the app's language).
 * Reads either separator, "1430" and a whole hour ("9"). Up/Down move a minute, Page Up/Down an
 * hour, within min/max and the day. The page gets `HH:MM`; otherwise as `DateField`. */
export function TimeField(props: DateFieldProps) {
  return <TypedField {...props} kind={TIME} />;
}

/** A local date and time: a `DateField` and a `TimeField` grouped under `label` (a fieldset).
 * The page gets `YYYY-MM-DDTHH:MM` (as `<input type=datetime-local>` gave it; the group's
 * `data-value` shows it) once both parts are typed and within min/max, "" otherwise; once one
 * part holds a value the other is required, so a form is not sent with half an instant (which
 * the page would take for none). The parts' test ids are `<testid>-date` and `<testid>-time`. */
export function DateTimeField({ id, label, value, onChange, min, max, hint, error, required, testid }: DateFieldProps) {
  const [date, setDate] = useState(value.slice(0, 10));
  const [time, setTime] = useState(value.slice(11, 16));
  const joined = (d: string, x: string) => (d && x && !(min && `${d}T${x}` < min) && !(max && `${d}T${x}` > max) ? `${d}T${x}` : "");
  // What the page sets, or its clearing the whole, rewrites the parts, before the browser
  // paints (a layout effect), so the field never shows the old parts beside the new value.
  useLayoutEffect(() => {
    if (value && value !== joined(date, time)) {
      setDate(value.slice(0, 10));
      setTime(value.slice(11, 16));
    } else if (!value && joined(date, time)) {
      setDate("");
      setTime("");
    }
  }, [value]);
  function put(d: string, x: string) {
    setDate(d);
    setTime(x);
    const next = joined(d, x);
    if (next !== value) onChange(next);
  }
  // The time's limits hold on the first and last day only.
  const part = (limit: string | undefined) => (limit && date === limit.slice(0, 10) ? limit.slice(11, 16) : undefined);
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <fieldset id={id} data-testid={testid} data-value={joined(date, time)} aria-describedby={described || undefined}>
      <legend>{label}</legend>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      <DateField id={`${id}-date`} label={t("app-datetime-date")} value={date} onChange={(d) => put(d, time)} min={min?.slice(0, 10)} max={max?.slice(0, 10)} required={required || !!time} testid={testid && `${testid}-date`} />
      <TimeField id={`${id}-time`} label={t("app-datetime-time")} value={time} onChange={(x) => put(date, x)} min={part(min)} max={part(max)} required={required || !!date} testid={testid && `${testid}-time`} />
      {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
    </fieldset>
  );
}

function TypedField({ kind, id, label, value, onChange, min, max, hint, error, required, autoComplete = "off", testid }: DateFieldProps & { kind: Kind }) {
  const locale = getLocale();
  const { show, read, msg } = kind;
  const [text, setText] = useState(value ? show(value) : "");
  const [touched, setTouched] = useState(false);
  const shownLocale = useRef(locale);
  const parsed = read(text);
  const range = parsed && min && parsed < min ? "early" : parsed && max && parsed > max ? "late" : null;
  const accepted = parsed && !range ? parsed : "";
  // A value the page sets (read from a NIK, the day the desk loaded), or the language changing,
  // rewrites the text; the user's typing is left alone while it means the page's value. A layout
  // effect: the text changes in the same frame as what the page shows beside it ("read from your
  // NIK"), never a frame later.
  useLayoutEffect(() => {
    const relabel = shownLocale.current !== locale;
    shownLocale.current = locale;
    if (value && (value !== accepted || relabel)) setText(show(value));
    else if (!value && accepted) setText("");
  }, [value, locale]);
  const example = show(value || min || kind.origin());
  const limit = kind.words ?? show;
  const own = range === "early"
    ? t(`app-${msg}-too-early`, { min: limit(min!) })
    : range === "late"
      ? t(`app-${msg}-too-late`, { max: limit(max!) })
      : touched && text.trim() && !parsed
        ? t(`app-${msg}-invalid`, { example })
        : null;
  function take(next: string) {
    setText(next);
    const v = read(next);
    const ok = v && !(min && v < min) && !(max && v > max) ? v : "";
    if (ok !== value) onChange(ok);
  }
  function step(e: KeyboardEvent) {
    const move = kind.moves[e.key];
    if (!move) return;
    e.preventDefault();
    const from = parsed ?? min ?? kind.origin();
    let next = parsed ? move(from) : from;
    if (min && next < min) next = min;
    if (max && next > max) next = max;
    take(show(next));
  }
  return (
    <Field
      id={id}
      label={label}
      hint={[hint, t(`app-${msg}-hint`, { example })].filter(Boolean).join(" ")}
      error={own ?? error}
      describedBy={kind.words && `${id}-words`}
    >
      {(a) => (
        <>
          <input
            {...a}
            type="text"
            inputMode={kind.mode}
            autoComplete={autoComplete}
            placeholder={t(`app-${msg}-placeholder`)}
            required={required}
            value={text}
            data-value={accepted}
            data-testid={testid}
            onInput={(e) => take(e.currentTarget.value)}
            onKeyDown={step}
            onBlur={() => {
              setTouched(true);
              if (parsed) setText(show(parsed));
            }}
          />
          {kind.words && (
            <p class="hint date-words" id={`${id}-words`} aria-live="polite" data-testid={testid ? `${testid}-words` : undefined}>
              {parsed ? kind.words(parsed) : ""}
            </p>
          )}
        </>
      )}
    </Field>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t("app-loading")}
    </p>
  );
}

export function Notice({ children }: { children: ComponentChildren }) {
  return <p class="notice">{children}</p>;
}

/** The service asked for: passport kind, validity, new or replacement. */
export type Service = { passport_kind: PassportKind; validity: Validity; application_kind: ApplicationKind };
export const DEFAULT_SERVICE: Service = { passport_kind: "ordinary", validity: "five_years", application_kind: "new" };

/** The three service fields of the booking, draw and waitlist forms. `prefix` keeps ids unique. */
/** The passport kinds and validities an applicant may choose (all when not given). */
export type ServiceOptions = { passport_kinds: PassportKind[]; validities: Validity[] };

export function ServiceFields({ value, onChange, prefix = "", options }: { value: Service; onChange: (s: Service) => void; prefix?: string; options?: ServiceOptions }) {
  const passports = options?.passport_kinds ?? (Object.keys(PASSPORT_IDS) as PassportKind[]);
  const validities = options?.validities ?? (Object.keys(VALIDITY_IDS) as Validity[]);
  return (
    <>
      <Field id={`${prefix}passport`} label={t("app-field-passport")}>
        {(a) => (
          <select {...a} value={value.passport_kind} onChange={(e) => onChange({ ...value, passport_kind: e.currentTarget.value as PassportKind })}>
            {passports.map((k) => <option key={k} value={k}>{t(PASSPORT_IDS[k])}</option>)}
          </select>
        )}
      </Field>
      <Field id={`${prefix}validity`} label={t("app-field-validity")} hint={t("app-book-validity-rule")}>
        {(a) => (
          <select {...a} value={value.validity} onChange={(e) => onChange({ ...value, validity: e.currentTarget.value as Validity })}>
            {validities.map((k) => <option key={k} value={k}>{t(VALIDITY_IDS[k])}</option>)}
          </select>
        )}
      </Field>
      <Field id={`${prefix}kind`} label={t("app-field-application")}>
        {(a) => (
          <select {...a} value={value.application_kind} onChange={(e) => onChange({ ...value, application_kind: e.currentTarget.value as ApplicationKind })}>
            {(Object.keys(APPLICATION_IDS) as ApplicationKind[]).map((k) => <option key={k} value={k}>{t(APPLICATION_IDS[k])}</option>)}
          </select>
        )}
      </Field>
    </>
  );
}

/** Seconds left until `at` (ms since the epoch), counting down once a second while above 0. */
export function useCountdown(at: number | null): number {
  const left = () => secondsUntil(at);
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (at === null) return;
    const timer = window.setInterval(() => {
      const s = left();
      setSeconds(s);
      if (s <= 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [at]);
  return seconds;
}

/** The control last clicked: the opener of a dialog where a click does not focus a button
 * (WebKit on macOS). */
let lastActivated: HTMLElement | null = null;
if (typeof document !== "undefined") {
  document.addEventListener(
    "click",
    (e) => {
      const el = e.target instanceof Element ? e.target.closest<HTMLElement>("button, a, [tabindex]") : null;
      if (el) lastActivated = el;
    },
    true,
  );
}

/** Where focus goes back when a dialog closes: the control that opened it, or, when that one is
 * gone or disabled (e.g. the booking it cancelled is no longer active), the page's title. */
export function returnFocus(opener: HTMLElement | null): void {
  // After the answer has been rendered (the opener may have changed meanwhile).
  window.setTimeout(() => {
    const usable = opener && opener.isConnected && !(opener as HTMLButtonElement).disabled && opener.offsetParent !== null;
    const target = usable ? opener : document.querySelector<HTMLElement>("main h1");
    target?.focus();
  }, 0);
}

type ConfirmProps = {
  /** Id of the question, which labels the dialog and takes the focus when it opens. */
  id: string;
  question: string;
  /** What the answer means, shown under the question. */
  children?: ComponentChildren;
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
  busy?: boolean;
  testid?: string;
  yesTestid?: string;
  noTestid?: string;
};

/** A question before something that cannot be undone, as a modal dialog (the page behind it
 * inert). Focus moves to the question when it opens, so screen readers read it first and Tab
 * reaches the answers; when it closes, focus goes back to the control that opened it. Escape
 * answers "no". Render it only while it is open. */
export function ConfirmDialog({ id, question, children, yes, no, onYes, onNo, busy = false, testid, yesTestid, noTestid }: ConfirmProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    const opener = active instanceof HTMLElement && active !== document.body ? active : lastActivated;
    const d = ref.current;
    if (d && typeof d.showModal === "function") {
      if (!d.open) d.showModal();
    } else d?.setAttribute("open", "");
    document.getElementById(id)?.focus();
    return () => returnFocus(opener);
  }, []);
  return (
    <dialog
      ref={ref}
      class="confirm"
      aria-labelledby={id}
      data-testid={testid}
      onCancel={(e) => {
        e.preventDefault();
        onNo();
      }}
    >
      <h2 id={id} class="question" tabIndex={-1}>
        {question}
      </h2>
      {children}
      <div class="actions">
        <button type="button" class="danger" disabled={busy} onClick={onYes} data-testid={yesTestid}>
          {yes}
        </button>
        <button type="button" class="secondary" onClick={onNo} data-testid={noTestid}>
          {no}
        </button>
      </div>
    </dialog>
  );
}
