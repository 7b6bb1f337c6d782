import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse, type Entry, Message, Term, type Pattern } from "@fluent/syntax";
import { describe, expect, it } from "vitest";
import { formatDateLong, formatInstant, formatRupiah, formatTime, has, negotiate, t, toOfficeLocal } from "../../src/i18n";

const ROOT = join(process.cwd(), "..");

describe("formatting per locale (same FTL as Rust)", () => {
  it("writes dates, times and money like the Rust Localizer", () => {
    expect(formatDateLong("2026-11-24", "id")).toBe("Selasa, 24 November 2026");
    expect(formatDateLong("2026-11-24", "en")).toBe("Tuesday, 24 November 2026");
    expect(formatTime(9, 0, "WIB", "id")).toBe("09.00 WIB");
    expect(formatTime(9, 0, "WIB", "en")).toBe("09:00 WIB");
    expect(formatRupiah(350000, "id")).toBe("Rp350.000");
    expect(formatRupiah(1950000, "en")).toBe("Rp1,950,000");
    expect(formatRupiah(-500, "id")).toBe("-Rp500");
  });

  it("shows an instant in the office's zone with its label", () => {
    expect(formatInstant("2026-11-24T02:00:00Z", "Asia/Jakarta", "id")).toBe("Selasa, 24 November 2026, 09.00 WIB");
    expect(formatInstant("2026-11-24T02:00:00Z", "Asia/Makassar", "en")).toBe("Tuesday, 24 November 2026, 10:00 WITA");
    expect(formatInstant("2026-11-23T16:30:00Z", "Asia/Jayapura", "id")).toBe("Selasa, 24 November 2026, 01.30 WIT");
    expect(toOfficeLocal("2026-11-23T17:00:00Z", "Asia/Jakarta")).toEqual({ date: "2026-11-24", hour: 0, minute: 0 });
  });

  it("follows the system language, Indonesian by default", () => {
    expect(negotiate(["en-US", "id"])).toBe("en");
    expect(negotiate(["fr-FR", "id-ID"])).toBe("id");
    expect(negotiate(["in"])).toBe("id");
    expect(negotiate(["de"])).toBe("id");
    expect(negotiate([])).toBe("id");
  });

  it("uses plurals and variables", () => {
    expect(t("app-places-left", { count: 1 }, "en")).toBe("1 place left");
    expect(t("app-places-left", { count: 12 }, "id")).toBe("sisa 12 kuota");
    expect(t("error-applicant-limit-reached", { max: 5 }, "en")).toContain("5 applicants");
  });
});

// ---- parity: every message, attribute and variable exists in both languages ----------------

type Shape = Map<string, { vars: Set<string> }>;

function patternVars(p: Pattern | null, vars: Set<string>): void {
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n.type === "VariableReference") vars.add((n.id as { name: string }).name);
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") walk(v);
    }
  };
  walk(p);
}

function shapeOf(locale: string): Shape {
  const dir = join(ROOT, "i18n", locale);
  const shape: Shape = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl")).sort()) {
    const res = parse(readFileSync(join(dir, file), "utf8"), { withSpans: false });
    for (const entry of res.body as Entry[]) {
      if (entry.type === "Junk") throw new Error(`${locale}/${file}: syntax error: ${(entry as { content: string }).content}`);
      if (!(entry instanceof Message || entry instanceof Term)) continue;
      const prefix = entry instanceof Term ? `-${entry.id.name}` : entry.id.name;
      if (entry.value) {
        const vars = new Set<string>();
        patternVars(entry.value, vars);
        shape.set(`${file}:${prefix}`, { vars });
      }
      for (const attr of entry.attributes) {
        const vars = new Set<string>();
        patternVars(attr.value, vars);
        shape.set(`${file}:${prefix}.${attr.id.name}`, { vars });
      }
    }
  }
  return shape;
}

describe("id/en parity of the FTL files", () => {
  const id = shapeOf("id");
  const en = shapeOf("en");
  it("has the same messages and attributes, in the same files", () => {
    expect([...id.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !id.has(k))).toEqual([]);
  });
  it("has the same variables in each message", () => {
    const diffs: string[] = [];
    for (const [k, v] of id) {
      const other = en.get(k);
      if (other && [...v.vars].sort().join() !== [...other.vars].sort().join()) diffs.push(k);
    }
    expect(diffs).toEqual([]);
  });
});

// ---- usage: every message id the app's code uses is defined ---------------------------------

function files(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === "generated" || name === "node_modules" || name === "target" || name === "gen") continue;
    if (statSync(p).isDirectory()) out.push(...files(p, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

const ID_PREFIXES = "app|lane|status|service|error|priority|fee|doc|documents|notice|notification|calendar|format|zone|weekday|month";

/** Message ids used by the UI (t("...") calls and id tables) and by the app's Rust code. */
export function usedIds(): Map<string, string> {
  const used = new Map<string, string>();
  const literal = new RegExp(`["'](?:${ID_PREFIXES})-[a-z0-9-]+(?:\\.[a-z]+)?["']`, "g");
  const sources = [
    ...files(join(ROOT, "ui/src"), [".ts", ".tsx"]),
    ...files(join(ROOT, "src-tauri/src"), [".rs"]),
    ...files(join(ROOT, "crates/antre-app-core/src"), [".rs"]),
  ];
  for (const f of sources) {
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(/\bt\(\s*"([^"]+)"/g)) used.set(m[1]!, relative(ROOT, f));
    for (const m of text.matchAll(literal)) used.set(m[0].slice(1, -1), relative(ROOT, f));
  }
  return used;
}

describe("message usage", () => {
  it("finds the ids the app uses", () => {
    const used = usedIds();
    expect(used.size).toBeGreaterThan(150);
    expect(used.has("app-book-confirm")).toBe(true);
    expect(used.has("app-slip-title")).toBe(true); // from Rust
  });
  it("uses no id that is missing in either language", () => {
    const missing: string[] = [];
    for (const [id, file] of usedIds()) {
      for (const locale of ["id", "en"] as const) {
        // Rust builds reminder ids as `<prefix>-title` / `<prefix>-body`.
        const ok = has(id, locale) || (has(`${id}-title`, locale) && has(`${id}-body`, locale));
        if (!ok) missing.push(`${locale}: ${id} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
