// The office results page's plain logic: the range asked for per week or per calendar month.
import { describe, expect, it } from "vitest";
import { overall, period, SPANS } from "../../src/pages/results";

describe("results range", () => {
  it("covers whole weeks, Monday first, up to today", () => {
    // Monday 16 November 2026: 4 weeks back to Monday 26 October.
    expect(period("2026-11-16", 4)).toEqual({ from: "2026-10-26", to: "2026-11-16" });
    expect(period("2026-11-22", 1, "week")).toEqual({ from: "2026-11-16", to: "2026-11-22" });
  });

  it("covers whole calendar months, this one up to today, across a year", () => {
    expect(period("2026-11-16", 6, "month")).toEqual({ from: "2026-06-01", to: "2026-11-16" });
    expect(period("2027-01-31", 3, "month")).toEqual({ from: "2026-11-01", to: "2027-01-31" });
    expect(period("2027-02-01", 1, "month")).toEqual({ from: "2027-02-01", to: "2027-02-01" });
  });

  it("never asks for more than the server's 366 days", () => {
    for (const today of ["2027-01-31", "2028-02-29", "2026-12-31", "2026-03-01"]) {
      for (const [by, spans] of Object.entries(SPANS) as ["week" | "month", readonly number[]][]) {
        for (const n of spans) {
          const { from, to } = period(today, n, by);
          const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
          expect(days).toBeGreaterThanOrEqual(0);
          expect(days).toBeLessThanOrEqual(366);
        }
      }
    }
  });

  it("weighs each period's average by its count", () => {
    const p = (start: string, counts: number[]) => ({ start, count: counts.reduce((a, b) => a + b, 0), average: 0, counts, comments: [] });
    expect(overall([p("2026-10-01", [0, 0, 1, 1, 2]), p("2026-11-01", [1, 0, 0, 1, 3])])).toEqual({ count: 9, average: 4.11 });
  });
});
