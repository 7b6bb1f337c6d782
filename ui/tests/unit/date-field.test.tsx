// The shared date field: dates shown and typed in the chosen language's order (not the web
// view's US format), the page handed ISO, min/max, the keyboard.
import { render } from "preact";
import { useState } from "preact/hooks";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DateField } from "../../src/components";
import { addMonths, formatDateNumeric, parseDateInput, setLocale } from "../../src/i18n";

describe("dates in figures, per locale (format-date-numeric)", () => {
  it("writes day/month/year with two-digit day and month", () => {
    expect(formatDateNumeric("2026-12-15", "id")).toBe("15/12/2026");
    expect(formatDateNumeric("2026-03-05", "en")).toBe("05/03/2026");
  });

  it("reads the locale's order, the month's name, and ISO", () => {
    for (const locale of ["id", "en"] as const) {
      expect(parseDateInput("15/12/2026", locale)).toBe("2026-12-15");
      expect(parseDateInput("5.3.2026", locale)).toBe("2026-03-05");
      expect(parseDateInput(" 05-03-2026 ", locale)).toBe("2026-03-05");
      expect(parseDateInput("2026-12-15", locale)).toBe("2026-12-15");
    }
    // Not the US order: 12/15/2026 has no 15th month.
    expect(parseDateInput("12/15/2026", "id")).toBeNull();
    expect(parseDateInput("12/15/2026", "en")).toBeNull();
    expect(parseDateInput("15 Desember 2026", "id")).toBe("2026-12-15");
    expect(parseDateInput("Selasa, 15 Desember 2026", "id")).toBe("2026-12-15");
    expect(parseDateInput("15 des 2026", "id")).toBe("2026-12-15");
    expect(parseDateInput("Tuesday, 15 December 2026", "en")).toBe("2026-12-15");
    expect(parseDateInput("15 Dec 2026", "en")).toBe("2026-12-15");
    // A month name of the other language is not guessed.
    expect(parseDateInput("15 Desember 2026", "en")).toBeNull();
  });

  it("refuses what is no date", () => {
    for (const text of ["", "15/12", "15/12/26", "31/02/2026", "0/12/2026", "15/13/2026", "abc", "15 Foo 2026", "1/1/1/2026"]) {
      expect(parseDateInput(text, "id"), text).toBeNull();
    }
    expect(parseDateInput("29/02/2028", "id")).toBe("2028-02-29");
    expect(parseDateInput("29/02/2027", "id")).toBeNull();
  });

  it("moves by months, keeping the day or the month's last", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
  });
});

describe("the date field", () => {
  let root: HTMLElement;
  let seen: string[];
  function Page({ initial = "", min, max }: { initial?: string; min?: string; max?: string }) {
    const [value, setValue] = useState(initial);
    return (
      <>
        <DateField
          id="day"
          label="Tanggal"
          value={value}
          min={min}
          max={max}
          onChange={(d) => {
            seen.push(d);
            setValue(d);
          }}
          testid="day"
        />
        <button type="button" data-testid="clear" onClick={() => setValue("")} />
        <button type="button" data-testid="set" onClick={() => setValue("2026-11-26")} />
        <output data-testid="page-value">{value}</output>
      </>
    );
  }
  const input = () => root.querySelector<HTMLInputElement>("[data-testid=day]")!;
  const words = () => root.querySelector("[data-testid=day-words]")!.textContent;
  const error = () => root.querySelector("#day-error")?.textContent ?? null;
  const pageValue = () => root.querySelector("[data-testid=page-value]")!.textContent;
  async function type(text: string) {
    await act(() => {
      input().value = text;
      input().dispatchEvent(new Event("input"));
    });
  }
  async function key(k: string) {
    await act(() => {
      input().dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
    });
  }
  async function blur() {
    await act(() => {
      input().dispatchEvent(new FocusEvent("blur"));
    });
  }
  beforeEach(() => {
    setLocale("id");
    seen = [];
    root = document.createElement("div");
    document.body.append(root);
  });
  afterEach(async () => {
    await act(() => render(null, root));
    root.remove();
    setLocale("id");
  });

  it("is a labelled text field that shows the page's date in Indonesian order, with the day in words", async () => {
    await act(() => render(<Page initial="2026-12-15" />, root));
    expect(input().type).toBe("text");
    expect(root.querySelector("label")!.getAttribute("for")).toBe("day");
    expect(input().value).toBe("15/12/2026");
    expect(input().dataset.value).toBe("2026-12-15");
    expect(input().placeholder).toBe("hh/bb/tttt");
    expect(words()).toBe("Selasa, 15 Desember 2026");
    const described = input().getAttribute("aria-describedby")!.split(" ");
    expect(described).toContain("day-hint");
    expect(described).toContain("day-words");
    expect(root.querySelector("#day-hint")!.textContent).toContain("15/12/2026");
  });

  it("hands the page ISO once the typed date is whole, and nothing while it is not", async () => {
    await act(() => render(<Page />, root));
    await type("1/3/202");
    expect(pageValue()).toBe("");
    expect(error()).toBeNull(); // no complaint while typing
    await type("1/3/2026");
    expect(pageValue()).toBe("2026-03-01");
    expect(words()).toBe("Minggu, 1 Maret 2026");
    await blur();
    expect(input().value).toBe("01/03/2026");
    await type("1/3/20266");
    expect(pageValue()).toBe("");
    await blur();
    expect(error()).toContain("Tanggal tidak dikenali");
    expect(input().getAttribute("aria-invalid")).toBe("true");
    expect(seen).toEqual(["2026-03-01", ""]);
  });

  it("follows the language: English shows its own words and hint", async () => {
    await act(() => render(<Page initial="2026-12-15" />, root));
    await act(() => setLocale("en"));
    await act(() => render(<Page initial="2026-12-15" />, root));
    expect(input().value).toBe("15/12/2026");
    expect(input().placeholder).toBe("dd/mm/yyyy");
    expect(words()).toBe("Tuesday, 15 December 2026");
    await type("15 Dec 2026");
    expect(pageValue()).toBe("2026-12-15");
  });

  it("refuses a date outside min/max, saying which is the limit", async () => {
    await act(() => render(<Page min="2026-12-01" max="2026-12-31" />, root));
    await type("30/11/2026");
    expect(pageValue()).toBe("");
    expect(error()).toBe("Tanggal paling awal Selasa, 1 Desember 2026.");
    await type("1/1/2027");
    expect(error()).toBe("Tanggal paling akhir Kamis, 31 Desember 2026.");
    await type("31/12/2026");
    expect(error()).toBeNull();
    expect(pageValue()).toBe("2026-12-31");
  });

  it("steps with the keyboard: arrows a day, Page Up/Down a month, within min/max", async () => {
    await act(() => render(<Page initial="2026-12-30" min="2026-12-01" max="2027-01-31" />, root));
    await key("ArrowUp");
    expect(pageValue()).toBe("2026-12-31");
    await key("ArrowUp");
    expect(input().value).toBe("01/01/2027");
    await key("ArrowDown");
    expect(pageValue()).toBe("2026-12-31");
    await key("PageUp");
    expect(pageValue()).toBe("2027-01-31");
    await key("PageUp"); // would be past max: held at max
    expect(pageValue()).toBe("2027-01-31");
    await key("PageDown");
    await key("PageDown");
    expect(pageValue()).toBe("2026-12-01"); // 31 November does not exist, then held at min
    // Empty: the first step lands on min.
    await type("");
    await key("ArrowDown");
    expect(pageValue()).toBe("2026-12-01");
  });

  it("shows what the page sets or clears (a birth date read from the NIK, a form reset)", async () => {
    await act(() => render(<Page />, root));
    await type("15/12/20");
    await act(() => root.querySelector<HTMLButtonElement>("[data-testid=set]")!.click());
    expect(input().value).toBe("26/11/2026");
    await act(() => root.querySelector<HTMLButtonElement>("[data-testid=clear]")!.click());
    expect(input().value).toBe("");
    expect(words()).toBe("");
  });
});
