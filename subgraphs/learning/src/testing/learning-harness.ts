import { startTestSubgraph, type TestSubgraph } from "@kai/runtime/testing";
import { learningSubgraph } from "../app.ts";
import type { LearningSchema } from "../db/tables.ts";
import { type LearningEnv, loadLearningEnv } from "../env.ts";

/** Tables the runtime itself polls; statements on them are not the request's cost. */
const RUNTIME_TABLES = /"(outbox|processed_events)"/;

export interface LearningHarness extends TestSubgraph<LearningSchema, LearningEnv> {
  /** Counts the SQL statements (besides the runtime's own bookkeeping) that `run` causes. */
  countStatements(run: () => Promise<unknown>): Promise<number>;
}

/** The learning subgraph alone (see startTestSubgraph), counting the statements requests run. */
export async function startLearningHarness(
  /** Settings over the test defaults, e.g. GEMINI_API_KEY and GEMINI_BASE_URL. */
  env: Record<string, string> = {},
  { replicas = 1 }: { replicas?: number } = {},
): Promise<LearningHarness> {
  let statements = 0;
  const harness = await startTestSubgraph(learningSubgraph, {
    loadEnv: loadLearningEnv,
    env,
    replicas,
    onQuery: (query) => {
      if (!RUNTIME_TABLES.test(query)) statements++;
    },
  });
  return {
    ...harness,
    async countStatements(run) {
      const before = statements;
      await run();
      return statements - before;
    },
  };
}
