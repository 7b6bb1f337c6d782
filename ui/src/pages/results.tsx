// An office's results over time (issue 11), for its staff and head and for admins: the visits'
// ratings week by week (how many, the average, how many gave each mark, the comments) and the
// integrity reports ("asked to pay beyond the official fee?"): how many, and where and when each
// happened. Never who filed one: the server names a reporter to admins only, and this page shows
// none to anyone. An admin chooses the office; staff see their own.
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Field, Loading, PageTitle } from "../components";
import { addDays, formatDateLong, formatInstant, formatRupiah, getLocale, t, todayAt } from "../i18n";
import { api, toAppError, type AppError, type OfficeSummary } from "../ipc";
import { cached } from "../state";
import type { OfficeFeedback } from "../generated/OfficeFeedback";
import type { RatingWeek } from "../generated/RatingWeek";

/** The periods offered, in weeks back from this week. */
export const PERIOD_WEEKS = [4, 12, 26, 52] as const;
const DEFAULT_WEEKS = 12;

/** The period's first and last day (office's local dates): whole weeks, Monday first. */
export function period(today: string, weeks: number): { from: string; to: string } {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const mondayOffset = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return { from: addDays(today, -mondayOffset - 7 * (weeks - 1)), to: today };
}

/** An average rating as the user's language writes it, one or two decimals (4,25 / 4.25). */
export function formatAverage(value: number, locale = getLocale()): string {
  return new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-US", { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value);
}

/** The period's count and average of all ratings (weighted by each week's count). */
export function overall(weeks: RatingWeek[]): { count: number; average: number } {
  const count = weeks.reduce((n, w) => n + w.count, 0);
  const sum = weeks.reduce((n, w) => n + w.counts.reduce((s, c, i) => s + c * (i + 1), 0), 0);
  return { count, average: count === 0 ? 0 : Math.round((sum / count) * 100) / 100 };
}

export function ResultsPage({ officeId, chooseOffice }: { officeId: string | null; chooseOffice: boolean }) {
  const [office, setOffice] = useState<string | null>(officeId);
  const [offices, setOffices] = useState<OfficeSummary[]>([]);
  const [weeks, setWeeks] = useState<number>(DEFAULT_WEEKS);
  const [result, setResult] = useState<OfficeFeedback | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  // The offices: the admin's choice, and the office's zone (its "today" and report times).
  useEffect(() => {
    cached.offices.get().then(
      (list) => {
        setOffices(list);
        if (chooseOffice) setOffice((o) => o ?? list[0]?.id ?? null);
      },
      (e) => setError(toAppError(e)),
    );
  }, [chooseOffice]);

  const summary = offices.find((o) => o.id === office);
  const timeZone = summary?.time_zone ?? "Asia/Jakarta";
  useEffect(() => {
    if (!office) return;
    let live = true;
    setResult(null);
    setError(null);
    const { from, to } = period(todayAt(timeZone), weeks);
    api.officeFeedback(office, from, to).then(
      (r) => live && setResult(r),
      (e) => live && setError(toAppError(e)),
    );
    return () => {
      live = false;
    };
  }, [office, weeks, timeZone]);

  return (
    <section class="page">
      <PageTitle>{t("app-results-title")}</PageTitle>
      <p>{t("app-results-intro")}</p>
      {chooseOffice && (
        <Field id="results-office" label={t("app-results-office")}>
          {(a) => (
            <select {...a} value={office ?? ""} onChange={(e) => setOffice(e.currentTarget.value || null)} data-testid="results-office">
              {offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id="results-period" label={t("app-results-period")}>
        {(a) => (
          <select {...a} value={String(weeks)} onChange={(e) => setWeeks(Number(e.currentTarget.value))} data-testid="results-period">
            {PERIOD_WEEKS.map((n) => (
              <option key={n} value={String(n)}>
                {t("app-results-weeks", { weeks: n })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorBox error={error} />
      {result === null && error === null && office && <Loading />}
      {result && <Results result={result} timeZone={timeZone} />}
    </section>
  );
}

function Results({ result, timeZone }: { result: OfficeFeedback; timeZone: string }) {
  const all = overall(result.ratings);
  return (
    <>
      <p data-testid="results-range">
        {t("app-results-range", { from: formatDateLong(result.from), to: formatDateLong(result.to) })}
      </p>
      <section aria-labelledby="results-ratings-title" data-testid="results-ratings">
        <h2 id="results-ratings-title">{t("app-results-ratings")}</h2>
        <p data-testid="results-overall">
          {all.count === 0 ? t("app-results-no-ratings") : t("app-results-overall", { count: all.count, average: formatAverage(all.average) })}
        </p>
        {result.ratings.length > 0 && (
          <div class="results-table">
            <table data-testid="results-weeks">
              <caption>{t("app-results-weeks-caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("app-results-week")}</th>
                  <th scope="col">{t("app-results-count")}</th>
                  <th scope="col">{t("app-results-average")}</th>
                </tr>
              </thead>
              <tbody>
                {result.ratings.map((w) => (
                  <tr key={w.week_start} data-testid="results-week">
                    <th scope="row">{formatDateLong(w.week_start)}</th>
                    <td>{w.count}</td>
                    <td>{formatAverage(w.average)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {result.ratings.some((w) => w.comments.length > 0) && (
          <details>
            <summary>{t("app-results-comments")}</summary>
            {result.ratings
              .filter((w) => w.comments.length > 0)
              .map((w) => (
                <div key={w.week_start}>
                  <h3>{t("app-results-week-of", { date: formatDateLong(w.week_start) })}</h3>
                  <ul>
                    {w.comments.map((c, i) => (
                      <li key={i}>{c}</li>
                    ))}
                  </ul>
                </div>
              ))}
          </details>
        )}
      </section>
      <section aria-labelledby="results-reports-title" data-testid="results-reports">
        <h2 id="results-reports-title">{t("app-results-reports")}</h2>
        <p data-testid="results-reports-count">
          {t("app-results-reports-count", { count: result.reports.length, asked: result.asked_to_pay })}
        </p>
        <p>{t("app-results-reports-anonymous")}</p>
        <ul>
          {result.reports.map((r) => (
            <li key={r.id} data-testid="results-report">
              <strong>{r.occurred_at ? formatInstant(r.occurred_at, timeZone) : formatDateLong(r.day)}</strong>
              {r.place && <> · {t("app-results-report-place", { place: r.place })}</>}
              {r.asked_to_pay && (
                <>
                  {" · "}
                  {r.amount !== undefined
                    ? t("app-results-report-asked-amount", { amount: formatRupiah(r.amount) })
                    : t("app-results-report-asked")}
                </>
              )}
              {r.description && <p>{r.description}</p>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
