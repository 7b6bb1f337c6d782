// Pieces shared by the sign-in and account screens: "send a new code" with the wait until it
// may be used again, and the password rules checked as the user types.
import { useEffect, useState } from "preact/hooks";
import { useCountdown } from "../components";
import { t } from "../i18n";
import { api, type PasswordCheck } from "../ipc";
import { formatWait } from "../lib/accounts";

/** "Send a new code": disabled with the time left until `readyAt` (ms since the epoch). */
export function ResendCode({ readyAt, busy, onSend, testid = "resend-code" }: { readyAt: number | null; busy: boolean; onSend: () => void; testid?: string }) {
  const left = useCountdown(readyAt);
  return (
    <p class="resend">
      <button type="button" class="secondary" disabled={busy || left > 0} onClick={onSend} data-testid={testid} aria-describedby={left > 0 ? `${testid}-wait` : undefined}>
        {t("app-code-resend")}
      </button>
      {left > 0 && (
        <span class="hint" id={`${testid}-wait`} data-testid={`${testid}-wait`}>
          {" "}
          {t("app-code-resend-wait", { time: formatWait(left) })}
        </span>
      )}
    </p>
  );
}

/** The password rules, each marked met or not as the user types (checked by the Rust side with
 * the server's own rule). */
export function PasswordRules({ password, id = "password-rules" }: { password: string; id?: string }) {
  const [check, setCheck] = useState<PasswordCheck | null>(null);
  useEffect(() => {
    let live = true;
    api.checkPassword(password).then((c) => live && setCheck(c), () => undefined);
    return () => {
      live = false;
    };
  }, [password]);
  const rules: [string, boolean][] = check
    ? [
        [t("app-password-rule-length", { min: check.min_chars, count: check.chars }), check.long_enough],
        [t("app-password-rule-kinds", { min: check.min_kinds, count: check.kinds }), check.enough_kinds],
      ]
    : [];
  return (
    <div class="password-rules" id={id} data-testid="password-rules" data-acceptable={check?.acceptable ? "true" : "false"}>
      <p class="hint">{t("app-password-rules")}</p>
      <ul>
        {rules.map(([text, met]) => (
          <li key={text} class={met ? "met" : "unmet"}>
            <span aria-hidden="true">{met ? "✓" : "○"}</span> {text}
            <span class="sr-only"> ({met ? t("app-password-rule-met") : t("app-password-rule-unmet")})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
