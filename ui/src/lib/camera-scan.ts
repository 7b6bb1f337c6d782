// Reading the QR proof with the device's camera at the desk: getUserMedia for the picture,
// paulmillr's `qr` (npm, zero dependencies, pure JavaScript: see ARCHITECTURE.md) to find and
// decode the code in each frame. The decoder is loaded only when a camera is opened, so the
// app's first load does not carry it.
// What it yields is the proof's text as printed in the QR (`antre1.<payload>.<signature>`),
// which goes through the same check-in as a code typed by a USB scanner or by hand.

/** Whether this device has a camera the web view may ask for. */
export async function hasCamera(): Promise<boolean> {
  const media = typeof navigator !== "undefined" ? navigator.mediaDevices : undefined;
  if (!media?.getUserMedia || !media.enumerateDevices) return false;
  try {
    return (await media.enumerateDevices()).some((d) => d.kind === "videoinput");
  } catch {
    return false;
  }
}

/** Calls `f` when a camera is plugged in or out (where the web view tells); returns the undo. */
export function onCamerasChanged(f: () => void): () => void {
  const media = typeof navigator !== "undefined" ? navigator.mediaDevices : undefined;
  if (!media?.addEventListener) return () => undefined;
  media.addEventListener("devicechange", f);
  return () => media.removeEventListener("devicechange", f);
}

/**
 * Why the camera could not be opened, from getUserMedia's error (a DOMException's name, with
 * the older names some web views still use): `none` no camera at all, `denied` access refused
 * (by the user, the system or the web view), `busy` another app holds it, `failed` anything else.
 */
export type CameraProblem = "none" | "denied" | "busy" | "failed";

export function cameraProblem(error: unknown): CameraProblem {
  const name = typeof error === "object" && error !== null && "name" in error ? String(error.name) : "";
  switch (name) {
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "none";
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return "denied";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "busy";
    default:
      return "failed";
  }
}

/** A proof as the server signs it (crates/antre-proof): `antre1.` payload `.` 86-char signature. */
export const PROOF_PATTERN = /^antre1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/;

/** Text of a QR code that looks like a proof (surrounding spaces dropped), else null. */
export function proofFrom(text: string): string | null {
  const t = text.trim();
  return PROOF_PATTERN.test(t) ? t : null;
}

export interface Scanner {
  stop(): void;
}

/** Widest frame handed to the decoder: a QR on a phone screen held to the camera is large. */
const MAX_WIDTH = 640;
/** Frames looked at per second (enough for a code held still; spares the CPU). */
const FRAME_MS = 120;

/**
 * Opens the camera into `video` and calls `onProof` once with the first proof seen, then
 * stops. QR codes that are not proofs are ignored. Rejects when the camera cannot be opened
 * (no camera, no permission, in use elsewhere: see `cameraProblem`).
 */
export async function startScan(video: HTMLVideoElement, onProof: (proof: string) => void): Promise<Scanner> {
  const { decodeQR } = await import("qr/decode.js");
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  video.srcObject = stream;
  video.muted = true;
  video.setAttribute("playsinline", "");
  await video.play().catch(() => undefined);
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const tick = () => {
    if (stopped) return;
    if (ctx && video.readyState >= 2 && video.videoWidth > 0) {
      const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
      const w = Math.round(video.videoWidth * scale);
      const h = Math.round(video.videoHeight * scale);
      canvas.width = w;
      canvas.height = h;
      ctx.drawImage(video, 0, 0, w, h);
      const image = ctx.getImageData(0, 0, w, h);
      let proof: string | null = null;
      try {
        // Throws when the frame holds no readable QR code.
        proof = proofFrom(decodeQR({ width: w, height: h, data: image.data }, { format: "RGBA" }));
      } catch {
        proof = null;
      }
      if (proof) {
        stop();
        onProof(proof);
        return;
      }
    }
    timer = setTimeout(tick, FRAME_MS);
  };
  tick();
  return { stop };
}
