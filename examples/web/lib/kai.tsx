"use client";

import { createKaiClient, type KaiClient, type TokenStore, type Tokens } from "@kai/client";
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";

const STORAGE_KEY = "kai.tokens";

interface Kai {
  client: KaiClient;
  /** null until the stored tokens were read in the browser. */
  signedIn: boolean | null;
  signIn(tokens: Tokens): void;
  signOut(): void;
}

const KaiContext = createContext<Kai | null>(null);

/** Tokens in localStorage, so a reload stays signed in; every change re-renders the app. */
function localStorageTokens(onChange: (tokens: Tokens | null) => void): TokenStore {
  return {
    get: () => {
      const stored = window.localStorage.getItem(STORAGE_KEY);
      return stored ? (JSON.parse(stored) as Tokens) : null;
    },
    set: (tokens) => {
      if (tokens) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
      else window.localStorage.removeItem(STORAGE_KEY);
      onChange(tokens);
    },
  };
}

export function KaiProvider({ gatewayUrl, children }: { gatewayUrl: string; children: ReactNode }) {
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const client = useMemo(
    () =>
      createKaiClient({
        url: gatewayUrl,
        tokens: localStorageTokens((tokens) => setSignedIn(tokens !== null)),
      }),
    [gatewayUrl],
  );
  useEffect(() => {
    setSignedIn(client.tokens.get() !== null);
    return () => void client.dispose();
  }, [client]);

  const kai = useMemo<Kai>(
    () => ({
      client,
      signedIn,
      signIn: (tokens) => client.tokens.set(tokens),
      signOut: () => {
        void client.dispose();
        client.tokens.set(null);
      },
    }),
    [client, signedIn],
  );
  return <KaiContext.Provider value={kai}>{children}</KaiContext.Provider>;
}

export function useKai(): Kai {
  const kai = useContext(KaiContext);
  if (!kai) throw new Error("useKai needs a KaiProvider above it");
  return kai;
}
