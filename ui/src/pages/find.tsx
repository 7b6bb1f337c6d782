import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ErrorBox, Field, Loading, PageTitle } from "../components";
import { cached } from "../state";
import { addDays, formatDateLong, formatInstant, t, todayAt, zoneLabel } from "../i18n";
import { api, toAppError, type AppError, type ApplicantView, type Lane, type OfficeSummary, type SearchAreaView, type SearchResult } from "../ipc";
import { LANE_IDS } from "../lib/labels";
import { navigate } from "../lib/router";
import { areaLabel, OfficeDetails } from "./office-details";

export type City = { key: string; name: string; province: string; lat: number; lon: number };

/** The cities that have an office, for choosing a place by hand (sorted by name). */
export function citiesOf(offices: OfficeSummary[]): City[] {
  const seen = new Map<string, City>();
  for (const o of offices) {
    const key = `${o.city}|${o.province}`;
    if (!seen.has(key)) seen.set(key, { key, name: o.city, province: o.province, lat: o.lat, lon: o.lon });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Lanes an applicant may choose: priority only for those eligible. */
export function lanesFor(applicant: ApplicantView | undefined): Lane[] {
  return applicant?.priority_eligible ? ["priority", "regular", "same_day"] : ["regular", "same_day"];
}

/** Where a search starts: 50 km around the point. "Widen the search" then asks for the wider
 * area the server names (100 km, 250 km, the province, the island group, all of Indonesia),
 * skipping the steps that would add no office. */
export const FIRST_AREA: SearchAreaView = { scope: "radius", radius_km: 50 };

export function FindPage() {
  const [applicants, setApplicants] = useState<ApplicantView[] | null>(null);
  const [offices, setOffices] = useState<OfficeSummary[]>([]);
  const [applicantId, setApplicantId] = useState("");
  const [lane, setLane] = useState<Lane>("regular");
  const [cityKey, setCityKey] = useState("");
  const [position, setPosition] = useState<{ lat: number; lon: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [electronic, setElectronic] = useState(false);
  const [result, setResult] = useState<SearchResult | null>(null);
  const resultsTitle = useRef<HTMLHeadingElement>(null);
  const [widened, setWidened] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [locError, setLocError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    cached.applicants.get().then(
      (list) => {
        setApplicants(list);
        const first = list[0];
        if (first) {
          setApplicantId(first.id);
          setLane(first.priority_eligible ? "priority" : "regular");
        }
      },
      (e) => setError(toAppError(e)),
    );
    cached.offices.get().then(setOffices, (e) => setError(toAppError(e)));
  }, []);

  const cities = useMemo(() => citiesOf(offices), [offices]);
  const applicant = applicants?.find((a) => a.id === applicantId);
  const lanes = lanesFor(applicant);
  const point = position ?? cities.find((c) => c.key === cityKey) ?? null;

  function locate() {
    setLocError(null);
    if (!("geolocation" in navigator)) {
      setLocError(t("app-find-location-failed"));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosition({ lat: p.coords.latitude, lon: p.coords.longitude });
        setCityKey("");
        setLocating(false);
      },
      () => {
        setLocError(t("app-find-location-failed"));
        setLocating(false);
      },
      { timeout: 8000, maximumAge: 600_000 },
    );
  }

  // After "widen the search", focus goes to the new results' heading (it says the new area).
  useEffect(() => {
    if (widened > 0) resultsTitle.current?.focus();
  }, [widened]);

  async function run(area: SearchAreaView): Promise<boolean> {
    if (!point) {
      setLocError(t("app-find-need-place"));
      return false;
    }
    setBusy(true);
    setError(null);
    const from = addDays(todayAt("Asia/Jakarta"), 1);
    try {
      setResult(
        await api.search({
          lat: point.lat,
          lon: point.lon,
          from,
          to: addDays(from, 30),
          lane,
          electronic: electronic ? true : undefined,
          scope: area.scope,
          radius_km: area.scope === "radius" ? area.radius_km : undefined,
          limit: 20,
        }),
      );
      return true;
    } catch (err) {
      setError(toAppError(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function search(e: Event) {
    e.preventDefault();
    await run(FIRST_AREA);
  }

  async function widen(area: SearchAreaView) {
    if (await run(area)) setWidened((n) => n + 1);
  }

  if (applicants === null && !error) return <Loading />;
  return (
    <section aria-labelledby="find-title">
      <PageTitle id="find-title">{t("app-find-title")}</PageTitle>
      {applicants && applicants.length === 0 ? (
        <p>
          {t("app-find-no-applicants")} <a href="#/applicants">{t("app-nav-applicants")}</a>
        </p>
      ) : (
        <form onSubmit={search} class="form">
          <Field id="applicant" label={t("app-field-applicant")}>
            {(a) => (
              <select
                {...a}
                value={applicantId}
                data-testid="applicant-select"
                onChange={(e) => {
                  setApplicantId(e.currentTarget.value);
                  const next = applicants?.find((x) => x.id === e.currentTarget.value);
                  setLane(next?.priority_eligible ? "priority" : "regular");
                }}
              >
                {applicants?.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="lane" label={t("app-field-lane")} hint={applicant?.priority_eligible ? t("app-find-priority-eligible") : undefined}>
            {(a) => (
              <select {...a} value={lane} onChange={(e) => setLane(e.currentTarget.value as Lane)} data-testid="choose-lane">
                {lanes.map((l) => (
                  <option key={l} value={l}>
                    {t(LANE_IDS[l])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset>
            <legend>{t("app-find-where")}</legend>
            <button type="button" class="secondary" onClick={locate} disabled={locating}>
              {locating ? t("app-find-locating") : t("app-find-use-location")}
            </button>
            {position && <p class="hint" role="status">{t("app-find-using-location")}</p>}
            <Field id="city" label={t("app-find-or-city")} error={locError}>
              {(a) => (
                <select
                  {...a}
                  value={cityKey}
                  data-testid="city-select"
                  onChange={(e) => {
                    setCityKey(e.currentTarget.value);
                    setPosition(null);
                    setLocError(null);
                  }}
                >
                  <option value="">{t("app-find-choose-city")}</option>
                  {cities.map((c) => (
                    <option key={c.key} value={c.key}>
                      {c.name}, {c.province}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </fieldset>
          <label class="check">
            <input type="checkbox" checked={electronic} onChange={(e) => setElectronic(e.currentTarget.checked)} /> {t("app-find-electronic-only")}
          </label>
          <ErrorBox error={error} />
          <button type="submit" class="primary" disabled={busy} data-testid="search">
            {t("app-find-search")}
          </button>
        </form>
      )}
      {busy && <Loading />}
      {result && (
        <section aria-labelledby="results-title">
          <h2 id="results-title" ref={resultsTitle} tabIndex={-1}>
            {t("app-find-results", { count: result.hits.length })}
          </h2>
          <p data-testid="search-area">{t("app-find-searched", { area: areaLabel(result.area) })}</p>
          <p class="hint">{t("app-find-results-order")}</p>
          <ol class="cards" data-testid="results">
            {result.hits.map((h) => (
              <li key={h.office.id} class="card" data-office={h.office.id}>
                <h3 class="card-title">{h.office.name}</h3>
                <p>
                  {h.office.city}, {h.office.province}
                  {h.office.distance_km != null && (
                    <>
                      {" · "}
                      <span data-testid="distance">{t("app-find-distance", { km: Math.round(h.office.distance_km) })}</span>
                    </>
                  )}
                </p>
                <p>
                  <strong>{t("app-find-earliest")}:</strong> {formatDateLong(h.date)}
                </p>
                <p>
                  {t("app-find-first-slot")}: {formatInstant(h.first_slot.starts_at, h.first_slot.time_zone)} ({h.first_slot.session} {zoneLabel(h.first_slot.time_zone)})
                </p>
                <p>
                  {t(LANE_IDS[h.first_slot.lane])} · {t("app-places-left", { count: h.remaining })}
                </p>
                <OfficeDetails office={h.office} directionsUrl={h.directions_url} headingLevel={4} />
                <button
                  type="button"
                  class="primary"
                  data-testid="open-office"
                  onClick={() => navigate(`/office/${encodeURIComponent(h.office.id)}?lane=${lane}&applicant=${applicantId}&date=${h.date}`)}
                >
                  {t("app-find-see-days", { office: h.office.name })}
                </button>
              </li>
            ))}
          </ol>
          {result.hits.length === 0 && <p data-testid="nothing-here">{t("app-find-nothing-here", { area: areaLabel(result.area) })}</p>}
          {result.wider ? (
            <button type="button" class="secondary" disabled={busy} data-testid="widen" onClick={() => void widen(result.wider!)}>
              {t("app-find-widen", { area: areaLabel(result.wider) })}
            </button>
          ) : (
            <p class="hint" data-testid="widest">{t("app-find-widest")}</p>
          )}
        </section>
      )}
    </section>
  );
}
