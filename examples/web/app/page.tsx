"use client";

import { AuthForm } from "../components/auth-form.tsx";
import { Dashboard } from "../components/dashboard.tsx";
import { useKai } from "../lib/kai.tsx";

export default function Home() {
  const { signedIn } = useKai();
  if (signedIn === null) return <main>Loading…</main>;
  return <main>{signedIn ? <Dashboard /> : <AuthForm />}</main>;
}
