import { setFlagsFromString } from 'node:v8';

/**
 * Settings of the JavaScript engine for a long-running server process: `gongzhi serve`, and the
 * intake benchmark's server, which measures what it serves.
 *
 * Allocation-site pretenuring is off. V8 watches which allocation sites' objects survive young
 * collections and, once most do, allocates that site's objects straight in the old generation.
 * After a burst of reports (many waiting on their batch at once) it made that call for sites of
 * every request: response headers, batch rows, security headers. At a steady 1,000 reports a
 * second those objects die within milliseconds, so the old generation filled with garbage
 * (1.6 MB per young collection, against 0.4 MB without pretenuring on PostgreSQL), full
 * collections came about four times as often, and each young collection took longer (median 3.9 ms
 * against 2.3 ms), holding every request in flight.
 *
 * The old generation may grow to twice what a full collection leaves before the next one. The
 * objects of reports that wait out a slow commit (a disk stall) or a pause outlive two young
 * collections and die in the old generation, about 3 MB a second at 1,000 reports a second. With
 * V8's own growing factor a full collection then came every 3 to 8 s, each pausing the server for
 * 4 to 15 ms, and the reports queued behind the pause went over 20 ms. With the old generation
 * allowed twice its live size (about 50 MB here), they come a half to a third as often.
 * See `docs/performance-cases.md`.
 */
export function tuneServerProcess(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
  setFlagsFromString('--heap-growing-percent=100');
}
