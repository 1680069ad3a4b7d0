/**
 * Hand-written study texts with the properties a sensible deck for each must have. Matching is
 * case-insensitive; "some front/back contains" means at least one card satisfies it.
 */
export interface CorpusEntry {
  name: string;
  text: string;
  expected: {
    minCards: number;
    topicContains: string;
    someFrontContains: string;
    someBackContains: string;
  };
}

export const CORPUS: readonly CorpusEntry[] = [
  {
    name: "photosynthesis",
    text: `Photosynthesis is the process by which green plants, algae and some bacteria use light energy to turn carbon dioxide and water into glucose and oxygen. It takes place mainly in the chloroplasts of leaf cells, which contain the green pigment chlorophyll. Chlorophyll absorbs red and blue light most strongly and reflects green light, which is why leaves look green. The light-dependent reactions split water molecules and release oxygen as a by-product, while the Calvin cycle uses the energy they capture to fix carbon dioxide into sugars. Almost all life on Earth depends on photosynthesis, either directly or through food chains.`,
    expected: {
      minCards: 3,
      topicContains: "photosynthesis",
      someFrontContains: "photosynthesis",
      someBackContains: "light",
    },
  },
  {
    name: "TCP handshake (markdown with heading and link)",
    text: `## The TCP three-way handshake

TCP (Transmission Control Protocol) is a connection-oriented protocol that guarantees reliable, ordered delivery of a byte stream between two hosts. Before any data is sent, the client and server perform a **three-way handshake**. The three steps of the handshake are SYN, SYN-ACK and ACK.

First the client sends a SYN segment carrying its initial sequence number. The server replies with a SYN-ACK segment that acknowledges the client's sequence number and announces its own. Finally the client sends an ACK, and the connection is established.

See [RFC 793](https://www.rfc-editor.org/rfc/rfc793) for the full specification.`,
    expected: {
      minCards: 3,
      topicContains: "tcp",
      someFrontContains: "tcp",
      someBackContains: "syn-ack",
    },
  },
  {
    name: "French Revolution",
    text: `The French Revolution was a period of political and social upheaval in France that began in 1789 and ended in 1799. It was driven by royal debt, food shortages and resentment of the privileges enjoyed by the clergy and the nobility. The three estates of French society were the clergy, the nobility and the commoners. On 14 July 1789, crowds in Paris stormed the Bastille, a royal fortress and prison that symbolised the power of the monarchy. In August 1789 the National Constituent Assembly adopted the Declaration of the Rights of Man and of the Citizen. King Louis XVI was executed in January 1793, and the Revolution ended when Napoleon Bonaparte seized power in 1799.`,
    expected: {
      minCards: 3,
      topicContains: "french revolution",
      someFrontContains: "estates",
      someBackContains: "1789",
    },
  },
  {
    name: "compound interest",
    text: `Compound interest is interest calculated on both the initial principal and the interest already added in earlier periods. Simple interest, by contrast, is paid only on the original principal. If you deposit $1,000 at 5% a year compounded annually, you will have $1,050 after one year and about $1,628.89 after ten years. The more often interest is compounded, the faster the balance grows. The rule of 72 estimates how long money takes to double: divide 72 by the annual interest rate. At 6% per year, an investment doubles in roughly 12 years.`,
    expected: {
      minCards: 3,
      topicContains: "compound interest",
      someFrontContains: "compound interest",
      someBackContains: "principal",
    },
  },
  {
    name: "mitochondria",
    text: `Mitochondria are membrane-bound organelles that generate most of the chemical energy needed to power a cell's biochemical reactions. This energy is stored in a small molecule called adenosine triphosphate (ATP). Mitochondria have their own DNA, which is inherited almost entirely from the mother. According to the endosymbiotic theory, mitochondria descend from bacteria that were engulfed by an ancestral cell more than 1.5 billion years ago. Cells with high energy demands, such as muscle and nerve cells, can contain thousands of mitochondria.`,
    expected: {
      minCards: 3,
      topicContains: "mitochondria",
      someFrontContains: "mitochondria",
      someBackContains: "organelles",
    },
  },
  {
    name: "HTTP status codes (bullet list and bare URL)",
    text: `HTTP status codes are three-digit numbers that a server returns to tell the client what happened to its request. They are grouped into five classes:

- 1xx codes are informational responses.
- 2xx codes mean the request succeeded; 200 OK is the most common.
- 3xx codes are redirects, such as 301 Moved Permanently.
- 4xx codes signal client errors, such as 404 Not Found.
- 5xx codes signal server errors, such as 500 Internal Server Error.

Full list: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status`,
    expected: {
      minCards: 3,
      topicContains: "http status codes",
      someFrontContains: "2xx",
      someBackContains: "redirects",
    },
  },
  {
    name: "rock types (lead-in with a short bullet list)",
    text: `# Rocks

Geologists classify rocks by the way they form. The three main types of rock are:

* igneous
* sedimentary
* metamorphic

Igneous rock forms when molten magma or lava cools and solidifies. Sedimentary rock forms from layers of sand, mud and shells that are compacted and cemented over millions of years. Metamorphic rock is rock that has been transformed by intense heat and pressure deep inside the Earth's crust.`,
    expected: {
      minCards: 3,
      topicContains: "rock",
      someFrontContains: "types of rock",
      someBackContains: "sedimentary",
    },
  },
  {
    name: "water cycle (one statement per line)",
    text: `The water cycle refers to the continuous movement of water between the oceans, the atmosphere and the land.
Evaporation means that liquid water turns into water vapour, mostly from the surface of the oceans.
As the vapour rises it cools and condenses into tiny droplets that form clouds.
Precipitation returns the water to the surface as rain, snow, sleet or hail.
About 97 percent of the Earth's water is stored in the oceans.`,
    expected: {
      minCards: 3,
      topicContains: "water cycle",
      someFrontContains: "evaporation",
      someBackContains: "97 percent",
    },
  },
  {
    name: "Magna Carta (pronouns naming the subject)",
    text: `The Magna Carta was a charter of rights agreed to by King John of England at Runnymede in 1215. It limited the power of the king and established that everyone, including the monarch, was subject to the law. The barons had rebelled against John because of heavy taxes and failed wars in France. This document is often seen as a foundation of constitutional government. Pope Innocent III annulled the charter only ten weeks later, which led to the First Barons' War.`,
    expected: {
      minCards: 3,
      topicContains: "magna carta",
      someFrontContains: "the magna carta limited the power",
      someBackContains: "runnymede",
    },
  },
  {
    name: "price controls (definitions hedged with adverbs)",
    text: `Inflation generally refers to a sustained rise in the general level of prices. A price ceiling is commonly defined as a legal maximum on the price of a good. It often leads to shortages because sellers supply less at the lower price. Deflation usually means that the general level of prices is falling. Central banks try to keep inflation close to 2 percent a year.`,
    expected: {
      minCards: 3,
      topicContains: "inflation",
      someFrontContains: "a price ceiling often leads to shortages",
      someBackContains: "legal maximum",
    },
  },
  {
    name: "hash tables (programming, an unresolvable pronoun)",
    text: `A hash table is a data structure that maps keys to values using a hash function. It computes an index into an array of buckets from which the desired value can be found. Collisions happen when two keys hash to the same index. They are usually resolved by chaining or open addressing. Lookups take constant time on average, but degrade to linear time in the worst case.`,
    expected: {
      minCards: 3,
      topicContains: "hash table",
      someFrontContains: "a hash table computes",
      someBackContains: "data structure",
    },
  },
];
