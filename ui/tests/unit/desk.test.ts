import { afterEach, describe, expect, it } from "vitest";
import { setLocale, t } from "../../src/i18n";
import { cameraProblem, proofFrom } from "../../src/lib/camera-scan";
import { describeError } from "../../src/lib/errors";

afterEach(() => setLocale("id"));

describe("desk camera", () => {
  it("tells a device without a camera from a refused or busy one", () => {
    const failure = (name: string) => cameraProblem(new DOMException("x", name));
    // WebKitGTK with media streams on, and a machine with no camera: "none".
    expect(failure("NotFoundError")).toBe("none");
    expect(failure("OverconstrainedError")).toBe("none");
    expect(cameraProblem({ name: "DevicesNotFoundError" })).toBe("none");
    expect(failure("NotAllowedError")).toBe("denied");
    expect(failure("SecurityError")).toBe("denied");
    expect(failure("NotReadableError")).toBe("busy");
    expect(failure("AbortError")).toBe("busy");
    expect(cameraProblem(new TypeError("no mediaDevices"))).toBe("failed");
    expect(cameraProblem(undefined)).toBe("failed");
  });

  it("says in the user's language that no camera was found and what to use instead", () => {
    setLocale("id");
    expect(t("app-desk-camera-none")).toContain("pemindai USB");
    setLocale("en");
    expect(t("app-desk-camera-none")).toContain("No camera was found");
    expect(t("app-desk-camera-denied")).toContain("refused");
  });

  it("takes only a proof from a QR code", () => {
    const proof = `antre1.eyJhIjoxfQ.${"A".repeat(86)}`;
    expect(proofFrom(` ${proof}\n`)).toBe(proof);
    expect(proofFrom("https://example.com")).toBeNull();
  });
});

describe("outreach capture", () => {
  it("shows the device's own warning for a NIK already on the drive, naming the member", () => {
    const message = "SITI AMINAH (3275••••••••••01) sudah terdaftar di kegiatan ini: sudah dicatat di perangkat ini atau sudah terdaftar. NIK ini tidak dicatat lagi.";
    expect(describeError({ code: "already_captured", message, field: "nik" })).toBe(message);
  });
});
