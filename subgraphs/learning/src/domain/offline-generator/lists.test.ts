import { describe, expect, it } from "vitest";
import { extractList } from "./lists.ts";

const NO_NAMES: ReadonlySet<string> = new Set();

describe("extractList", () => {
  it.each([
    {
      sentence: "The three kinds of rock are igneous, sedimentary and metamorphic.",
      front: "Name the kinds of rock",
      back: "Igneous, sedimentary and metamorphic",
    },
    {
      sentence:
        "The three estates of French society were the clergy, the nobility, and the commoners.",
      front: "Name the estates of French society",
      back: "The clergy, the nobility and the commoners",
    },
    {
      sentence: "The main types of rock are: igneous, sedimentary and metamorphic.",
      front: "Name the types of rock",
      back: "Igneous, sedimentary and metamorphic",
    },
    {
      sentence: "Key features of TCP: ordering, retransmission and flow control.",
      front: "Name the features of TCP",
      back: "Ordering, retransmission and flow control",
    },
    {
      sentence: "There are four states of matter: solid, liquid, gas and plasma.",
      front: "Name the states of matter",
      back: "Solid, liquid, gas and plasma",
    },
    {
      sentence: "The TCP handshake has three steps: SYN, SYN-ACK and ACK.",
      front: "Name the steps of the TCP handshake",
      back: "SYN, SYN-ACK and ACK",
    },
    {
      sentence: "Rocks are divided into three groups: igneous, sedimentary or metamorphic.",
      front: "Name the groups of rocks",
      back: "Igneous, sedimentary and metamorphic",
    },
  ])("$sentence", ({ sentence, front, back }) => {
    expect(extractList(sentence, NO_NAMES)).toEqual({ front, back });
  });

  it.each([
    "The effects of inflation are felt by savers, lenders and retirees.",
    "The causes of the revolution were complex, including debt and famine.",
    "The colours of the flag are red.",
    "The parts of a cell are too small to see without a microscope, but they matter.",
    "Plants need light, water and carbon dioxide.",
  ])("rejects %s", (sentence) => {
    expect(extractList(sentence, NO_NAMES)).toBeUndefined();
  });
});
