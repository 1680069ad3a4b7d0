import type { AiLedger, AiSubject, CallRecord } from "../ledger/ai-ledger.ts";

/** A ledger that keeps its rows in memory, for tests of the model chain alone. */
export function memoryLedger(options: { overBudget?: boolean } = {}) {
  const calls: (CallRecord & { subject: AiSubject })[] = [];
  const ledger: AiLedger = {
    record: async (subject, call) => {
      calls.push({ ...call, subject });
    },
    overBudget: async () => options.overBudget ?? false,
  };
  return { ledger, calls };
}
