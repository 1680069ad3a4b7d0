"use client";

import { errorMessage } from "@kai/client";
import { type DependencyList, useEffect, useState } from "react";

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
}

/** Runs `load` whenever a dependency changes, keeping the last answer while the next loads. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: undefined });
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data, error: undefined }),
      (error: unknown) => current && setState((last) => ({ ...last, error: errorMessage(error) })),
    );
    return () => {
      current = false;
    };
  }, deps);
  return state;
}
