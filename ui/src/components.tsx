import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { addDays, addMonths, formatDateLong, formatDateNumeric, getLocale, parseDateInput, t } from "./i18n";
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
  testid?: string;
};

/** A date field that shows and reads dates in the chosen language's order ("15/12/2026"), not
 * the web view's (WebKitGTK shows `type=date` as 12/15/2026 whatever the app's language). Also
 * reads "15 Desember 2026" and ISO. The day in words ("Selasa, 15 Desember 2026") follows the
 * field and is read with it. Up/Down move a day, Page Up/Down a month, within min/max. The page
 * gets `YYYY-MM-DD` (the input's `data-value` shows it too). */
export function DateField({ id, label, value, onChange, min, max, hint, error, required, autoComplete = "off", testid }: DateFieldProps) {
  const locale = getLocale();
  const [text, setText] = useState(value ? formatDateNumeric(value) : "");
  const [touched, setTouched] = useState(false);
  const shownLocale = useRef(locale);
  const parsed = parseDateInput(text);
  const range = parsed && min && parsed < min ? "early" : parsed && max && parsed > max ? "late" : null;
  const accepted = parsed && !range ? parsed : "";
  // A date the page sets (read from a NIK, the day the desk loaded), or the language changing,
  // rewrites the text; the user's typing is left alone while it means the page's date.
  useEffect(() => {
    const relabel = shownLocale.current !== locale;
    shownLocale.current = locale;
    if (value && (value !== accepted || relabel)) setText(formatDateNumeric(value));
    else if (!value && accepted) setText("");
  }, [value, locale]);
  const example = formatDateNumeric(value || min || serverNow().toISOString().slice(0, 10));
  const own = range === "early"
    ? t("app-date-too-early", { min: formatDateLong(min!) })
    : range === "late"
      ? t("app-date-too-late", { max: formatDateLong(max!) })
      : touched && text.trim() && !parsed
        ? t("app-date-invalid", { example })
        : null;
  function take(next: string) {
    setText(next);
    const d = parseDateInput(next);
    const ok = d && !(min && d < min) && !(max && d > max) ? d : "";
    if (ok !== value) onChange(ok);
  }
  function step(e: KeyboardEvent) {
    const moves: Record<string, (d: string) => string> = {
      ArrowUp: (d) => addDays(d, 1),
      ArrowDown: (d) => addDays(d, -1),
      PageUp: (d) => addMonths(d, 1),
      PageDown: (d) => addMonths(d, -1),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const from = parsed ?? min ?? serverNow().toISOString().slice(0, 10);
    let next = parsed ? move(from) : from;
    if (min && next < min) next = min;
    if (max && next > max) next = max;
    take(formatDateNumeric(next));
  }
  return (
    <Field
      id={id}
      label={label}
      hint={[hint, t("app-date-hint", { example })].filter(Boolean).join(" ")}
      error={own ?? error}
      describedBy={`${id}-words`}
    >
      {(a) => (
        <>
          <input
            {...a}
            type="text"
            inputMode="text"
            autoComplete={autoComplete}
            placeholder={t("app-date-placeholder")}
            required={required}
            value={text}
            data-value={accepted}
            data-testid={testid}
            onInput={(e) => take(e.currentTarget.value)}
            onKeyDown={step}
            onBlur={() => {
              setTouched(true);
              if (parsed) setText(formatDateNumeric(parsed));
            }}
          />
          <p class="hint date-words" id={`${id}-words`} aria-live="polite" data-testid={testid ? `${testid}-words` : undefined}>
            {parsed ? formatDateLong(parsed) : ""}
          </p>
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
