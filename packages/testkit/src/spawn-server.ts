import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { waitFor } from "./wait-for.ts";

/** Starts a server binary and resolves once its port accepts connections. */
export async function spawnServer(
  command: string,
  args: string[],
  port: number,
): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) => {
    child.once("error", (error) =>
      reject(new Error(`${command} failed to start: ${error.message}`)),
    );
    child.once("exit", (code) => reject(new Error(`${command} exited with ${code}: ${stderr}`)));
  });
  await Promise.race([
    waitFor(() => portAccepts(port), { what: `${command} on port ${port}` }),
    exited,
  ]);
  exited.catch(() => {});
  return child;
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

export function portAccepts(port: number, host = "127.0.0.1"): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(undefined));
  });
}
