// `tsx bench/profile-summary.ts <file.cpuprofile> [top]`: where a CPU profile's time went,
// as self time per function and per package (node_modules/<pkg>, our workspace folders, node).
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  timeDeltas: number[];
  samples: number[];
}

const [file, top = "25", ...watched] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [top] [function…]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index + 1] ?? 0) / 1000);
});

function area(url: string, name: string): string {
  if (name === "(idle)" || name === "(program)" || name === "(garbage collector)") return name;
  const pkg = url.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1] as string;
  const ours = url.match(/\/work\/main\/((?:packages|subgraphs)\/[^/]+|gateway)\//);
  if (ours) return ours[1] as string;
  return url.startsWith("node:") || url === "" ? "node (core)" : url;
}

const functions = new Map<string, number>();
const areas = new Map<string, number>();
let total = 0;
for (const [id, ms] of selfMs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = area(url, functionName);
  total += ms;
  areas.set(where, (areas.get(where) ?? 0) + ms);
  const key = `${functionName || "(anonymous)"} ${url.replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "").replace("file:///work/main/", "")}:${lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + ms);
}
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (of ${total.toFixed(0)} ms sampled)`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
    console.log(
      `${ms.toFixed(0).padStart(7)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${key}`,
    );
  }
};
print("self time by package", areas);
print("self time by function", functions);

// Inclusive time of the named functions (anything on the stack), e.g. `verify operationCost`.
if (watched.length > 0) {
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>(watched.map((name) => [name, 0]));
  for (const [id, ms] of selfMs) {
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)?.callFrame.functionName;
      if (name && inclusive.has(name)) onStack.add(name);
    }
    for (const name of onStack) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
  }
  const busy = total - (areas.get("(idle)") ?? 0);
  console.log(`\ninclusive time (of ${busy.toFixed(0)} ms busy)`);
  for (const [name, ms] of inclusive) {
    console.log(
      `${ms.toFixed(0).padStart(7)} ms ${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${name}`,
    );
  }
}
