export interface ShareStats {
  points: number;
  level: number;
  streak: number;
  longestStreak: number;
  achievements: number;
}

export interface ShareCard {
  text: string;
  stats: ShareStats;
  platforms: { twitter: string; linkedin: string };
}

/** A shareable summary of someone's progress, with ready-made links for each platform. */
export function composeShareCard(
  user: { id: string; name: string },
  stats: ShareStats,
  appUrl: string,
): ShareCard {
  const profileUrl = `${appUrl}/u/${encodeURIComponent(user.id)}`;
  const text = shareText(user.name, stats);
  return {
    text,
    stats,
    platforms: {
      twitter: withQuery("https://twitter.com/intent/tweet", { text, url: profileUrl }),
      linkedin: withQuery("https://www.linkedin.com/sharing/share-offsite/", { url: profileUrl }),
    },
  };
}

function shareText(name: string, stats: ShareStats): string {
  const opening =
    stats.streak > 1
      ? `${name} is on a ${stats.streak}-day learning streak on Kai!`
      : `${name} is learning on Kai!`;
  return `${opening} Level ${stats.level}, ${plural(stats.points, "point")} and ${plural(stats.achievements, "achievement")} so far.`;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

// URLSearchParams encodes every reserved character, so names like "Zoë & co" survive intact.
function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
