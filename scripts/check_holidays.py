#!/usr/bin/env python3
"""Cross-check data/holidays.csv against the PyPI `holidays` package (Indonesia).

Usage:
    python3 scripts/check_holidays.py [PATH/TO/holidays.csv]

Default path: data/holidays.csv relative to the repository root, found from
this script's location (scripts/..), so the working directory does not matter.

Install the pinned package first:
    python3 -m venv /tmp/hvenv
    /tmp/hvenv/bin/pip install -r scripts/requirements-holidays.txt
    /tmp/hvenv/bin/python scripts/check_holidays.py

For every year that appears in the CSV:
  1. every date the package lists as an Indonesian public holiday
     (holidays.country_holidays('ID', years=year), default category) must be in
     the file, as `national` or `cuti_bersama`;
  2. every `national` date in the file must be a public holiday in the package;
  3. (extra) the package's GOVERNMENT category holds the cuti bersama of the
     SKB decrees; every such date must be in the file, and every `cuti_bersama`
     date in the file must be in that category.
A date listed in the allow-lists below is exempt from the check it is listed
for, with the reason recorded next to it.

The CSV itself is validated too (header, ISO dates, kind values, sort order,
no duplicate dates); a malformed row fails its year.

Exit status: 0 when every year agrees, 1 when any year disagrees or the file
is malformed, 2 when the file or the package cannot be read. The last line is
always `N passed, M failed` where N/M count the checked years.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

EXPECTED_HEADER = ["date", "kind", "name_id", "name_en", "source"]
KINDS = ("national", "cuti_bersama")

# ---------------------------------------------------------------------------
# Allow-lists. Keys are ISO dates, values the reason. Keep every entry
# justified by a decree or a published Ministry of Religious Affairs decision;
# remove an entry once the package catches up (unused entries are reported).
# ---------------------------------------------------------------------------

# Dates the file lists as `national` (check 2) or `cuti_bersama` (check 3) that
# the package does not have, e.g. a decree moved or added a date after the
# pinned package version was released.
ALLOW_FILE_ONLY: dict[str, str] = {
    # (none at holidays==0.109: the package agrees with the 2025, 2026 and
    # 2027 SKB decrees, including the 18 Aug 2025 amendment)
    # Example of the format:
    # "2028-03-01": "SKB 2027 moved Idul Fitri after isbat; package still estimates",
}

# Dates the package lists (public, check 1; government, check 3) that the file
# deliberately leaves out, e.g. a decree removed or moved a holiday.
ALLOW_PACKAGE_ONLY: dict[str, str] = {
    # (none at holidays==0.109)
}


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def load_csv(path: Path):
    """Return (rows_by_year, errors_by_year, global_errors)."""
    rows_by_year: dict[int, list[dict]] = defaultdict(list)
    errors_by_year: dict[int, list[str]] = defaultdict(list)
    global_errors: list[str] = []
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            global_errors.append("file is empty")
            return rows_by_year, errors_by_year, global_errors
        if header != EXPECTED_HEADER:
            global_errors.append(f"header is {header}, expected {EXPECTED_HEADER}")
            return rows_by_year, errors_by_year, global_errors
        prev: date | None = None
        seen: dict[date, int] = {}
        for lineno, rec in enumerate(reader, start=2):
            if not rec or all(not c.strip() for c in rec):
                continue
            if len(rec) != len(EXPECTED_HEADER):
                global_errors.append(f"line {lineno}: {len(rec)} fields, expected {len(EXPECTED_HEADER)}")
                continue
            row = dict(zip(EXPECTED_HEADER, rec))
            try:
                d = date.fromisoformat(row["date"])
                if row["date"] != d.isoformat():
                    raise ValueError
            except ValueError:
                global_errors.append(f"line {lineno}: date {row['date']!r} is not YYYY-MM-DD")
                continue
            errs = errors_by_year[d.year]
            if row["kind"] not in KINDS:
                errs.append(f"line {lineno}: kind {row['kind']!r} not in {KINDS}")
            if not row["name_id"].strip() or not row["name_en"].strip():
                errs.append(f"line {lineno}: empty name")
            if not row["source"].strip():
                errs.append(f"line {lineno}: empty source")
            if prev is not None and d < prev:
                errs.append(f"line {lineno}: {d} is out of order (after {prev})")
            if d in seen:
                errs.append(f"line {lineno}: duplicate date {d} (first on line {seen[d]})")
            else:
                seen[d] = lineno
            prev = d
            row["_date"] = d
            rows_by_year[d.year].append(row)
    return rows_by_year, errors_by_year, global_errors


def check_year(holidays_mod, year: int, rows: list[dict], used_allow: set[str]) -> list[str]:
    """Return a list of disagreement lines (empty means the year agrees)."""
    problems: list[str] = []
    public = holidays_mod.country_holidays("ID", years=year)
    government = holidays_mod.country_holidays("ID", years=year, categories=("government",))
    if not public:
        return [f"package has no Indonesian holidays for {year}"]

    file_all = {r["_date"]: r for r in rows}
    file_national = {r["_date"]: r for r in rows if r["kind"] == "national"}
    file_cuti = {r["_date"]: r for r in rows if r["kind"] == "cuti_bersama"}

    def allowed(table: dict[str, str], d: date) -> bool:
        key = d.isoformat()
        if key in table:
            used_allow.add(key)
            return True
        return False

    # 1. package public holiday -> must be in file (national or cuti_bersama)
    for d, name in sorted(public.items()):
        if d not in file_all and not allowed(ALLOW_PACKAGE_ONLY, d):
            problems.append(f"  - {d}  in package ({name}), missing from file")
    # 2. file national -> must be package public holiday
    for d, r in sorted(file_national.items()):
        if d not in public and not allowed(ALLOW_FILE_ONLY, d):
            problems.append(f"  + {d}  national in file ({r['name_id']}), not a public holiday in package")
    # 3. cuti bersama both ways against the package's government category
    for d, name in sorted(government.items()):
        if d in public:
            continue  # already covered by check 1
        if d not in file_cuti and not allowed(ALLOW_PACKAGE_ONLY, d):
            where = f"listed as {file_all[d]['kind']}" if d in file_all else "missing from file"
            problems.append(f"  - {d}  cuti bersama in package ({name}), {where}")
    for d, r in sorted(file_cuti.items()):
        if d not in government and not allowed(ALLOW_FILE_ONLY, d):
            problems.append(f"  + {d}  cuti_bersama in file ({r['name_id']}), not in package government category")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) > 2:
        print(f"usage: {argv[0]} [holidays.csv]", file=sys.stderr)
        return 2
    path = Path(argv[1]) if len(argv) == 2 else repo_root() / "data" / "holidays.csv"
    try:
        import holidays as holidays_mod
    except ImportError:
        print("error: the `holidays` package is not installed; "
              "pip install -r scripts/requirements-holidays.txt", file=sys.stderr)
        print("0 passed, 0 failed")
        return 2
    if not path.is_file():
        print(f"error: {path} not found", file=sys.stderr)
        print("0 passed, 0 failed")
        return 2

    print(f"checking {path} against holidays {holidays_mod.__version__} (country ID)")
    rows_by_year, errors_by_year, global_errors = load_csv(path)
    for e in global_errors:
        print(f"error: {e}")

    passed = failed = 0
    used_allow: set[str] = set()
    for year in sorted(set(rows_by_year) | set(errors_by_year)):
        rows = rows_by_year.get(year, [])
        problems = [f"  ! {e}" for e in errors_by_year.get(year, [])]
        problems += check_year(holidays_mod, year, rows, used_allow)
        n_nat = sum(r["kind"] == "national" for r in rows)
        n_cb = sum(r["kind"] == "cuti_bersama" for r in rows)
        if problems:
            failed += 1
            print(f"{year}: FAILED ({n_nat} national, {n_cb} cuti_bersama in file)")
            print("\n".join(problems))
        else:
            passed += 1
            print(f"{year}: ok ({n_nat} national, {n_cb} cuti_bersama; agrees with package)")

    for key in sorted((set(ALLOW_FILE_ONLY) | set(ALLOW_PACKAGE_ONLY)) - used_allow):
        print(f"warning: allow-list entry {key} was not needed; remove it if the package now agrees")
    if global_errors and failed == 0:
        # file-level errors (bad header, unparseable dates) still fail the run
        print(f"{len(global_errors)} file-level error(s) not attributed to a checked year")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and not global_errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
