// The account: the email and the phone with their verified state (the phone verified here by
// SMS code), the signed-in devices (sign one out, sign out everywhere), signing out, and
// deleting the account with what is deleted and what is kept.
import { useEffect, useState } from "preact/hooks";
import { ConfirmDialog, ErrorBox, Field, PageTitle, type ErrorActionButton } from "../components";
import { formatInstant, t } from "../i18n";
import { api, toAppError, type AccountView, type AppError, type BookingView, type SessionView } from "../ipc";
import { displayZone, errorActions, errorField } from "../lib/accounts";
import { describeError } from "../lib/errors";
import { navigate } from "../lib/router";
import { useShared } from "../state";
import { ResendCode } from "./codes";

function retryButton(error: AppError | null, run: () => void): ErrorActionButton[] {
  return error && errorActions(error.code, "account").includes("retry") ? [{ label: t("app-action-retry"), run, testid: "next-retry" }] : [];
}

/** The phone: verified, or a code by SMS and the field to enter it. */
function Phone({ account, onVerified }: { account: AccountView; onVerified: (a: AccountView) => void }) {
  const shared = useShared();
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [readyAt, setReadyAt] = useState<number | null>(null);

  if (account.phone_verified) {
    return (
      <p class="verified" data-testid="phone-state" data-verified="true">
        <span aria-hidden="true">✓</span> {t("app-account-phone-verified")}
      </p>
    );
  }
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const sent = await api.sendPhoneCode();
      setReadyAt(Date.now() + sent.resend_after_seconds * 1000);
      setInfo(t("app-code-resent", { channel: "phone", email: account.email, minutes: sent.valid_minutes }));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      const a = await api.verifyPhone(code.trim());
      shared.announce(t("app-account-phone-verified-now"));
      onVerified(a);
    } catch (e) {
      const err = toAppError(e);
      setError(err);
      if (errorField(err, ["code"])) document.getElementById("phone-code")?.focus();
    } finally {
      setBusy(false);
    }
  };
  const codeError = error && errorField(error, ["code"]) ? describeError(error) : null;
  return (
    <>
      <p class="unverified" data-testid="phone-state" data-verified="false">
        {t("app-account-phone-unverified")}
      </p>
      <p class="hint">{t("app-account-phone-why")}</p>
      <form
        class="panel"
        aria-labelledby="phone-verify-title"
        onSubmit={(e) => {
          e.preventDefault();
          void verify();
        }}
      >
        <h3 id="phone-verify-title">{t("app-account-phone-verify-title")}</h3>
        <p>{t("app-account-phone-verify-intro", { phone: account.phone })}</p>
        {info && <p role="status" class="success">{info}</p>}
        <Field id="phone-code" label={t("app-field-code")} hint={t("app-field-code-hint")} error={codeError}>
          {(a) => (
            <input {...a} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={code} onInput={(e) => setCode(e.currentTarget.value)} data-testid="phone-code" />
          )}
        </Field>
        <ResendCode readyAt={readyAt} busy={busy} onSend={() => void send()} testid="send-phone-code" />
        {!codeError && <ErrorBox error={error} actions={retryButton(error, () => void verify())} />}
        <button type="submit" class="primary" disabled={busy} data-testid="verify-phone">
          {t("app-account-phone-verify")}
        </button>
      </form>
    </>
  );
}

function deviceLabel(s: SessionView): string {
  return s.device?.trim() || t("app-devices-unnamed");
}

/** The signed-in devices: this one marked, the others each signed out with one tap. */
function Devices() {
  const shared = useShared();
  const [list, setList] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const zone = displayZone();

  const load = () => api.listSessions().then(setList, (e) => setError(toAppError(e)));
  useEffect(() => {
    void load();
  }, []);

  const act = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };
  const endOne = (s: SessionView) =>
    act(async () => {
      setList(await api.endSession(s.id));
      const text = t("app-devices-signed-out", { device: deviceLabel(s) });
      setDone(text);
      shared.announce(text);
    });
  const logout = () =>
    act(async () => {
      await api.logout();
      shared.setSession(null);
      navigate("/");
    });
  const everywhere = () =>
    act(async () => {
      await api.signOutEverywhere();
      shared.setFlash(t("app-devices-everywhere-done"));
      shared.setSession(null);
      navigate("/");
    });

  return (
    <section aria-labelledby="devices-title">
      <h2 id="devices-title">{t("app-devices-title")}</h2>
      <p>{t("app-devices-intro")}</p>
      {done && <p role="status" class="success">{done}</p>}
      <ErrorBox error={error} actions={retryButton(error, () => void load())} />
      {list && (
        <ul class="cards" data-testid="devices">
          {list.map((s) => (
            <li key={s.id} class="card" data-testid="device" data-current={s.current ? "true" : "false"}>
              <h3 class="card-title">
                {deviceLabel(s)}
                {s.current && (
                  <>
                    {" "}
                    <span class="badge" data-testid="current-device">{t("app-devices-current")}</span>
                  </>
                )}
              </h3>
              <p>{t("app-devices-last-used", { when: formatInstant(s.last_used_at, zone) })}</p>
              <p class="hint">{t("app-devices-since", { when: formatInstant(s.created_at, zone) })}</p>
              {s.current ? (
                <button type="button" class="secondary" disabled={busy} onClick={() => void logout()} data-testid="logout">
                  {t("app-action-logout")}
                </button>
              ) : (
                <button
                  type="button"
                  class="secondary"
                  disabled={busy}
                  aria-label={t("app-devices-sign-out-label", { device: deviceLabel(s) })}
                  onClick={() => void endOne(s)}
                  data-testid="end-session"
                >
                  {t("app-devices-sign-out")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="danger" onClick={() => setConfirmAll(true)} data-testid="sign-out-everywhere">
        {t("app-devices-everywhere")}
      </button>
      {confirmAll && (
        <ConfirmDialog
          id="everywhere-q"
          question={t("app-devices-everywhere-question")}
          yes={t("app-devices-everywhere-yes")}
          no={t("app-dialog-back")}
          busy={busy}
          yesTestid="confirm-everywhere"
          noTestid="cancel-everywhere"
          onNo={() => setConfirmAll(false)}
          onYes={() => {
            setConfirmAll(false);
            void everywhere();
          }}
        />
      )}
    </section>
  );
}

/** Deleting the account: a dialog that says what goes and what stays; a refusal names the
 * active bookings, each a link. */
function DeleteAccount({ email }: { email: string }) {
  const shared = useShared();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [refused, setRefused] = useState<BookingView[] | null>(null);

  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.deleteAccount();
      if (r.deleted) {
        close();
        shared.setFlash(t("app-delete-done"));
        shared.setSession(null);
        navigate("/");
      } else {
        close();
        setRefused(r.active_bookings);
      }
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">{t("app-delete-title")}</h2>
      <p>{t("app-delete-intro")}</p>
      {refused && (
        <div class="error" role="alert" data-code="account_has_active_booking" data-testid="delete-refused">
          <p>{t("app-delete-refused")}</p>
          <ul>
            {refused.map((b) => (
              <li key={b.id}>
                <a href={`#/booking/${b.id}`} data-testid="refused-booking">
                  {b.applicant.name}: {formatInstant(b.starts_at, b.office.time_zone)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" class="danger" onClick={() => { setError(null); setOpen(true); }} data-testid="delete-account">
        {t("app-delete-button")}
      </button>
      {open && (
        <ConfirmDialog
          id="delete-q"
          question={t("app-delete-question", { email })}
          yes={t("app-delete-yes")}
          no={t("app-dialog-back")}
          busy={busy}
          testid="delete-dialog"
          yesTestid="confirm-delete"
          noTestid="cancel-delete"
          onNo={close}
          onYes={() => void remove()}
        >
          <h3>{t("app-delete-deleted-heading")}</h3>
          <ul>
            <li>{t("app-delete-deleted-account")}</li>
            <li>{t("app-delete-deleted-people")}</li>
            <li>{t("app-delete-deleted-sessions")}</li>
            <li>{t("app-delete-deleted-fair")}</li>
            <li>{t("app-delete-deleted-device")}</li>
          </ul>
          <h3>{t("app-delete-kept-heading")}</h3>
          <ul>
            <li>{t("app-delete-kept-bookings")}</li>
            <li>{t("app-delete-kept-cooldown")}</li>
          </ul>
          <p>
            <strong>{t("app-delete-final")}</strong>
          </p>
          <ErrorBox error={error} actions={retryButton(error, () => void remove())} />
        </ConfirmDialog>
      )}
    </section>
  );
}

export function AccountPage() {
  const shared = useShared();
  const [account, setAccount] = useState<AccountView | null>(shared.session?.account ?? null);
  const [error, setError] = useState<AppError | null>(null);
  const [flash] = useState(shared.flash);

  useEffect(() => {
    if (shared.flash) shared.setFlash(null);
    api.account().then(setAccount, (e) => setError(toAppError(e)));
  }, []);

  return (
    <section aria-labelledby="account-title" class="narrow">
      <PageTitle id="account-title">{t("app-account-title")}</PageTitle>
      {flash && (
        <p role="status" class="success" data-testid="account-flash">
          {flash}
        </p>
      )}
      <ErrorBox error={error} />
      {account && (
        <>
          <dl class="facts">
            <dt>{t("app-field-email")}</dt>
            <dd data-testid="account-email">
              {account.email}
              {account.email_verified && (
                <>
                  {" "}
                  · <span aria-hidden="true">✓</span> {t("app-account-email-verified")}
                </>
              )}
            </dd>
            <dt>{t("app-field-phone")}</dt>
            <dd data-testid="account-phone">{account.phone}</dd>
          </dl>
          <Phone
            account={account}
            onVerified={(a) => {
              setAccount(a);
              if (shared.session) shared.setSession({ ...shared.session, account: a });
            }}
          />
        </>
      )}
      <Devices />
      <DeleteAccount email={account?.email ?? shared.session?.account.email ?? ""} />
    </section>
  );
}
