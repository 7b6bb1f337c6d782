import { useEffect, useState } from "preact/hooks";
import { ConfirmDialog, DateField, ErrorBox, Field, Loading, PageTitle } from "../components";
import { formatDateLong, t, todayAt } from "../i18n";
import { api, toAppError, type AppError, type ApplicantView, type NikCheck } from "../ipc";
import { NIK_HINT_IDS } from "../lib/labels";
import { cached, useShared } from "../state";

export const MAX_APPLICANTS = 5;

/** The text under the NIK field for a check result: progress, the fault, or what it tells. */
export function nikMessage(check: NikCheck | null): { text: string; invalid: boolean } | null {
  if (!check || check.digits === 0) return null;
  if (check.state === "incomplete") return { text: t("app-nik-progress", { count: check.digits }), invalid: false };
  if (check.state === "invalid") {
    const id = NIK_HINT_IDS[check.code ?? ""] ?? "error-invalid-request";
    return { text: t(id), invalid: true };
  }
  if (check.age != null && check.priority_by_age) return { text: t("app-nik-ok-priority", { age: check.age }), invalid: false };
  return { text: t("app-nik-ok"), invalid: false };
}

/** Whether a typed NIK is the one saved in masked form (its first four and last two digits). */
export function sameNik(typed: string, masked: string): boolean {
  const digits = typed.replace(/\D/g, "");
  return digits.length === 16 && digits.slice(0, 4) === masked.slice(0, 4) && digits.slice(14) === masked.slice(-2);
}

export function ApplicantsPage() {
  const shared = useShared();
  const [list, setShown] = useState<ApplicantView[] | null>(null);
  // What this page changes, the other pages see (without asking again).
  const setList = (next: ApplicantView[]) => {
    setShown(next);
    cached.applicants.set(next);
  };
  const [error, setError] = useState<AppError | null>(null);
  const [nik, setNik] = useState("");
  const [name, setName] = useState("");
  const [birth, setBirth] = useState("");
  const [pregnant, setPregnant] = useState(false);
  const [disability, setDisability] = useState(false);
  const [married, setMarried] = useState(false);
  const [check, setCheck] = useState<NikCheck | null>(null);
  const [busy, setBusy] = useState(false);
  // The birth date as read from the NIK, until the user changes it (they confirm it by looking).
  const [birthFromNik, setBirthFromNik] = useState(false);
  // The user typed a birth date themselves: the NIK's is then never written over it.
  const [birthTyped, setBirthTyped] = useState(false);
  // The person being edited (the form then changes them instead of adding someone).
  const [editing, setEditing] = useState<ApplicantView | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  const load = () => cached.applicants.get().then(setShown, (e) => setError(toAppError(e)));
  useEffect(() => {
    void load();
  }, []);
  useEffect(() => {
    let live = true;
    if (nik.trim() === "") setCheck(null);
    // A birth date the user typed is checked against the NIK; one filled in (read from the NIK,
    // or the saved one while editing) is not: the NIK's own is then offered instead.
    else void api.checkNik(nik, birthTyped ? birth || null : null).then((c) => live && setCheck(c));
    return () => {
      live = false;
    };
  }, [nik, birth, birthTyped]);

  useEffect(() => {
    // The NIK encodes the birth date: fill it in once, for the user to check, never over theirs.
    if (check?.state === "valid" && check.birth_date && !birthTyped && birth !== check.birth_date) {
      setBirth(check.birth_date);
      setBirthFromNik(true);
    }
    // A man's NIK: "pregnant" does not apply.
    if (check?.female === false) setPregnant(false);
  }, [check]);

  const nikMsg = nikMessage(check);
  const full = (list?.length ?? 0) >= MAX_APPLICANTS;

  function resetForm() {
    setNik("");
    setName("");
    setBirth("");
    setBirthFromNik(false);
    setBirthTyped(false);
    setPregnant(false);
    setDisability(false);
    setMarried(false);
    setEditing(null);
  }

  function startEditing(a: ApplicantView) {
    // The full NIK is not kept on the device: it is typed again and the birth date read from it.
    setEditing(a);
    setError(null);
    setNik("");
    setName(a.name);
    setBirth(a.birth_date);
    setBirthFromNik(false);
    setBirthTyped(false);
    setPregnant(a.pregnant);
    setDisability(a.disability);
    setMarried(a.married);
    requestAnimationFrame(() => document.getElementById("applicant-form-title")?.focus());
  }

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const request = { nik, name, birth_date: birth, pregnant, disability, married };
    try {
      if (editing) {
        const updated = await api.updateApplicant(editing.id, request);
        setList((list ?? []).map((x) => (x.id === updated.id ? updated : x)));
        shared.announce(t("app-applicant-updated", { name: updated.name }));
      } else {
        const created = await api.addApplicant(request);
        setList([...(list ?? []), created]);
        shared.announce(t("app-applicant-added", { name: created.name }));
      }
      resetForm();
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="applicants-title">
      <PageTitle id="applicants-title">{t("app-applicants-title")}</PageTitle>
      <p>{t("app-applicants-intro", { max: MAX_APPLICANTS })}</p>
      {list === null ? (
        error ? <ErrorBox error={error} /> : <Loading />
      ) : list.length === 0 ? (
        <p>{t("app-applicants-empty")}</p>
      ) : (
        <ul class="cards" data-testid="applicant-list">
          {list.map((a) => (
            <li key={a.id} class="card">
              <h2 class="card-title">{a.name}</h2>
              <p>
                {t("app-field-nik")}: <span class="mono">{a.nik_masked}</span>
              </p>
              <p>
                {formatDateLong(a.birth_date)} · {t("app-applicant-age", { age: a.age })}
              </p>
              {a.priority_eligible && <p class="badge">{t("app-applicant-priority")}</p>}
              <div class="actions">
                <button
                  type="button"
                  class="secondary"
                  aria-label={t("app-applicant-edit-label", { name: a.name })}
                  data-testid="edit-applicant"
                  onClick={() => startEditing(a)}
                >
                  {t("app-action-edit")}
                </button>{" "}
                <button
                  type="button"
                  class="secondary"
                  aria-label={t("app-applicant-remove-label", { name: a.name })}
                  data-testid="remove-applicant"
                  onClick={() => setRemoving(a.id)}
                >
                  {t("app-action-remove")}
                </button>
              </div>
              {removing === a.id && (
                <ConfirmDialog
                  id={`remove-q-${a.id}`}
                  question={t("app-applicant-remove-question", { name: a.name })}
                  yes={t("app-applicant-remove-yes")}
                  no={t("app-cancel-no")}
                  yesTestid="confirm-remove"
                  noTestid="remove-no"
                  onNo={() => setRemoving(null)}
                  onYes={async () => {
                    try {
                      await api.deleteApplicant(a.id);
                      setList(list.filter((x) => x.id !== a.id));
                      shared.announce(t("app-applicant-removed", { name: a.name }));
                    } catch (err) {
                      setError(toAppError(err));
                    }
                    setRemoving(null);
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <h2 id="applicant-form-title" tabIndex={-1}>
        {editing ? t("app-applicant-edit-title", { name: editing.name }) : t("app-applicants-add")}
      </h2>
      {full && !editing ? (
        <p class="notice">{t("error-applicant-limit-reached", { max: MAX_APPLICANTS })}</p>
      ) : (
        <form onSubmit={submit} class="form" novalidate data-testid={editing ? "edit-form" : "add-form"}>
          <Field
            id="nik"
            label={t("app-field-nik")}
            hint={editing ? t("app-applicant-edit-nik-hint", { masked: editing.nik_masked }) : t("app-field-nik-hint")}
            error={nikMsg?.invalid ? nikMsg.text : null}
          >
            {(a) => (
              <input {...a} inputMode="numeric" autoComplete="off" maxLength={19} required value={nik} onInput={(e) => setNik(e.currentTarget.value)} data-testid="nik" />
            )}
          </Field>
          {nikMsg && !nikMsg.invalid && (
            <p class="hint" role="status" data-testid="nik-status">
              {nikMsg.text}
            </p>
          )}
          {editing && check?.state === "valid" && !sameNik(nik, editing.nik_masked) && (
            <p class="notice" data-testid="nik-differs">
              {t("app-applicant-nik-differs", { masked: editing.nik_masked })}
            </p>
          )}
          <Field id="name" label={t("app-field-name")} hint={t("app-field-name-hint")}>
            {(a) => <input {...a} autoComplete="name" required value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="name" />}
          </Field>
          <DateField
            id="birth"
            label={t("app-field-birth-date")}
            required
            autoComplete="bday"
            // Nobody is born after today, wherever in Indonesia (the easternmost zone's date).
            max={todayAt("Asia/Jayapura")}
            value={birth}
            onChange={(d) => {
              setBirth(d);
              setBirthFromNik(false);
              setBirthTyped(true);
            }}
            testid="birth"
          />
          {birthFromNik && <p class="hint" data-testid="birth-from-nik">{t("app-applicant-birth-from-nik")}</p>}
          <fieldset>
            <legend>{t("app-applicant-needs")}</legend>
            {check?.female !== false && (
              <label class="check">
                <input type="checkbox" checked={pregnant} onChange={(e) => setPregnant(e.currentTarget.checked)} data-testid="pregnant" /> {t("priority-pregnant")}
              </label>
            )}
            <label class="check">
              <input type="checkbox" checked={disability} onChange={(e) => setDisability(e.currentTarget.checked)} /> {t("priority-disability")}
            </label>
            <label class="check">
              <input type="checkbox" checked={married} onChange={(e) => setMarried(e.currentTarget.checked)} /> {t("app-applicant-married")}
            </label>
          </fieldset>
          <p class="hint">{t("app-applicant-priority-rule")}</p>
          <ErrorBox error={error} />
          <button type="submit" class="primary" disabled={busy || check?.state === "invalid"} data-testid={editing ? "save-applicant" : "add-applicant"}>
            {editing ? t("app-applicant-save") : t("app-applicants-add")}
          </button>
          {editing && (
            <>
              {" "}
              <button type="button" class="secondary" data-testid="cancel-edit" onClick={resetForm}>
                {t("app-applicant-edit-cancel")}
              </button>
            </>
          )}
        </form>
      )}
    </section>
  );
}
