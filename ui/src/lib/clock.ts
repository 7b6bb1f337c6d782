// Now by the server's clock. Release instants, payment deadlines and "today" at an office are
// the server's; a phone whose clock is wrong must still show what is open and what is due.
import type { ServerClock } from "../generated/app/ServerClock";

let offsetMs = 0;

export function setServerClock(clock: ServerClock): void {
  offsetMs = clock.offset_ms;
}

export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}
