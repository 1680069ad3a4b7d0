import { describe, expect, it } from "vitest";
import { extractDefinition } from "./definitions.ts";

const NO_NAMES: ReadonlySet<string> = new Set();

describe("extractDefinition", () => {
  it.each<{
    sentence: string;
    term: string;
    front: string;
    back: string;
    names?: string[];
    plural?: boolean;
  }>([
    {
      sentence: "Photosynthesis is the process by which plants make sugar from light.",
      term: "photosynthesis",
      front: "What is photosynthesis?",
      back: "The process by which plants make sugar from light.",
    },
    {
      sentence: "Mitochondria are membrane-bound organelles that release energy.",
      term: "mitochondria",
      front: "What are mitochondria?",
      back: "Membrane-bound organelles that release energy.",
      plural: true,
    },
    {
      sentence: "1xx codes are informational responses.",
      term: "1xx codes",
      front: "What are 1xx codes?",
      back: "Informational responses.",
      plural: true,
    },
    {
      sentence: "Compound interest is interest calculated on the principal and past interest.",
      term: "compound interest",
      front: "What is compound interest?",
      back: "Interest calculated on the principal and past interest.",
    },
    {
      sentence: "The French Revolution was a period of upheaval in France.",
      term: "the French Revolution",
      front: "What was the French Revolution?",
      back: "A period of upheaval in France.",
    },
    {
      sentence: "The water cycle refers to the movement of water around the Earth.",
      term: "the water cycle",
      front: "What is the water cycle?",
      back: "The movement of water around the Earth.",
    },
    {
      sentence: "2xx codes mean the request succeeded; 200 OK is the most common.",
      term: "2xx codes",
      front: "What do 2xx codes mean?",
      back: "The request succeeded.",
      plural: true,
    },
    {
      sentence: "Evaporation means that liquid water turns into vapour.",
      term: "evaporation",
      front: "What does evaporation mean?",
      back: "Liquid water turns into vapour.",
    },
    {
      sentence: "Velocity is defined as the rate of change of position.",
      term: "velocity",
      front: "What is velocity?",
      back: "The rate of change of position.",
    },
    {
      sentence: "Python 3.0, released in 2008, was a major revision of the language.",
      term: "Python 3.0",
      front: "What was Python 3.0?",
      back: "A major revision of the language.",
      names: ["python"],
    },
    {
      sentence: "Inflation refers to the general rise in prices over time.",
      term: "inflation",
      front: "What is inflation?",
      back: "The general rise in prices over time.",
    },
    {
      sentence: "Inflation generally refers to a sustained increase in prices.",
      term: "inflation",
      front: "What is inflation?",
      back: "A sustained increase in prices.",
    },
    {
      sentence: "Fixed costs usually refer to costs that do not change with output.",
      term: "fixed costs",
      front: "What are fixed costs?",
      back: "Costs that do not change with output.",
      plural: true,
    },
    {
      sentence: "Latency is commonly defined as the delay between a request and its response.",
      term: "latency",
      front: "What is latency?",
      back: "The delay between a request and its response.",
    },
    {
      sentence: "Deflation is defined as a fall in the general price level.",
      term: "deflation",
      front: "What is deflation?",
      back: "A fall in the general price level.",
    },
    {
      sentence: "Throughput typically means the amount of work done per unit of time.",
      term: "throughput",
      front: "What does throughput mean?",
      back: "The amount of work done per unit of time.",
    },
    {
      sentence: "Liquidity means how quickly an asset can be turned into cash.",
      term: "liquidity",
      front: "What does liquidity mean?",
      back: "How quickly an asset can be turned into cash.",
    },
    {
      sentence: "A closure is simply a function that remembers its scope.",
      term: "a closure",
      front: "What is a closure?",
      back: "A function that remembers its scope.",
    },
    {
      sentence: "The family refers to the basic social unit.",
      term: "the family",
      front: "What is the family?",
      back: "The basic social unit.",
    },
  ])("$sentence", ({ sentence, term, front, back, names = [], plural = false }) => {
    expect(extractDefinition(sentence, new Set(names))).toEqual({
      term,
      card: { front, back },
      plural,
    });
  });

  it.each([
    "It is the process by which plants make sugar.",
    "This means that the request failed.",
    "There are three kinds of rock.",
    "The sky is blue today.",
    "Water is essential for all known life.",
    "The chloroplasts are found in leaf cells.",
    "Interest rates are usually higher in winter.",
    "The result is a faster handshake.",
    "What is photosynthesis?",
    "Plants grow by means of photosynthesis.",
    "King Louis XVI was executed in January 1793.",
    "The handshake is complete.",
    "Scientists think mitochondria were once free-living bacteria.",
    "Most historians believe the treaty was a mistake.",
    "Meetings are often long and tiring.",
    "Prices are usually higher in winter.",
  ])("rejects %s", (sentence) => {
    expect(extractDefinition(sentence, NO_NAMES)).toBeUndefined();
  });
});
