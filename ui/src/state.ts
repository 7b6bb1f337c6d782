// What every page may need: app info (language, large text, keyring), the session, connectivity.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { AppInfo, SessionInfo } from "./ipc";

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
