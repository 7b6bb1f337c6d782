// What every page may need: app info (language, text size, keyring), the session, connectivity;
// and the data several pages show (offices, applicants), fetched once and shared.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { api, type AppInfo, type ApplicantView, type OfficeSummary, type SessionInfo } from "./ipc";

export type Shared = {
  info: AppInfo;
  session: SessionInfo | null;
  online: boolean;
  setInfo: (info: AppInfo) => void;
  setSession: (session: SessionInfo | null) => void;
  /** Announces a short message to screen readers (polite live region). */
  announce: (text: string) => void;
  /** A message for the next page to show once (e.g. "your account has been deleted"). */
  flash: string | null;
  setFlash: (text: string | null) => void;
};

export const SharedContext = createContext<Shared | null>(null);

export function useShared(): Shared {
  const s = useContext(SharedContext);
  if (!s) throw new Error("SharedContext missing");
  return s;
}

/** One fetch shared by every page that asks, kept until it is older than `maxAgeMs` or
 * forgotten (a write changed it). Pages asking meanwhile share the request in flight; a failed
 * fetch is not kept, so the next page asks again. */
export class Fetched<T> {
  private value: Promise<T> | null = null;
  private at = 0;
  constructor(
    private readonly fetch: () => Promise<T>,
    private readonly maxAgeMs = Number.POSITIVE_INFINITY,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(): Promise<T> {
    if (this.value && this.now() - this.at < this.maxAgeMs) return this.value;
    const p = this.fetch();
    this.value = p;
    this.at = this.now();
    p.catch(() => {
      if (this.value === p) this.value = null;
    });
    return p;
  }

  /** What a write answered (e.g. the list after adding a person), for the next page. */
  set(value: T): void {
    this.value = Promise.resolve(value);
    this.at = this.now();
  }

  forget(): void {
    this.value = null;
  }
}

let account: string | null = null;

export const cached = {
  /** The account the data is of: another one (or none) forgets the account's data. */
  signedInAs(id: string | null): void {
    if (id === account) return;
    account = id;
    cached.applicants.forget();
  },
  /** The offices (reference data: they change with a release of `data/`, so 10 minutes is
   * plenty; their calendars and slots are always asked afresh). */
  offices: new Fetched<OfficeSummary[]>(() => api.listOffices(), 10 * 60_000),
  /** The account's applicants: kept until the applicants page changes them or the account
   * changes (`App` says which account is signed in on every render). */
  applicants: new Fetched<ApplicantView[]>(() => api.listApplicants()),
};
