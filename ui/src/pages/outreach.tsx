// Outreach drives, for an office's outreach officers and head: create a drive (place with
// coordinates, date and time, its own places, the group leader), add members one by one (each
// with an outcome), import the leader's CSV list (all rows or none, each fault by row), export the
// members, and for a hajj drive compare them with the religious-affairs office's list.
import { useEffect, useState } from "preact/hooks";
import { DateField, ErrorBox, Field, Loading, PageTitle, TimeField } from "../components";
import { formatDateLong, formatInstant, t, todayAt } from "../i18n";
import { api, toAppError, type AppError, type CaptureStatus, type DrivePrint, type DriveRoster, type DriveView } from "../ipc";
import { describeError } from "../lib/errors";
import { APPLICATION_IDS } from "../lib/labels";
import { navigate } from "../lib/router";
import { useShared } from "../state";
import type { ApplicationKind } from "../generated/ApplicationKind";
import type { DriveKind } from "../generated/DriveKind";
import type { HajjCheck } from "../generated/HajjCheck";
import type { HajjMismatchKind } from "../generated/HajjMismatchKind";
import type { ListRejected } from "../generated/ListRejected";
import type { MemberOutcome } from "../generated/MemberOutcome";

const KIND_IDS: Record<DriveKind, string> = {
  community: "app-drive-kind-community",
  school: "app-drive-kind-school",
  company: "app-drive-kind-company",
  hajj: "app-drive-kind-hajj",
};
export const OUTCOME_IDS: Record<MemberOutcome, string> = {
  registered: "app-member-registered",
  duplicate_nik: "app-member-duplicate-nik",
  invalid: "app-member-invalid",
  drive_full: "app-member-drive-full",
  limit_reached: "app-member-limit-reached",
};
const MISMATCH_IDS: Record<HajjMismatchKind, string> = {
  name_differs: "app-hajj-name-differs",
  birth_date_differs: "app-hajj-birth-differs",
  not_on_pilgrim_list: "app-hajj-not-on-list",
  not_in_drive: "app-hajj-not-in-drive",
};

function newId(): string {
  return crypto.randomUUID();
}

export function OutreachPage({ officeId, driveId }: { officeId: string; driveId: string }) {
  return driveId ? <DrivePage id={driveId} /> : <DrivesPage officeId={officeId} />;
}

function DrivesPage({ officeId }: { officeId: string }) {
  const [drives, setDrives] = useState<DriveView[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    api.listDrives(officeId).then(setDrives, (e) => setError(toAppError(e)));
  }, [officeId]);
  return (
    <section class="page">
      <PageTitle>{t("app-outreach-title")}</PageTitle>
      <ErrorBox error={error} />
      {drives === null && error === null && <Loading />}
      {drives && (
        <ul data-testid="drive-list">
          {drives.map((d) => (
            <li key={d.id}>
              <a href={`#/outreach/${d.id}`}>{d.name}</a> · {t(KIND_IDS[d.kind])} · {formatDateLong(d.date)} ·{" "}
              {t("app-drive-places", { registered: d.registered, capacity: d.capacity })}
            </li>
          ))}
        </ul>
      )}
      <CreateDrive officeId={officeId} />
    </section>
  );
}

function CreateDrive({ officeId }: { officeId: string }) {
  const [kind, setKind] = useState<DriveKind>("community");
  const [name, setName] = useState("");
  const [place, setPlace] = useState("");
  const [lat, setLat] = useState("");
  const [lon, setLon] = useState("");
  const [date, setDate] = useState("");
  const [starts, setStarts] = useState("08:00");
  const [ends, setEnds] = useState("12:00");
  const [capacity, setCapacity] = useState("50");
  const [leader, setLeader] = useState("");
  const [phone, setPhone] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const d = await api.createDrive(officeId, {
        kind, name, place: { name: place, address: "", lat: Number(lat), lon: Number(lon) }, date, starts, ends,
        capacity: Number(capacity), leader: { name: leader, phone },
      });
      navigate(`/outreach/${d.id}`);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }
  const field = (id: string, label: string, value: string, set: (v: string) => void, type = "text", extra: Record<string, string> = {}) => (
    <Field id={id} label={label}>
      {(a) => <input {...a} {...extra} type={type} value={value} onInput={(e) => set(e.currentTarget.value)} data-testid={id} />}
    </Field>
  );
  return (
    <form class="form" onSubmit={submit} aria-labelledby="new-drive-title" data-testid="drive-form">
      <h2 id="new-drive-title">{t("app-drive-new")}</h2>
      <Field id="drive-kind" label={t("app-drive-kind")}>
        {(a) => (
          <select {...a} value={kind} onChange={(e) => setKind(e.currentTarget.value as DriveKind)} data-testid="drive-kind">
            {(Object.keys(KIND_IDS) as DriveKind[]).map((k) => (
              <option key={k} value={k}>
                {t(KIND_IDS[k])}
              </option>
            ))}
          </select>
        )}
      </Field>
      {field("drive-name", t("app-drive-name"), name, setName)}
      {field("drive-place", t("app-drive-place"), place, setPlace)}
      {field("drive-lat", t("app-drive-lat"), lat, setLat, "text", { inputMode: "decimal" })}
      {field("drive-lon", t("app-drive-lon"), lon, setLon, "text", { inputMode: "decimal" })}
      <DateField id="drive-date" label={t("app-drive-date")} min={todayAt("Asia/Jakarta")} value={date} onChange={setDate} testid="drive-date" />
      <TimeField id="drive-starts" label={t("app-drive-starts")} value={starts} onChange={setStarts} testid="drive-starts" />
      <TimeField id="drive-ends" label={t("app-drive-ends")} value={ends} onChange={setEnds} testid="drive-ends" />
      {field("drive-capacity", t("app-drive-capacity"), capacity, setCapacity, "number", { min: "1", max: "500" })}
      {field("drive-leader", t("app-drive-leader"), leader, setLeader)}
      {field("drive-phone", t("app-drive-leader-phone"), phone, setPhone, "tel")}
      <ErrorBox error={error} />
      <button type="submit" class="primary" disabled={busy || !name || !place || !date || !starts || !ends || !leader} data-testid="drive-create">
        {t("app-drive-create")}
      </button>
    </form>
  );
}

function Rejected({ rejected }: { rejected: ListRejected }) {
  return (
    <div class="error" role="alert" data-testid="list-rejected" data-code={rejected.code}>
      <p>{rejected.message}</p>
      <ul>
        {rejected.rows.map((r) => (
          <li key={r.row}>
            {t("app-list-row", { row: r.row })}: {r.errors.map((f) => f.message).join(" ")}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Reads a chosen file as text (UTF-8; a BOM stays, the server reads it). */
async function readFile(input: HTMLInputElement): Promise<string | null> {
  const file = input.files?.[0];
  return file ? await file.text() : null;
}

function DrivePage({ id }: { id: string }) {
  const shared = useShared();
  const [roster, setRoster] = useState<DriveRoster | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [captures, setCaptures] = useState<CaptureStatus | null>(null);
  const [rejected, setRejected] = useState<ListRejected | null>(null);
  const [hajj, setHajj] = useState<HajjCheck | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);

  async function load() {
    try {
      setRoster(await api.getDrive(id));
    } catch (e) {
      setError(toAppError(e));
    }
  }
  useEffect(() => void load(), [id]);
  // The members captured here: shown at once (from the device), then sent if any wait.
  useEffect(() => {
    let live = true;
    api.captureStatus(id).then(async (c) => {
      if (!live) return;
      setCaptures(c);
      if (c.pending > 0) setCaptures(await api.syncCaptures(id));
    }, () => {});
    return () => {
      live = false;
    };
  }, [id]);
  // While members wait, the page follows what the background loop sends (read on the device).
  const waiting = (captures?.pending ?? 0) > 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      api.captureStatus(id).then((c) => {
        setCaptures(c);
        if (c.pending === 0) void load();
      }, () => {});
    }, 5000);
    return () => clearInterval(timer);
  }, [id, waiting]);

  async function act(f: () => Promise<void>) {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(toAppError(e));
    }
  }

  if (!roster) return error ? <ErrorBox error={error} /> : <Loading />;
  const d = roster.drive;
  return (
    <section class="page">
      <PageTitle>{d.name}</PageTitle>
      <p data-testid="drive-summary">
        {t(KIND_IDS[d.kind])} · {d.place.name} · {formatInstant(d.starts_at, d.time_zone)} · {t("app-drive-code", { code: d.code })} ·{" "}
        {t("app-drive-places", { registered: d.registered, capacity: d.capacity })}
      </p>
      <p>{t("app-drive-leader-line", { name: d.leader.name, phone: d.leader.phone })}</p>
      <ErrorBox error={error} />
      <AddMember
        driveId={id}
        setError={setError}
        onCaptured={async (c, registered) => {
          setCaptures(c);
          if (registered) {
            shared.announce(t("app-member-sent", { count: 1 }));
            await load();
          }
        }}
      />
      {captures && captures.captured > 0 && (
        <Captures
          status={captures}
          onSync={() =>
            void act(async () => {
              const before = captures.sent;
              const c = await api.syncCaptures(id);
              setCaptures(c);
              if (c.sent !== before) await load();
            })
          }
          onDiscard={(memberId) => void act(async () => setCaptures(await api.discardCapture(id, memberId)))}
        />
      )}
      <section aria-labelledby="import-title">
        <h2 id="import-title">{t("app-import-title")}</h2>
        <Field id="import-file" label={t("app-import-file")} hint={t("app-import-hint")}>
          {(a) => (
            <input
              {...a}
              type="file"
              accept=".csv,text/csv"
              data-testid="import-file"
              onChange={(e) => {
                const input = e.currentTarget;
                void act(async () => {
                  const text = await readFile(input);
                  if (text === null) return;
                  const answer = await api.importMembers(id, text);
                  if ("rejected" in answer) setRejected(answer.rejected);
                  else {
                    setRejected(null);
                    shared.announce(t("app-import-done", { count: answer.imported.registered }));
                    await load();
                  }
                });
              }}
            />
          )}
        </Field>
        {rejected && <Rejected rejected={rejected} />}
      </section>
      <section aria-labelledby="export-title">
        <h2 id="export-title">{t("app-export-title")}</h2>
        <button type="button" data-testid="export-members" onClick={() => void act(async () => setExported((await api.exportMembers(id)).path))}>
          {t("app-export-members")}
        </button>
        {exported && (
          <p role="status" data-testid="export-done">
            {t("app-export-done", { path: exported })}
          </p>
        )}
      </section>
      <section aria-labelledby="print-title">
        <h2 id="print-title">{t("app-print-title")}</h2>
        {(["roster", "slips"] as DrivePrint[]).map((print) => (
          <button
            key={print}
            type="button"
            data-testid={`print-${print}`}
            onClick={() => void act(async () => setPrinted((await api.saveDrivePrint(id, print)).path))}
          >
            {t(print === "roster" ? "app-print-roster" : "app-print-slips")}
          </button>
        ))}
        {printed && (
          <p role="status" data-testid="print-done" data-path={printed}>
            {t("app-saved-to", { path: printed })}
          </p>
        )}
      </section>
      {d.kind === "hajj" && (
        <section aria-labelledby="hajj-title">
          <h2 id="hajj-title">{t("app-hajj-title")}</h2>
          <Field id="hajj-file" label={t("app-hajj-file")}>
            {(a) => (
              <input
                {...a}
                type="file"
                accept=".csv,text/csv"
                data-testid="hajj-file"
                onChange={(e) => {
                  const input = e.currentTarget;
                  void act(async () => {
                    const text = await readFile(input);
                    if (text === null) return;
                    const answer = await api.hajjCheck(id, text);
                    if ("rejected" in answer) setRejected(answer.rejected);
                    else setHajj(answer.checked);
                  });
                }}
              />
            )}
          </Field>
          {hajj && (
            <div data-testid="hajj-result">
              <p>{t("app-hajj-summary", { matched: hajj.matched, members: hajj.members, pilgrims: hajj.pilgrims })}</p>
              <ul>
                {hajj.mismatches.map((m, i) => (
                  <li key={i} data-kind={m.kind}>
                    {t(MISMATCH_IDS[m.kind])}: {m.member?.name ?? ""}
                    {m.member && m.pilgrim ? " / " : ""}
                    {m.pilgrim ? `${m.pilgrim.name} (${m.pilgrim.portion_number})` : ""}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("app-members-title", { count: roster.members.length })}</h2>
        <ul data-testid="member-list">
          {roster.members.map((m) => (
            <li key={m.id}>
              <strong>{m.name}</strong> · {m.nik_masked} · {t(APPLICATION_IDS[m.application_kind])}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

function AddMember({
  driveId,
  onCaptured,
  setError,
}: {
  driveId: string;
  onCaptured: (c: CaptureStatus, registered: boolean) => Promise<void>;
  setError: (e: AppError | null) => void;
}) {
  const [name, setName] = useState("");
  const [birth, setBirth] = useState("");
  const [nik, setNik] = useState("");
  const [kind, setKind] = useState<ApplicationKind>("new");
  const [phone, setPhone] = useState("");
  const [memberId, setMemberId] = useState(newId);
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState(false);

  // Captured on the device first (checked there, kept encrypted), then sent if the server
  // answers; a member found invalid here keeps the form (and its id) for the fix.
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setKept(false);
    try {
      const r = await api.captureMember(driveId, {
        member_id: memberId, name, birth_date: birth, nik: nik.trim(), application_kind: kind, ...(phone ? { phone } : {}),
      });
      const outcome = r.member.outcome;
      if (!r.member.decided_on_device) setMemberId(newId());
      if (outcome === null || outcome === "registered") {
        setName("");
        setBirth("");
        setNik("");
        setPhone("");
        setKept(outcome === null);
      }
      await onCaptured(r.status, outcome === "registered");
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="form" onSubmit={submit} aria-labelledby="add-member-title" data-testid="member-form">
      <h2 id="add-member-title">{t("app-member-add-title")}</h2>
      <Field id="member-name" label={t("app-field-name")}>
        {(a) => <input {...a} value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="member-name" />}
      </Field>
      <DateField id="member-birth" label={t("app-field-birth-date")} max={todayAt("Asia/Jayapura")} value={birth} onChange={setBirth} testid="member-birth" />
      <Field id="member-nik" label={t("app-field-nik")}>
        {(a) => <input {...a} value={nik} inputMode="numeric" maxLength={16} onInput={(e) => setNik(e.currentTarget.value)} data-testid="member-nik" />}
      </Field>
      <Field id="member-kind" label={t("app-member-kind")}>
        {(a) => (
          <select {...a} value={kind} onChange={(e) => setKind(e.currentTarget.value as ApplicationKind)} data-testid="member-kind">
            {(["new", "renewal"] as ApplicationKind[]).map((k) => (
              <option key={k} value={k}>
                {t(APPLICATION_IDS[k])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="member-phone" label={t("app-field-phone")}>
        {(a) => <input {...a} type="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} data-testid="member-phone" />}
      </Field>
      <button type="submit" class="primary" disabled={busy || !name || !birth || nik.trim().length !== 16} data-testid="member-add">
        {t("app-member-add")}
      </button>
      {kept && (
        <p role="status" data-testid="member-kept">
          {t("app-capture-kept")}
        </p>
      )}
    </form>
  );
}

/** The members captured on this device: counts, each outcome, and sending now. */
function Captures({ status, onSync, onDiscard }: { status: CaptureStatus; onSync: () => void; onDiscard: (memberId: string) => void }) {
  return (
    <section aria-labelledby="captures-title" data-testid="captures">
      <h2 id="captures-title">{t("app-capture-title")}</h2>
      <p
        role="status"
        data-testid="capture-counts"
        data-captured={status.captured}
        data-pending={status.pending}
        data-sent={status.sent}
      >
        {t("app-capture-counts", { captured: status.captured, pending: status.pending, sent: status.sent })}
      </p>
      {status.online === false && status.pending > 0 && <p data-testid="capture-offline">{t("app-capture-offline")}</p>}
      {status.refused && (
        <p class="error" role="alert">
          {t("app-capture-refused", { message: describeError(status.refused) })}
        </p>
      )}
      {status.pending > 0 && (
        <button type="button" onClick={onSync} data-testid="capture-sync">
          {t("app-capture-send")}
        </button>
      )}
      <ul data-testid="member-outcomes">
        {status.members.map((m) => (
          <li key={m.member_id} data-outcome={m.outcome ?? "pending"}>
            <strong>{m.name}</strong> · {m.nik_masked} · {m.outcome ? t(OUTCOME_IDS[m.outcome]) : t("app-capture-pending")}
            {m.decided_on_device && <> ({t("app-capture-on-device")})</>}
            {m.errors.length > 0 && <> · {m.errors.map((e) => e.message).join(" ")}</>}
            {m.decided_on_device && (
              <button type="button" class="link" onClick={() => onDiscard(m.member_id)}>
                {t("app-capture-discard")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
