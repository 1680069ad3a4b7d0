"use client";

import { LeaderboardDocument } from "@kai/client";
import { useKai } from "../lib/kai.tsx";
import { useLoad } from "../lib/use-load.ts";

export function Leaderboard({ version }: { version: number }) {
  const { client } = useKai();
  const { data, error } = useLoad(
    () => client.request(LeaderboardDocument, { period: "ALL_TIME", limit: 10 }),
    [client, version],
  );
  return (
    <section data-testid="leaderboard">
      <h2>Leaderboard</h2>
      {error && <p className="error">{error}</p>}
      <ol>
        {data?.leaderboard.map((entry) => (
          <li key={entry.rank} data-testid="leaderboard-entry">
            {entry.user?.name ?? "(gone)"} — {entry.points} points, level {entry.level}
          </li>
        ))}
      </ol>
    </section>
  );
}
