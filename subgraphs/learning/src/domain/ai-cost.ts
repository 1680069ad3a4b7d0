import { z } from "zod";

const price = z.object({
  /** USD per million prompt tokens. */
  input: z.number().nonnegative(),
  /** USD per million output tokens (thinking tokens are billed as output). */
  output: z.number().nonnegative(),
});

export const priceTable = z.record(z.string(), price);
export type PriceTable = z.infer<typeof priceTable>;

/** List prices (USD per million tokens); "*" prices any model the table does not name. */
export const DEFAULT_PRICES: PriceTable = {
  "gemini-2.5-flash": { input: 0.3, output: 2.5 },
  "gemini-2.5-flash-lite": { input: 0.1, output: 0.4 },
  "gemini-2.5-pro": { input: 1.25, output: 10 },
  "*": { input: 0.3, output: 2.5 },
};

/** Estimated USD cost of one call; a model the table does not know costs what "*" says, else nothing. */
export function estimateCost(
  prices: PriceTable,
  model: string,
  tokens: { promptTokens: number; outputTokens: number },
): number {
  const rate = prices[model] ?? prices["*"];
  if (!rate) return 0;
  return (tokens.promptTokens * rate.input + tokens.outputTokens * rate.output) / 1_000_000;
}
