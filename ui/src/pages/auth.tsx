import { useState } from "preact/hooks";
import { ErrorBox, Field, Notice, PageTitle } from "../components";
import { t } from "../i18n";
import { api, toAppError, type AppError } from "../ipc";
import { navigate } from "../lib/router";
import { useShared } from "../state";

type Mode = "login" | "register" | "verify";

export function AuthPage() {
  const shared = useShared();
  const [mode, setMode] = useState<Mode>("login");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [info, setInfo] = useState<string | null>(null);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }

  const login = () =>
    run(async () => {
      const session = await api.login({ email, password });
      shared.setSession(session);
      navigate("/find");
    });
  const register = () =>
    run(async () => {
      await api.register({ email, phone, password });
      setMode("verify");
      setInfo(t("app-auth-code-sent"));
    });
  const verify = () =>
    run(async () => {
      await api.verify({ email, code: code.trim() });
      setInfo(t("app-auth-verified"));
      setMode("login");
    });

  const title = mode === "login" ? t("app-auth-login-title") : mode === "register" ? t("app-auth-register-title") : t("app-auth-verify-title");
  return (
    <section aria-labelledby="auth-title" class="narrow">
      <PageTitle id="auth-title">{title}</PageTitle>
      <p>{t("app-auth-intro")}</p>
      {info && <p role="status" class="success">{info}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void (mode === "login" ? login() : mode === "register" ? register() : verify());
        }}
      >
        <Field id="email" label={t("app-field-email")}>
          {(a) => <input {...a} type="email" autoComplete="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
        {mode === "register" && (
          <Field id="phone" label={t("app-field-phone")} hint={t("app-field-phone-hint")}>
            {(a) => <input {...a} type="tel" autoComplete="tel" required value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />}
          </Field>
        )}
        {mode !== "verify" && (
          <Field id="password" label={t("app-field-password")} hint={mode === "register" ? t("app-field-password-hint") : undefined}>
            {(a) => (
              <input
                {...a}
                type="password"
                autoComplete={mode === "register" ? "new-password" : "current-password"}
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            )}
          </Field>
        )}
        {mode === "verify" && (
          <Field id="code" label={t("app-field-code")} hint={t("app-field-code-hint")}>
            {(a) => (
              <input {...a} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={code} onInput={(e) => setCode(e.currentTarget.value)} />
            )}
          </Field>
        )}
        <ErrorBox error={error} />
        <button type="submit" class="primary" disabled={busy} data-testid="auth-submit">
          {mode === "login" ? t("app-auth-login") : mode === "register" ? t("app-auth-register") : t("app-auth-verify")}
        </button>
      </form>
      <p class="switch">
        {mode === "login" ? (
          <button type="button" class="link" onClick={() => { setMode("register"); setError(null); setInfo(null); }} data-testid="to-register">
            {t("app-auth-to-register")}
          </button>
        ) : (
          <button type="button" class="link" onClick={() => { setMode("login"); setError(null); }} data-testid="to-login">
            {t("app-auth-to-login")}
          </button>
        )}
        {mode === "login" && (
          <button type="button" class="link" onClick={() => { setMode("verify"); setError(null); }}>
            {t("app-auth-have-code")}
          </button>
        )}
      </p>
      <Notice>{t("app-auth-free-notice")}</Notice>
    </section>
  );
}
