"use client";

import { MyProgressDocument, StreakUpdatedDocument } from "@kai/client";
import { useEffect, useState } from "react";
import { useKai } from "../lib/kai.tsx";
import { useLoad } from "../lib/use-load.ts";

interface Stats {
  points: number;
  level: number;
  streak: number;
}

/** How long to wait before asking again for progress that is not there yet. */
const RETRY_MS = 1000;

/**
 * Points, level and streak: loaded, then kept current by the streakUpdated subscription. A new
 * account's progress is made a moment after sign-up (from the user_created event), so a first
 * answer without it is asked again.
 */
export function ProgressPanel({ onUpdate }: { onUpdate(): void }) {
  const { client } = useKai();
  const [attempt, setAttempt] = useState(0);
  const loaded = useLoad(() => client.request(MyProgressDocument), [client, attempt]);
  useEffect(() => {
    if (!loaded.error) return;
    const timer = setTimeout(() => setAttempt((count) => count + 1), RETRY_MS);
    return () => clearTimeout(timer);
  }, [loaded]);
  const [live, setLive] = useState<Stats>();
  useEffect(
    () =>
      client.subscribe(StreakUpdatedDocument, undefined, {
        next: ({ streakUpdated }) => {
          setLive(streakUpdated);
          onUpdate();
        },
      }),
    [client, onUpdate],
  );

  const stats = live ?? loaded.data?.me.progress;
  return (
    <dl className="stats" data-testid="progress">
      <dt>Points</dt>
      <dd data-testid="points">{stats?.points ?? "…"}</dd>
      <dt>Level</dt>
      <dd data-testid="level">{stats?.level ?? "…"}</dd>
      <dt>Streak</dt>
      <dd data-testid="streak">{stats?.streak ?? "…"}</dd>
    </dl>
  );
}
