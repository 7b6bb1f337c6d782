// An office's results over time (issue 11), for its staff and head and for admins: the visits'
// ratings week by week or month by month (the user's choice; how many, the average, how many
// gave each mark, the comments; by the visit's day in the office's own zone) and the
// integrity reports ("asked to pay beyond the official fee?"): how many, and where and when each
// happened. Never who filed one: the server names a reporter to admins only, and this page shows
// none to anyone. An admin chooses the office; staff see their own.
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Field, Loading, PageTitle } from "../components";
import { addDays, formatDateLong, formatInstant, formatMonthYear, formatRupiah, getLocale, t, todayAt } from "../i18n";
import { api, toAppError, type AppError, type OfficeSummary } from "../ipc";
import { cached } from "../state";
import type { OfficeFeedback } from "../generated/OfficeFeedback";
import type { FeedbackPeriod } from "../generated/FeedbackPeriod";
import type { RatingPeriod } from "../generated/RatingPeriod";

/** The lengths offered per grouping: weeks back from this week, or months back from this
 * month (the server reads at most 366 days). */
export const SPANS: Record<FeedbackPeriod, readonly number[]> = { week: [4, 12, 26, 52], month: [3, 6, 12] };
const DEFAULT_SPAN: Record<FeedbackPeriod, number> = { week: 12, month: 6 };

/** The range's first and last day (office's local dates): whole weeks (Monday first) or whole
 * calendar months, the current one up to today. */
export function period(today: string, span: number, by: FeedbackPeriod = "week"): { from: string; to: string } {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  if (by === "month") {
    const first = new Date(Date.UTC(y, m - 1 - (span - 1), 1)).toISOString().slice(0, 10);
    return { from: first, to: today };
  }
  const mondayOffset = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return { from: addDays(today, -mondayOffset - 7 * (span - 1)), to: today };
}

/** An average rating as the user's language writes it, one or two decimals (4,25 / 4.25). */
export function formatAverage(value: number, locale = getLocale()): string {
  return new Intl.NumberFormat(locale === "id" ? "id-ID" : "en-US", { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value);
}

/** The range's count and average of all ratings (weighted by each week's or month's count). */
export function overall(weeks: RatingPeriod[]): { count: number; average: number } {
  const count = weeks.reduce((n, w) => n + w.count, 0);
  const sum = weeks.reduce((n, w) => n + w.counts.reduce((s, c, i) => s + c * (i + 1), 0), 0);
  return { count, average: count === 0 ? 0 : Math.round((sum / count) * 100) / 100 };
}

export function ResultsPage({ officeId, chooseOffice }: { officeId: string | null; chooseOffice: boolean }) {
  const [office, setOffice] = useState<string | null>(officeId);
  const [offices, setOffices] = useState<OfficeSummary[]>([]);
  const [by, setBy] = useState<FeedbackPeriod>("week");
  const [span, setSpan] = useState<number>(DEFAULT_SPAN.week);
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
    const { from, to } = period(todayAt(timeZone), span, by);
    api.officeFeedback(office, from, to, by).then(
      (r) => live && setResult(r),
      (e) => live && setError(toAppError(e)),
    );
    return () => {
      live = false;
    };
  }, [office, by, span, timeZone]);

  const choose = (next: FeedbackPeriod) => {
    setBy(next);
    setSpan(DEFAULT_SPAN[next]);
  };

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
      <fieldset data-testid="results-by">
        <legend>{t("app-results-by")}</legend>
        {(["week", "month"] as const).map((p) => (
          <label key={p} class="inline">
            <input type="radio" name="results-by" value={p} checked={by === p} onChange={() => choose(p)} data-testid={`results-by-${p}`} />{" "}
            {t(p === "week" ? "app-results-by-week" : "app-results-by-month")}
          </label>
        ))}
      </fieldset>
      <Field id="results-period" label={t("app-results-period")}>
        {(a) => (
          <select {...a} value={String(span)} onChange={(e) => setSpan(Number(e.currentTarget.value))} data-testid="results-period">
            {SPANS[by].map((n) => (
              <option key={n} value={String(n)}>
                {by === "week" ? t("app-results-weeks", { weeks: n }) : t("app-results-months", { months: n })}
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

/** A period's name: the week's Monday ("Senin, 19 Oktober 2026") or the month ("Oktober 2026"). */
function periodName(by: FeedbackPeriod, start: string): string {
  return by === "month" ? formatMonthYear(start) : formatDateLong(start);
}

function Results({ result, timeZone }: { result: OfficeFeedback; timeZone: string }) {
  const all = overall(result.ratings);
  const by = result.period;
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
            <table data-testid={by === "month" ? "results-months" : "results-weeks"}>
              <caption>{t(by === "month" ? "app-results-months-caption" : "app-results-weeks-caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(by === "month" ? "app-results-month" : "app-results-week")}</th>
                  <th scope="col">{t("app-results-count")}</th>
                  <th scope="col">{t("app-results-average")}</th>
                </tr>
              </thead>
              <tbody>
                {result.ratings.map((w) => (
                  <tr key={w.start} data-testid={by === "month" ? "results-month" : "results-week"}>
                    <th scope="row">{periodName(by, w.start)}</th>
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
                <div key={w.start}>
                  <h3>{by === "month" ? formatMonthYear(w.start) : t("app-results-week-of", { date: formatDateLong(w.start) })}</h3>
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
