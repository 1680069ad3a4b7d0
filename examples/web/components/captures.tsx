"use client";

import { CapturesDocument } from "@kai/client";
import { useEffect, useState } from "react";
import { useKai } from "../lib/kai.tsx";
import { useLoad } from "../lib/use-load.ts";

/** How often the list looks again while a capture is still being turned into cards. */
const PENDING_POLL_MS = 1000;

export function Captures({ version }: { version: number }) {
  const { client } = useKai();
  const [poll, setPoll] = useState(0);
  const { data, error } = useLoad(
    () => client.request(CapturesDocument, { first: 20 }),
    [client, version, poll],
  );
  const captures = data?.captures.edges.map((edge) => edge.node) ?? [];
  const pending = captures.some((capture) => capture.status === "PENDING");
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setPoll((count) => count + 1), PENDING_POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, data]);

  return (
    <section data-testid="captures">
      <h2>Captures ({data?.captures.totalCount ?? 0})</h2>
      {error && <p className="error">{error}</p>}
      {captures.map((capture) => (
        <article key={capture.id} data-testid="capture" data-status={capture.status}>
          <p>
            <strong>{capture.status}</strong> {capture.content.slice(0, 80)}
          </p>
          {capture.failureReason && <p className="error">{capture.failureReason}</p>}
          <ul>
            {capture.flashcards.map((card) => (
              <li key={card.id} data-testid="capture-card">
                {card.front} — {card.back}
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
