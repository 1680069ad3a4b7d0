import { describe, expect, it } from "vitest";
import { SharedFeeds } from "./shared-feeds.ts";

/** An upstream that records which keys are open and can deliver to them. */
function upstream() {
  const open = new Map<string, (item: string) => void>();
  let opened = 0;
  return {
    open,
    get opened() {
      return opened;
    },
    feed: (key: string) => (deliver: (item: string) => void) => {
      opened++;
      open.set(key, deliver);
      return () => open.delete(key);
    },
  };
}

describe("SharedFeeds", () => {
  it("opens one upstream per key and hands each item to every listener of that key", () => {
    const feeds = new SharedFeeds<string>();
    const source = upstream();
    const first: string[] = [];
    const second: string[] = [];
    const other: string[] = [];
    feeds.listen("ada", source.feed("ada"), (item) => first.push(item));
    feeds.listen("ada", source.feed("ada"), (item) => second.push(item));
    feeds.listen("grace", source.feed("grace"), (item) => other.push(item));
    expect([source.opened, feeds.size]).toEqual([2, 2]);

    source.open.get("ada")?.("x");
    expect([first, second, other]).toEqual([["x"], ["x"], []]);
  });

  it("stops the upstream when its last listener leaves, and only then", () => {
    const feeds = new SharedFeeds<string>();
    const source = upstream();
    const leaveFirst = feeds.listen("ada", source.feed("ada"), () => {});
    const leaveSecond = feeds.listen("ada", source.feed("ada"), () => {});
    leaveFirst();
    leaveFirst();
    expect(source.open.has("ada")).toBe(true);
    leaveSecond();
    expect([source.open.has("ada"), feeds.size]).toEqual([false, 0]);
    // A new listener opens a fresh upstream.
    feeds.listen("ada", source.feed("ada"), () => {});
    expect(source.opened).toBe(2);
  });

  it("counts the same listener added twice as two", () => {
    const feeds = new SharedFeeds<string>();
    const source = upstream();
    const seen: string[] = [];
    const listener = (item: string) => seen.push(item);
    const leave = feeds.listen("ada", source.feed("ada"), listener);
    feeds.listen("ada", source.feed("ada"), listener);
    source.open.get("ada")?.("x");
    leave();
    source.open.get("ada")?.("y");
    expect(seen).toEqual(["x", "x", "y"]);
  });

  it("delivers to the others when a listener leaves during delivery", () => {
    const feeds = new SharedFeeds<string>();
    const source = upstream();
    const seen: string[] = [];
    const leave = feeds.listen("ada", source.feed("ada"), () => leave());
    feeds.listen("ada", source.feed("ada"), (item) => seen.push(item));
    source.open.get("ada")?.("x");
    expect(seen).toEqual(["x"]);
  });
});
