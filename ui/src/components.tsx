import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "./i18n";
import { describeError } from "./lib/errors";
import type { AppError } from "./ipc";

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

export function ErrorBox({ error }: { error: AppError | null }) {
  if (!error) return null;
  return (
    <p class="error" role="alert" data-code={error.code}>
      {describeError(error)}
    </p>
  );
}

type FieldProps = {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  children: (a11y: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => JSX.Element;
};

/** A labelled form field with its hint and error tied to the control for screen readers. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
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
