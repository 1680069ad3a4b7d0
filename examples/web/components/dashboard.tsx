"use client";

import { useCallback, useState } from "react";
import { useKai } from "../lib/kai.tsx";
import { CaptureForm } from "./capture-form.tsx";
import { Captures } from "./captures.tsx";
import { Leaderboard } from "./leaderboard.tsx";
import { ProgressPanel } from "./progress-panel.tsx";
import { Review } from "./review.tsx";

/** The signed-in app; a version number per list tells it to load again after a change. */
export function Dashboard() {
  const { signOut } = useKai();
  const [captures, setCaptures] = useState(0);
  const [progress, setProgress] = useState(0);
  const progressed = useCallback(() => setProgress((version) => version + 1), []);
  return (
    <>
      <header className="stats">
        <ProgressPanel onUpdate={progressed} />
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <CaptureForm onCaptured={() => setCaptures((version) => version + 1)} />
      <Review />
      <Captures version={captures} />
      <Leaderboard version={progress} />
    </>
  );
}
