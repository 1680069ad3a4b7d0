import { Gauge, type GaugeConfiguration } from "prom-client";

/** Reads a value from its source (a JetStream API call, a count query) and sets it on the gauge. */
export type Sampler<L extends string> = (gauge: Gauge<L>) => Promise<void> | void;

/** How long one sampler may take before a scrape goes on without it. */
const SAMPLE_TIMEOUT_MS = 1_000;

export interface ScrapedGauge<L extends string> {
  gauge: Gauge<L>;
  /** Adds a source read at every scrape; the returned function removes it (and its values). */
  sample(sampler: Sampler<L>): () => void;
}

/**
 * A gauge whose values are read from their sources when Prometheus scrapes, not kept up to
 * date by the code: a backlog or a lag lives in the database or in JetStream, and reading it
 * there is both cheaper and truer. A source that fails or is slow is left out of that scrape.
 */
export function scrapedGauge<L extends string>(
  config: Omit<GaugeConfiguration<L>, "collect">,
): ScrapedGauge<L> {
  const samplers = new Set<Sampler<L>>();
  const gauge: Gauge<L> = new Gauge<L>({
    ...config,
    async collect() {
      gauge.reset();
      await Promise.all([...samplers].map((sampler) => withinTimeout(sampler(gauge))));
    },
  });
  return {
    gauge,
    sample(sampler) {
      samplers.add(sampler);
      return () => void samplers.delete(sampler);
    },
  };
}

async function withinTimeout(work: Promise<void> | void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SAMPLE_TIMEOUT_MS);
  });
  await Promise.race([Promise.resolve(work).catch(() => {}), timeout]);
  clearTimeout(timer);
}
