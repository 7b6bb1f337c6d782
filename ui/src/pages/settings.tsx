import { useState } from "preact/hooks";
import { ErrorBox, PageTitle } from "../components";
import { t } from "../i18n";
import { api, toAppError, type AppError } from "../ipc";
import { useShared } from "../state";
import { TEXT_SIZE_IDS, TEXT_SIZES } from "../lib/labels";

export function SettingsPage() {
  const shared = useShared();
  const { info } = shared;
  const [error, setError] = useState<AppError | null>(null);
  return (
    <section aria-labelledby="settings-title" class="narrow">
      <PageTitle id="settings-title">{t("app-settings-title")}</PageTitle>
      <fieldset>
        <legend>{t("app-settings-language")}</legend>
        {([null, "id", "en"] as const).map((l) => (
          <label class="check" key={String(l)}>
            <input
              type="radio"
              name="lang"
              checked={info.settings.locale === l}
              onChange={async () => shared.setInfo(await api.setLocale(l))}
            />{" "}
            {l === null ? t("app-settings-language-system") : l === "id" ? "Bahasa Indonesia" : "English"}
          </label>
        ))}
      </fieldset>
      <fieldset data-testid="text-size">
        <legend>{t("app-settings-text-size")}</legend>
        {TEXT_SIZES.map((size) => (
          <label class="check" key={size}>
            <input
              type="radio"
              name="text-size"
              value={size}
              checked={info.settings.text_size === size}
              onChange={async () => shared.setInfo(await api.setTextSize(size))}
              data-testid={`text-size-${size}`}
            />{" "}
            {t(TEXT_SIZE_IDS[size])}
          </label>
        ))}
      </fieldset>
      {info.platform === "desktop" && (
        <label class="check">
          <input
            type="checkbox"
            checked={info.settings.start_at_login}
            onChange={async (e) => {
              const enabled = e.currentTarget.checked;
              try {
                shared.setInfo(await api.setStartAtLogin(enabled));
                setError(null);
              } catch (err) {
                setError(toAppError(err));
              }
            }}
            data-testid="start-at-login"
          />{" "}
          {t("app-settings-start-at-login")}
        </label>
      )}
      <ErrorBox error={error} />
      <h2>{t("app-settings-session")}</h2>
      <p>{info.keyring_available ? t("app-settings-keyring-ok") : t("app-keyring-unavailable")}</p>
      {shared.session && (
        <>
          <p>{t("app-settings-signed-in-as", { email: shared.session.account.email })}</p>
          <p>
            <a href="#/account" data-testid="to-account">{t("app-account-settings-link")}</a>
          </p>
        </>
      )}
      <p class="hint">
        {t("app-settings-server", { url: info.server_url })} · {t("app-settings-version", { version: info.version })}
      </p>
    </section>
  );
}
