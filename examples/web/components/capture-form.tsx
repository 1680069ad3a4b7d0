"use client";

import { CreateCaptureDocument, errorMessage } from "@kai/client";
import { type FormEvent, useState } from "react";
import { useKai } from "../lib/kai.tsx";

export function CaptureForm({ onCaptured }: { onCaptured(): void }) {
  const { client } = useKai();
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const content = String(new FormData(form).get("content"));
    try {
      await client.request(CreateCaptureDocument, { input: { type: "TEXT", content } });
      form.reset();
      setError(undefined);
      onCaptured();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <section>
      <h2>Capture</h2>
      <form onSubmit={submit}>
        <textarea name="content" rows={5} placeholder="Paste something worth learning" required />
        <button type="submit">Capture</button>
      </form>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
