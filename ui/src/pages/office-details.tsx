import { t } from "../i18n";
import type { IslandGroup, OfficeSummary, SearchAreaView } from "../ipc";

const ISLAND_IDS: Record<IslandGroup, string> = {
  sumatra: "island-sumatra",
  java: "island-java",
  bali_nusa_tenggara: "island-bali-nusa-tenggara",
  kalimantan: "island-kalimantan",
  sulawesi: "island-sulawesi",
  maluku: "island-maluku",
  papua: "island-papua",
};

export function islandName(island: IslandGroup): string {
  return t(ISLAND_IDS[island]);
}

/** "dalam 50 km dari lokasi Anda", "di Provinsi Jawa Barat dan dalam 250 km", … */
export function areaLabel(area: SearchAreaView): string {
  switch (area.scope) {
    case "radius":
      return t("app-find-area-radius", { km: area.radius_km ?? 50 });
    case "province":
      return t("app-find-area-province", { province: area.province ?? "" });
    case "island":
      return t("app-find-area-island", { island: area.island ? islandName(area.island) : "" });
    case "nationwide":
      return t("app-find-area-nationwide");
  }
}

/** Where an office is and how to reach it: address, service hours, phone and a map link. What
 * no source gave is said to be unverified, never guessed. */
export function OfficeDetails({ office, directionsUrl, headingLevel = 3 }: { office: OfficeSummary; directionsUrl?: string; headingLevel?: 2 | 3 | 4 }) {
  const H = `h${headingLevel}` as "h2" | "h3" | "h4";
  const id = `details-${office.id}`;
  return (
    <section aria-labelledby={id} class="office-details" data-testid="office-details">
      <H id={id} class="sr-only">
        {t("app-office-details")}
      </H>
      <dl>
        <dt>{t("app-office-address")}</dt>
        <dd data-testid="office-address">{office.address ?? t("app-office-address-unknown")}</dd>
        <dt>{t("app-office-hours")}</dt>
        <dd data-testid="office-hours">{office.opening_hours ?? t("app-office-hours-unknown")}</dd>
        <dt>{t("app-office-phone")}</dt>
        <dd data-testid="office-phone">
          {office.phone ? <a href={`tel:${office.phone.replace(/[^\d+]/g, "")}`}>{office.phone}</a> : t("app-office-phone-unknown")}
        </dd>
      </dl>
      <p class="links">
        {office.map_url && (
          <a href={office.map_url} target="_blank" rel="noopener noreferrer" aria-label={t("app-office-map-label", { office: office.name })} data-testid="office-map">
            {t("app-office-map")}
          </a>
        )}
        {office.map_url && directionsUrl && " · "}
        {directionsUrl && (
          <>
            <a href={directionsUrl} target="_blank" rel="noopener noreferrer" aria-label={t("app-find-directions-label", { office: office.name })} data-testid="office-directions">
              {t("app-find-directions")}
            </a>
          </>
        )}
      </p>
      {office.coord_precision !== "office" && <p class="hint">{t("app-office-map-city")}</p>}
    </section>
  );
}
