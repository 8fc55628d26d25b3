// Loaded into a bench child process (`--import`; plain JavaScript, since worker threads inherit
// the flag without tsx's loader): SIGWINCH starts a CPU profile of the main thread, the next
// SIGWINCH writes it to $TANDEM_BENCH_PROFILE_DIR/<label>-<n>.cpuprofile, so a profile covers
// one burst, not the seeding before it. (Not SIGUSR2: Temporal's worker shuts down on it.)
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { isMainThread } from "node:worker_threads";

const dir = process.env.TANDEM_BENCH_PROFILE_DIR;
const label = process.env.TANDEM_BENCH_PROFILE_LABEL ?? String(process.pid);
/** @type {Session | null} */
let session = null;
let count = 0;

async function toggle() {
  if (!session) {
    session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
    return;
  }
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  session = null;
  count += 1;
  writeFileSync(path.join(dir ?? ".", `${label}-${count}.cpuprofile`), JSON.stringify(profile));
}

if (dir && isMainThread) {
  process.on("SIGWINCH", () => {
    toggle().catch((error) => console.error("bench profile:", error));
  });
}
