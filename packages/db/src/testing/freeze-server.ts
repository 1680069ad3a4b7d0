import { readFileSync } from "node:fs";
import { join } from "node:path";
import postgres from "postgres";

/**
 * Stops (SIGSTOP) the postmaster and every backend serving `database`, so the server still
 * accepts TCP connections and holds its sockets open but answers nothing: a hung server, the
 * case a timeout must cover, unlike a crashed one that refuses at once. Resolves to `thaw`.
 */
export async function freezeServer(url: string, database: string): Promise<() => void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  let pids: number[];
  try {
    const [setting] = await admin<{ dataDirectory: string }[]>`
      select current_setting('data_directory') as "dataDirectory"`;
    const backends = await admin<{ pid: number }[]>`
      select pid from pg_stat_activity where datname = ${database}`;
    if (!setting) throw new Error("no data_directory");
    pids = [postmasterPid(setting.dataDirectory), ...backends.map((row) => row.pid)];
  } finally {
    await admin.end({ timeout: 5 });
  }
  for (const pid of pids) process.kill(pid, "SIGSTOP");
  return () => {
    for (const pid of pids) process.kill(pid, "SIGCONT");
  };
}

/** The first line of postmaster.pid is the postmaster's process id. */
function postmasterPid(dataDirectory: string): number {
  const [line] = readFileSync(join(dataDirectory, "postmaster.pid"), "utf8").split("\n");
  const pid = Number(line);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${dataDirectory}`);
  return pid;
}
