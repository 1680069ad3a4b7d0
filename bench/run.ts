// `pnpm bench`: from a review mutation to each subscriber's streakUpdated, with 1,000
// graphql-ws subscribers on one gateway process, and that process's memory while they are
// connected. The subgraphs and the gateway run as production processes (perf-stack.ts), so
// this process holds the clients alone. Everything runs on localhost and is bounded in count
// and time (see options.ts).
import { waitFor } from "@kai/testkit";
import { Cleanup } from "./cleanup.ts";
import { type BenchUser, createUsers } from "./fixtures.ts";
import { childGateway, type GatewayProcess, sampleMemory } from "./gateway-process.ts";
import { measureHops } from "./hops.ts";
import { LatencyLedger, summarize } from "./latency.ts";
import { type BenchOptions, loadBenchOptions } from "./options.ts";
import { type PerfStack, startPerfStack } from "./perf-stack.ts";
import { type BenchResult, printReport } from "./report.ts";
import { sendReviews, warmUp } from "./reviews.ts";
import { connectSubscribers } from "./subscribers.ts";

/** How long updates may still arrive after the last review was answered. */
const DRAIN_MS = 15_000;

const note = (message: string) => console.error(`[bench] ${message}`);
const secondsSince = (since: number) => (performance.now() - since) / 1000;

interface Setup {
  stack: PerfStack;
  gateway: GatewayProcess;
  users: BenchUser[];
}

async function setUp(options: BenchOptions, cleanup: Cleanup): Promise<Setup> {
  note("starting PostgreSQL, NATS, Redis, the subgraphs and the gateways…");
  // Registered before it is up: a deadline during the start must still stop what started.
  const profile = process.env.BENCH_CPU_PROF;
  const starting = startPerfStack(profile ? { profileDir: profile } : {});
  cleanup.add(() => starting.then((stack) => stack.dispose()).catch(() => {}));
  const stack = await starting;
  // Production answers "Internal server error"; the cause is in the gateway's log.
  cleanup.add(async () => {
    if (failed) console.error(`[bench] the gateway's last lines:\n${stack.ours.output()}`);
  });
  const gateway = await childGateway(stack.ours.url, "gateway/src/main.ts", () =>
    stack.ours.stop(),
  );
  // One warm-up review per user, then its share of the measured ones, each of a new card.
  const cards = 1 + Math.ceil(options.reviews / options.users);
  note(`registering ${options.users} users, each with ${cards} cards…`);
  const users = await createUsers(gateway.url, options.users, cards);
  return { stack, gateway, users };
}

async function run(options: BenchOptions, cleanup: Cleanup): Promise<BenchResult> {
  const started = performance.now();
  const { stack, gateway, users } = await setUp(options, cleanup);
  const idle = (await gateway.memory()).rss;
  const sampler = sampleMemory(gateway);
  cleanup.add(async () => void sampler.stop());

  const ledger = new LatencyLedger();
  note(`connecting ${options.users * options.socketsPerUser} subscribers…`);
  const subscribers = await connectSubscribers(
    gateway.url,
    users,
    options.socketsPerUser,
    (...update) => ledger.received(...update),
  );
  cleanup.add(() => subscribers.dispose());
  const connected = (await gateway.memory()).rss;
  const live = await warmUp(users, ledger, subscribers.count);
  const setup = secondsSince(started);

  note(`${live}/${subscribers.count} subscribers live; sending ${options.reviews} reviews…`);
  const measuring = performance.now();
  const gatewayCpu = await gateway.cpuSeconds();
  const ownCpu = process.cpuUsage();
  const expected = options.reviews * options.socketsPerUser;
  const failedReviews = await sendReviews(users, ledger, options.reviews, options.rate);
  await waitFor(() => (ledger.latencies.length >= expected ? true : undefined), {
    timeoutMs: DRAIN_MS,
    what: "the last updates",
  }).catch(() => note("some updates never arrived; reporting what did"));
  const own = process.cpuUsage(ownCpu);
  const gatewaySeconds = (await gateway.cpuSeconds()) - gatewayCpu;
  const hops = await measureHops(stack.databaseUrl, ledger.reviews);

  return {
    options,
    subscribers: subscribers.count,
    live,
    expected,
    delivered: ledger.latencies.length,
    latency: summarize(ledger.latencies),
    hops,
    wrongUser: ledger.wrongUser,
    duplicates: ledger.duplicates,
    failedReviews,
    subscriptionFailures: subscribers.failures(),
    memory: {
      idle,
      connected,
      peakConnected: sampler.stop(),
      lifetimePeak: (await gateway.memory()).peak,
    },
    seconds: { setup, measured: secondsSince(measuring) },
    cpu: {
      gateway: gatewaySeconds,
      clients: (own.user + own.system) / 1e6,
    },
  };
}

const options = loadBenchOptions();
let failed = false;
const cleanup = new Cleanup();
const finish = (code: number) => cleanup.run().finally(() => process.exit(code));
const deadline = setTimeout(() => {
  note(`gave up after ${options.deadlineMs / 1000} s`);
  void finish(1);
}, options.deadlineMs);
process.once("SIGINT", () => void finish(130));
run(options, cleanup).then(
  (result) => {
    clearTimeout(deadline);
    // bench/all.ts reads the result as the last line of stdout.
    if (process.env.BENCH_JSON) console.log(JSON.stringify(result));
    else printReport(result);
    return finish(0);
  },
  (error: unknown) => {
    failed = true;
    console.error(error);
    return finish(1);
  },
);
