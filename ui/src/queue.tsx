// Writes made offline: how many wait to be sent, and those the server refused when they were
// sent (with its reason, until the user has seen them). The queue lives on the Rust side
// (antre-app-core's queue, on disk); this looks at it every few seconds and, while something
// waits, asks Rust to send it (Rust's background loop does the same when the window is closed).
import { useEffect, useState } from "preact/hooks";
import { t } from "./i18n";
import { api, type RefusedWrite, type WriteQueueStatus } from "./ipc";
import { describeError } from "./lib/errors";

const POLL_MS = 5_000;

const sentListeners = new Set<() => void>();
/** Called when writes that waited have been sent (a page showing their booking looks again). */
export function onQueuedWritesSent(listener: () => void): () => void {
  sentListeners.add(listener);
  return () => void sentListeners.delete(listener);
}

function what(w: { kind: string; applicant_name?: string | null }): string {
  if (w.kind === "booking") return t("app-queue-booking");
  return w.applicant_name ? t("app-queue-cancel", { name: w.applicant_name }) : t("app-queue-cancel-unnamed");
}

export function WriteQueue({ online, signedIn }: { online: boolean; signedIn: boolean }) {
  const [status, setStatus] = useState<WriteQueueStatus | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    let busy = false;
    let waiting = 0;
    const look = async () => {
      if (busy) return;
      busy = true;
      try {
        const s = waiting > 0 ? await api.sendQueuedWrites() : await api.writeQueue();
        if (waiting > 0 && s.queued.length < waiting) sentListeners.forEach((l) => l());
        waiting = s.queued.length;
        setStatus(s);
      } catch {
        // The next look tries again.
      } finally {
        busy = false;
      }
    };
    void look();
    const timer = window.setInterval(() => void look(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [signedIn]);
  // Back online: send what waits now rather than at the next look.
  useEffect(() => {
    if (!online || !signedIn || !status || status.queued.length === 0) return;
    const before = status.queued.length;
    void api.sendQueuedWrites().then((s) => {
      if (s.queued.length < before) sentListeners.forEach((l) => l());
      setStatus(s);
    }, () => undefined);
  }, [online, signedIn]);

  if (!status || (status.queued.length === 0 && status.refused.length === 0)) return null;
  const dismiss = async (r: RefusedWrite) => setStatus(await api.dismissRefusedWrite(r.idempotency_key));
  return (
    <div class="write-queue" data-testid="write-queue">
      {status.queued.length > 0 && (
        <p role="status" data-testid="queue-waiting" data-count={String(status.queued.length)}>
          {t("app-queue-waiting", { count: status.queued.length })}: {status.queued.map(what).join("; ")}
        </p>
      )}
      {status.refused.map((r) => (
        <div key={r.idempotency_key} class="error" role="alert" data-testid="queue-refused" data-code={r.error.code}>
          <p>{t("app-queue-refused", { what: what(r), reason: describeError(r.error) })}</p>
          <button type="button" class="secondary" onClick={() => void dismiss(r)} data-testid="queue-refused-dismiss">
            {t("app-queue-dismiss")}
          </button>
        </div>
      ))}
    </div>
  );
}
