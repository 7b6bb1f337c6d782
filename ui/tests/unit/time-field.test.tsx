// The time field and the date-and-time field: clock times shown and typed 24-hour with the
// language's separator (not the web view's "02:30 PM"), the page handed `HH:MM` and
// `YYYY-MM-DDTHH:MM`, min/max, the keyboard.
import { render } from "preact";
import { useState } from "preact/hooks";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DateTimeField, TimeField } from "../../src/components";
import { addMinutes, formatTimeNumeric, parseTimeInput, setLocale, t } from "../../src/i18n";

describe("clock times in figures, per locale (format-time)", () => {
  it("writes two-digit hours and minutes with the locale's separator", () => {
    expect(formatTimeNumeric("08:00", "id")).toBe("08.00");
    expect(formatTimeNumeric("14:30", "id")).toBe("14.30");
    expect(formatTimeNumeric("08:00", "en")).toBe("08:00");
    expect(formatTimeNumeric("23:59", "en")).toBe("23:59");
  });

  it("reads 24-hour times with either separator, without one, or a whole hour", () => {
    const cases: [string, string][] = [
      ["14.30", "14:30"],
      ["14:30", "14:30"],
      [" 14 30 ", "14:30"],
      ["1430", "14:30"],
      ["830", "08:30"],
      ["9.05", "09:05"],
      ["9", "09:00"],
      ["00.00", "00:00"],
      ["23:59", "23:59"],
    ];
    for (const [text, time] of cases) expect(parseTimeInput(text), text).toBe(time);
    // What each locale shows is read back in both.
    for (const shown of ["id", "en"] as const) {
      for (const time of ["00:05", "08:00", "14:30", "23:59"]) expect(parseTimeInput(formatTimeNumeric(time, shown))).toBe(time);
    }
  });

  it("refuses what is no 24-hour time (no AM/PM guessed)", () => {
    for (const text of ["", "24.00", "12.60", "8.5", "2.30 PM", "02:30 PM", "14.30.00", "abc", "123456", "-1"]) {
      expect(parseTimeInput(text), text).toBeNull();
    }
  });

  it("steps by minutes and hours, held within the day", () => {
    expect(addMinutes("08:59", 1)).toBe("09:00");
    expect(addMinutes("09:00", -1)).toBe("08:59");
    expect(addMinutes("08:30", 60)).toBe("09:30");
    expect(addMinutes("23:30", 60)).toBe("23:59");
    expect(addMinutes("00:30", -60)).toBe("00:00");
  });
});

let root: HTMLElement;
let seen: string[];
const $ = <T extends Element = HTMLInputElement>(sel: string) => root.querySelector<T>(sel)!;
const pageValue = () => $("[data-testid=page-value]").textContent;
async function type(testid: string, text: string) {
  await act(() => {
    $(`[data-testid=${testid}]`).value = text;
    $(`[data-testid=${testid}]`).dispatchEvent(new Event("input"));
  });
}
async function key(testid: string, k: string) {
  await act(() => {
    $(`[data-testid=${testid}]`).dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
  });
}
async function blur(testid: string) {
  await act(() => {
    $(`[data-testid=${testid}]`).dispatchEvent(new FocusEvent("blur"));
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

/** A page holding the field's value as the real pages do, with buttons that set and clear it. */
function Page({ Control, initial = "", min, max, set }: { Control: typeof TimeField; initial?: string; min?: string; max?: string; set: string }) {
  const [value, setValue] = useState(initial);
  return (
    <form>
      <Control
        id="when"
        label="Kapan"
        value={value}
        min={min}
        max={max}
        onChange={(v) => {
          seen.push(v);
          setValue(v);
        }}
        testid="when"
      />
      <button type="button" data-testid="clear" onClick={() => setValue("")} />
      <button type="button" data-testid="set" onClick={() => setValue(set)} />
      <output data-testid="page-value">{value}</output>
    </form>
  );
}

describe("the time field", () => {
  const input = () => $("[data-testid=when]");
  const error = () => root.querySelector("#when-error")?.textContent ?? null;
  const show = (props: { initial?: string; min?: string; max?: string } = {}) => act(() => render(<Page Control={TimeField} set="17:45" {...props} />, root));

  it("is a labelled text field that shows the page's time 24-hour with the Indonesian separator", async () => {
    await show({ initial: "14:30" });
    expect(input().type).toBe("text");
    expect(input().inputMode).toBe("decimal");
    expect($("label").getAttribute("for")).toBe("when");
    expect(input().value).toBe("14.30");
    expect(input().dataset.value).toBe("14:30");
    expect(input().placeholder).toBe(t("app-time-placeholder", undefined, "id"));
    expect(input().getAttribute("aria-describedby")).toBe("when-hint");
    expect($("#when-hint").textContent).toBe(t("app-time-hint", { example: "14.30" }, "id"));
    expect(root.querySelector("[data-testid=when-words]")).toBeNull();
  });

  it("hands the page HH:MM once the typed time is whole, and nothing while it is not", async () => {
    await show();
    await type("when", "2.30 PM");
    expect(pageValue()).toBe("");
    expect(error()).toBeNull(); // no complaint while typing
    await blur("when");
    expect(error()).toBe(t("app-time-invalid", { example: "12.00" }, "id"));
    expect(input().getAttribute("aria-invalid")).toBe("true");
    expect(input().getAttribute("aria-describedby")).toBe("when-hint when-error");
    await type("when", "1430");
    expect(pageValue()).toBe("14:30");
    expect(error()).toBeNull();
    await blur("when");
    expect(input().value).toBe("14.30");
    await type("when", "25.00");
    expect(pageValue()).toBe("");
    expect(seen).toEqual(["14:30", ""]);
  });

  it("follows the language: English shows its separator, placeholder and hint", async () => {
    await show({ initial: "08:05" });
    await act(() => setLocale("en"));
    await show({ initial: "08:05" });
    expect(input().value).toBe("08:05");
    expect(input().placeholder).toBe(t("app-time-placeholder", undefined, "en"));
    expect($("#when-hint").textContent).toBe(t("app-time-hint", { example: "08:05" }, "en"));
    await type("when", "17.45"); // the other separator is read too
    expect(pageValue()).toBe("17:45");
    await blur("when");
    expect(input().value).toBe("17:45");
    await type("when", "5:45 PM");
    await blur("when");
    // The example is the page's time, or midday while it has none.
    expect(error()).toBe(t("app-time-invalid", { example: "12:00" }, "en"));
  });

  it("refuses a time outside min/max, saying which is the limit, in either language", async () => {
    await show({ min: "08:00", max: "16:00" });
    await type("when", "7.59");
    expect(pageValue()).toBe("");
    expect(error()).toBe(t("app-time-too-early", { min: "08.00" }, "id"));
    await type("when", "16.01");
    expect(error()).toBe(t("app-time-too-late", { max: "16.00" }, "id"));
    await act(() => setLocale("en"));
    await show({ min: "08:00", max: "16:00" }); // the app renders again on a change of language
    expect(error()).toBe(t("app-time-too-late", { max: "16:00" }, "en"));
    await type("when", "16:00");
    expect(error()).toBeNull();
    expect(pageValue()).toBe("16:00");
  });

  it("steps with the keyboard: arrows a minute, Page Up/Down an hour, within min/max", async () => {
    await show({ initial: "15:59", min: "08:00", max: "16:30" });
    await key("when", "ArrowUp");
    expect(pageValue()).toBe("16:00");
    expect(input().value).toBe("16.00");
    await key("when", "ArrowDown");
    expect(pageValue()).toBe("15:59");
    await key("when", "PageUp"); // would be past max: held at max
    expect(pageValue()).toBe("16:30");
    for (let i = 0; i < 9; i++) await key("when", "PageDown");
    expect(pageValue()).toBe("08:00"); // held at min
    // Empty: the first step lands on min, or on midday without one.
    await type("when", "");
    await key("when", "ArrowDown");
    expect(pageValue()).toBe("08:00");
  });

  it("steps within the day without min/max", async () => {
    await show({ initial: "23:30" });
    await key("when", "PageUp");
    expect(pageValue()).toBe("23:59");
    await type("when", "");
    await key("when", "ArrowUp");
    expect(pageValue()).toBe("12:00");
  });

  it("shows what the page sets or clears", async () => {
    await show();
    await type("when", "9.3");
    await act(() => $<HTMLButtonElement>("[data-testid=set]").click());
    expect(input().value).toBe("17.45");
    await act(() => $<HTMLButtonElement>("[data-testid=clear]").click());
    expect(input().value).toBe("");
  });
});

describe("the date-and-time field", () => {
  const group = () => $<HTMLFieldSetElement>("[data-testid=when]");
  const show = (props: { initial?: string; min?: string; max?: string } = {}) =>
    act(() => render(<Page Control={DateTimeField} set="2026-12-01T07:15" {...props} />, root));

  it("groups a date and a time under the label, each labelled, and shows the page's value", async () => {
    await show({ initial: "2026-11-18T08:30" });
    expect(group().tagName).toBe("FIELDSET");
    expect($("legend").textContent).toBe("Kapan");
    expect($("label[for=when-date]").textContent).toBe(t("app-datetime-date", undefined, "id"));
    expect($("label[for=when-time]").textContent).toBe(t("app-datetime-time", undefined, "id"));
    expect($("[data-testid=when-date]").value).toBe("18/11/2026");
    expect($("[data-testid=when-time]").value).toBe("08.30");
    expect($("[data-testid=when-date-words]").textContent).toBe("Rabu, 18 November 2026");
    expect(group().dataset.value).toBe("2026-11-18T08:30");
  });

  it("hands the page YYYY-MM-DDTHH:MM once both parts are typed, in either language", async () => {
    await show();
    await type("when-date", "18/11/2026");
    expect(pageValue()).toBe("");
    // Half an instant is not sent: the other part becomes required.
    expect($("[data-testid=when-time]").required).toBe(true);
    expect($<HTMLFormElement>("form").checkValidity()).toBe(false);
    await type("when-time", "8.30");
    expect(pageValue()).toBe("2026-11-18T08:30");
    expect($<HTMLFormElement>("form").checkValidity()).toBe(true);
    await type("when-time", "8.3");
    expect(pageValue()).toBe("");
    await act(() => setLocale("en"));
    await type("when-time", "20:05");
    expect(pageValue()).toBe("2026-11-18T20:05");
    expect($("[data-testid=when-date]").value).toBe("18/11/2026");
    expect(seen).toEqual(["2026-11-18T08:30", "", "2026-11-18T20:05"]);
  });

  it("holds min/max: the time's limit applies on the first and last day only", async () => {
    await show({ min: "2026-11-16T09:00", max: "2026-11-20T17:00" });
    await type("when-time", "08.00");
    await type("when-date", "17/11/2026");
    expect(pageValue()).toBe("2026-11-17T08:00");
    await type("when-date", "16/11/2026");
    expect(pageValue()).toBe("");
    expect(root.querySelector("#when-time-error")!.textContent).toBe(t("app-time-too-early", { min: "09.00" }, "id"));
    await type("when-time", "09.00");
    expect(pageValue()).toBe("2026-11-16T09:00");
    await type("when-date", "21/11/2026");
    expect(pageValue()).toBe("");
    expect(root.querySelector("#when-date-error")!.textContent).toBe("Tanggal paling akhir Jumat, 20 November 2026.");
    await type("when-date", "20/11/2026");
    await type("when-time", "17.01");
    expect(pageValue()).toBe("");
    await key("when-time", "ArrowDown");
    expect(pageValue()).toBe("2026-11-20T17:00");
  });

  it("ties the page's hint and error to the group", async () => {
    await act(() => render(<DateTimeField id="when" label="Kapan" value="" onChange={() => {}} hint="Waktu kantor." error="Salah." testid="when" />, root));
    expect(group().getAttribute("aria-describedby")).toBe("when-hint when-error");
    expect($("#when-hint").textContent).toBe("Waktu kantor.");
    expect($("#when-error").textContent).toBe("Salah.");
  });

  it("shows what the page sets or clears", async () => {
    await show({ initial: "2026-11-18T08:30" });
    await act(() => $<HTMLButtonElement>("[data-testid=set]").click());
    expect($("[data-testid=when-date]").value).toBe("01/12/2026");
    expect($("[data-testid=when-time]").value).toBe("07.15");
    await act(() => $<HTMLButtonElement>("[data-testid=clear]").click());
    expect($("[data-testid=when-date]").value).toBe("");
    expect($("[data-testid=when-time]").value).toBe("");
    expect($("[data-testid=when-time]").required).toBe(false);
  });
});
