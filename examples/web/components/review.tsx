"use client";

import {
  DueFlashcardsChangedDocument,
  DueFlashcardsDocument,
  errorMessage,
  ReviewFlashcardDocument,
} from "@kai/client";
import { useEffect, useState } from "react";
import { useKai } from "../lib/kai.tsx";
import { useLoad } from "../lib/use-load.ts";

/** SM-2 answer qualities, 0 (blackout) to 5 (perfect); these four are the useful ones. */
const QUALITIES = [
  { label: "Again", quality: 1 },
  { label: "Hard", quality: 3 },
  { label: "Good", quality: 4 },
  { label: "Easy", quality: 5 },
] as const;

/** The first due card: its front, the back on request, and a button per quality. */
export function Review() {
  const { client } = useKai();
  const [version, setVersion] = useState(0);
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string>();
  const due = useLoad(
    () => client.request(DueFlashcardsDocument, { limit: 20 }),
    [client, version],
  );
  // The gateway pushes when cards fall due (e.g. a capture was just processed) and after reviews.
  useEffect(
    () =>
      client.subscribe(DueFlashcardsChangedDocument, undefined, {
        next: () => setVersion((count) => count + 1),
      }),
    [client],
  );

  const cards = due.data?.dueFlashcards ?? [];
  const card = cards[0];

  async function review(quality: number) {
    if (!card) return;
    try {
      await client.request(ReviewFlashcardDocument, { input: { flashcardId: card.id, quality } });
      setShown(false);
      setError(undefined);
      setVersion((count) => count + 1);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <section data-testid="review">
      <h2>Review ({cards.length} due)</h2>
      {(error ?? due.error) && <p className="error">{error ?? due.error}</p>}
      {card ? (
        <div data-testid="due-card" data-card-id={card.id}>
          <p>{card.front}</p>
          {shown ? (
            <>
              <p data-testid="answer">{card.back}</p>
              {QUALITIES.map(({ label, quality }) => (
                <button key={quality} type="button" onClick={() => review(quality)}>
                  {label}
                </button>
              ))}
            </>
          ) : (
            <button type="button" onClick={() => setShown(true)}>
              Show answer
            </button>
          )}
        </div>
      ) : (
        <p>Nothing due.</p>
      )}
    </section>
  );
}
