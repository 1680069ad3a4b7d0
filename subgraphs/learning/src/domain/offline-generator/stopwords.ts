/**
 * Function words, numerals and vague fillers: they carry no subject matter, so they never
 * count as keywords, never become cloze answers and never start a defined term.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above according across actually after again against all almost along already also
  although always am among amongst an and another any anyone anything are around as at be became
  because become becomes been before being below beside besides between beyond both but by can
  cannot could did do does doing done down during each eight either eleven else enough especially
  etc even ever every few fifth first five for four fourth from further get gets getting given
  gives go goes had has have having he her here hers herself him himself his how however hundred
  i if in including instead into is it its itself just last least less let like likely main
  mainly make makes many may me might million more moreover most mostly much must my myself
  namely near nearly neither never next nine no nor not now of off often on once one only onto or
  other others otherwise our ours ourselves out over own per perhaps quite rather really same
  second seven several shall she should since six so some something sometimes still such ten than
  that the their theirs them themselves then there therefore these they third this those though
  thousand three through throughout thus to too toward towards twelve two under until up upon us
  use used uses using usually very via was way ways we well were what whatever when whenever where
  whereas wherever whether which while who whom whose why will with within without would yet you
  your yours yourself yourselves`.split(/\s+/),
);
