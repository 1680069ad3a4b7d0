// Preloaded with `--import` (NODE_OPTIONS refuses --cpu-prof): samples the process's CPU from
// start to exit and writes a .cpuprofile (Chrome DevTools, speedscope) into BENCH_PROFILE_DIR.
// SIGUSR2 starts the profile afresh, so it can cover a measured phase without the start-up.
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  process.on("SIGUSR2", () => {
    session.post("Profiler.stop");
    session.post("Profiler.start");
  });
  // An in-process session answers synchronously, so the profile is written before exit ends.
  process.once("exit", () => {
    session.post("Profiler.stop", (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      const name = `${process.env.BENCH_PROFILE_NAME ?? "process"}-${process.pid}.cpuprofile`;
      writeFileSync(join(dir, name), JSON.stringify(result.profile));
    });
  });
}
