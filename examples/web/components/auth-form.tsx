"use client";

import { errorMessage, LoginDocument, RegisterDocument } from "@kai/client";
import { type FormEvent, useState } from "react";
import { useKai } from "../lib/kai.tsx";

/** Sign up (name, email, password) or sign in; either way the returned tokens sign the app in. */
export function AuthForm() {
  const { client, signIn } = useKai();
  const [mode, setMode] = useState<"sign-up" | "sign-in">("sign-up");
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    try {
      const auth =
        mode === "sign-up"
          ? (
              await client.request(RegisterDocument, {
                input: {
                  email,
                  password,
                  name: String(form.get("name")),
                  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
                },
              })
            ).register
          : (await client.request(LoginDocument, { input: { email, password } })).login;
      signIn({ accessToken: auth.accessToken, refreshToken: auth.refreshToken });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <section>
      <h1>{mode === "sign-up" ? "Sign up" : "Sign in"}</h1>
      <form onSubmit={submit}>
        {mode === "sign-up" && (
          <label>
            Name <input name="name" required />
          </label>
        )}
        <label>
          Email <input name="email" type="email" required />
        </label>
        <label>
          Password <input name="password" type="password" minLength={10} required />
        </label>
        <button type="submit">{mode === "sign-up" ? "Sign up" : "Sign in"}</button>
      </form>
      {error && <p className="error">{error}</p>}
      <button type="button" onClick={() => setMode(mode === "sign-up" ? "sign-in" : "sign-up")}>
        {mode === "sign-up" ? "I have an account" : "Make an account"}
      </button>
    </section>
  );
}
