import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Field, Notice, PageTitle, type ErrorActionButton } from "../components";
import { t } from "../i18n";
import { api, toAppError, type AppError, type CodeChannel, type EndedSession } from "../ipc";
import { errorActions, errorField, type AccountScreen, type ErrorAction } from "../lib/accounts";
import { describeError } from "../lib/errors";
import { navigate } from "../lib/router";
import { useShared } from "../state";
import { PasswordRules, ResendCode } from "./codes";

/** The screens of signing in: sign in, sign up, the email's code, forgot password (email and
 * channel), then the code with the new password. */
type Mode = "login" | "register" | "verify" | "forgot" | "reset";

const TITLES: Record<Mode, string> = {
  login: "app-auth-login-title",
  register: "app-auth-register-title",
  verify: "app-auth-verify-title",
  forgot: "app-auth-forgot-title",
  reset: "app-auth-reset-title",
};
const SUBMITS: Record<Mode, string> = {
  login: "app-auth-login",
  register: "app-auth-register",
  verify: "app-auth-verify",
  forgot: "app-auth-forgot-send",
  reset: "app-auth-reset-submit",
};

/** The fields each screen shows (input ids). */
const FIELDS: Record<Mode, string[]> = {
  login: ["email", "password"],
  register: ["email", "phone", "password"],
  verify: ["email", "code"],
  forgot: ["email"],
  reset: ["email", "code", "password"],
};

export function AuthPage() {
  const shared = useShared();
  const [mode, setModeRaw] = useState<Mode>("login");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [channel, setChannel] = useState<CodeChannel>("email");
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [info, setInfo] = useState<string | null>(shared.flash);
  /** When a new code may be asked for (ms since the epoch). */
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [ended, setEnded] = useState<EndedSession | null>(null);

  useEffect(() => {
    if (shared.flash) shared.setFlash(null);
    api.endedSession().then((e) => {
      setEnded(e);
      if (e) setEmail((current) => current || e.email);
    }, () => undefined);
  }, []);

  function setMode(next: Mode, message: string | null = null) {
    setModeRaw(next);
    setError(null);
    setInfo(message);
    if (next !== "reset" && next !== "verify") setCode("");
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      const err = toAppError(e);
      setError(err);
      // A field's error moves focus to it, so a screen reader reads the message tied to it.
      const field = errorField(err, FIELDS[mode]);
      if (field) window.setTimeout(() => document.getElementById(field)?.focus(), 0);
    } finally {
      setBusy(false);
    }
  }

  const waitFrom = (seconds: number) => setResendAt(Date.now() + seconds * 1000);

  const login = () =>
    run(async () => {
      const session = await api.login({ email, password });
      shared.setSession(session);
      navigate("/find");
    });
  const register = () =>
    run(async () => {
      const r = await api.register({ email, phone, password });
      setMode("verify", t("app-auth-code-sent", { email }));
      waitFrom(r.resend_after_seconds);
    });
  const verify = () =>
    run(async () => {
      await api.verify({ email, code: code.trim() });
      setMode("login", t("app-auth-verified"));
    });
  /** A new code for the email (verify) or for the reset (on the chosen channel). */
  const resend = (target: Mode = mode) =>
    run(async () => {
      const sent =
        target === "reset" ? await api.forgotPassword({ email, channel }) : await api.resendCode({ email, channel: "email" });
      if (target !== mode) setMode(target);
      setInfo(
        target === "reset"
          ? t("app-auth-reset-sent", { channel, email, minutes: sent.valid_minutes })
          : t("app-code-resent", { channel: "email", email, minutes: sent.valid_minutes }),
      );
      waitFrom(sent.resend_after_seconds);
    });
  const forgot = () => resend("reset");
  const reset = () =>
    run(async () => {
      await api.resetPassword({ email, code: code.trim(), new_password: password });
      // Every session of the account has ended; this device signs in with the new password.
      try {
        const session = await api.login({ email, password });
        shared.setFlash(t("app-auth-reset-done"));
        shared.announce(t("app-auth-reset-done"));
        shared.setSession(session);
        navigate("/account");
      } catch (e) {
        // Changed all the same: the sign-in page says so, with why signing in did not work.
        setMode("login", t("app-auth-reset-done-sign-in"));
        setError(toAppError(e));
      }
    });

  const submit = { login, register, verify, forgot, reset }[mode];

  const actionButton = (a: ErrorAction): ErrorActionButton => {
    switch (a) {
      case "forgot":
        return { label: t("app-action-forgot"), run: () => setMode("forgot"), testid: "next-forgot" };
      case "resend":
        return { label: t("app-code-resend"), run: () => void resend("verify"), testid: "next-resend" };
      case "enter_code":
        return { label: t("app-action-enter-code"), run: () => setMode("verify"), testid: "next-enter-code" };
      case "sign_in":
        return { label: t("app-action-sign-in"), run: () => setMode("login"), testid: "next-sign-in" };
      case "retry":
        return { label: t("app-action-retry"), run: () => void submit(), testid: "next-retry" };
    }
  };

  const field = errorField(error, FIELDS[mode]);
  const fieldError = (id: string) => (field === id && error ? describeError(error) : null);
  const screen: AccountScreen = mode;
  const showsPasswordRules = mode === "register" || mode === "reset";

  return (
    <section aria-labelledby="auth-title" class="narrow">
      <PageTitle id="auth-title">{t(TITLES[mode])}</PageTitle>
      {mode === "login" && <p>{t("app-auth-intro")}</p>}
      {mode === "forgot" && <p>{t("app-auth-forgot-intro")}</p>}
      {ended && mode === "login" && (
        <div class="warning" role="note" data-testid="session-ended">
          <p>{t(ended.reason === "expired" ? "app-session-ended-expired" : "app-session-ended-rejected")}</p>
          <p>{t("app-session-ended-saved", { count: ended.upcoming_saved })}</p>
          {ended.upcoming_saved > 0 && (
            <button type="button" class="secondary" data-testid="open-saved" onClick={() => navigate("/saved")}>
              {t("app-action-open-saved", { count: ended.upcoming_saved })}
            </button>
          )}
        </div>
      )}
      {info && (
        <p role="status" class="success" data-testid="auth-info">
          {info}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field id="email" label={t("app-field-email")} hint={mode === "verify" ? t("app-auth-verify-email-hint") : undefined} error={fieldError("email")}>
          {(a) => <input {...a} type="email" autoComplete="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
        {mode === "register" && (
          <Field id="phone" label={t("app-field-phone")} hint={t("app-field-phone-hint")} error={fieldError("phone")}>
            {(a) => <input {...a} type="tel" autoComplete="tel" required value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />}
          </Field>
        )}
        {mode === "forgot" && (
          <fieldset data-testid="reset-channel">
            <legend>{t("app-auth-channel")}</legend>
            {(["email", "phone"] as const).map((c) => (
              <label class="check" key={c}>
                <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => setChannel(c)} data-testid={`channel-${c}`} />{" "}
                {t(c === "email" ? "app-auth-channel-email" : "app-auth-channel-phone")}
              </label>
            ))}
            <p class="hint">{t("app-auth-channel-phone-hint")}</p>
          </fieldset>
        )}
        {(mode === "verify" || mode === "reset") && (
          <Field id="code" label={t("app-field-code")} hint={t("app-field-code-hint")} error={fieldError("code")}>
            {(a) => (
              <input {...a} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={code} onInput={(e) => setCode(e.currentTarget.value)} />
            )}
          </Field>
        )}
        {(mode === "verify" || mode === "reset") && <ResendCode readyAt={resendAt} busy={busy} onSend={() => void resend(mode)} />}
        {(mode === "login" || mode === "register" || mode === "reset") && (
          <Field
            id="password"
            label={t(mode === "reset" ? "app-field-new-password" : "app-field-password")}
            error={fieldError("password")}
            describedBy={showsPasswordRules ? "password-rules" : undefined}
          >
            {(a) => (
              <input
                {...a}
                type="password"
                autoComplete={mode === "login" ? "current-password" : "new-password"}
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            )}
          </Field>
        )}
        {showsPasswordRules && <PasswordRules password={password} />}
        {!field && <ErrorBox error={error} actions={error ? errorActions(error.code, screen).map(actionButton) : []} />}
        <button type="submit" class="primary" disabled={busy} data-testid="auth-submit">
          {t(SUBMITS[mode])}
        </button>
      </form>
      <p class="switch">
        {mode === "login" ? (
          <>
            <button type="button" class="link" onClick={() => setMode("forgot")} data-testid="to-forgot">
              {t("app-auth-forgot-link")}
            </button>
            <button type="button" class="link" onClick={() => setMode("register")} data-testid="to-register">
              {t("app-auth-to-register")}
            </button>
            <button type="button" class="link" onClick={() => setMode("verify")}>
              {t("app-auth-have-code")}
            </button>
          </>
        ) : (
          <>
            {mode === "reset" && (
              <button type="button" class="link" onClick={() => setMode("forgot")} data-testid="to-forgot">
                {t("app-auth-other-channel")}
              </button>
            )}
            <button type="button" class="link" onClick={() => setMode("login")} data-testid="to-login">
              {t("app-auth-to-login")}
            </button>
          </>
        )}
      </p>
      <Notice>{t("app-auth-free-notice")}</Notice>
      <p>
        <a href="#/status" data-testid="to-status">{t("app-nav-status")}</a>
      </p>
    </section>
  );
}
