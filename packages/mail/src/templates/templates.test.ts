import { describe, expect, it } from "vitest";
import { renderMail } from "./catalogue.ts";
import { formatDuration } from "./format.ts";
import { escapeHtml, html } from "./html.ts";

const link = "https://app.kai.test/reset-password?token=abc&x=1";

describe("html", () => {
  it("escapes every interpolated value, including inside quoted attributes", () => {
    const name = `<script>alert("x")</script> & 'friends'`;
    expect(html`<a href="${link}">${name}</a>`.markup).toBe(
      '<a href="https://app.kai.test/reset-password?token=abc&amp;x=1">' +
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;</a>",
    );
  });

  it("keeps nested html as it is, escaped once", () => {
    const inner = html`<b>${"a<b"}</b>`;
    expect(html`<p>${inner}${[inner, "&"]}</p>`.markup).toBe(
      "<p><b>a&lt;b</b><b>a&lt;b</b>&amp;</p>",
    );
    expect(escapeHtml("plain")).toBe("plain");
  });
});

describe("formatDuration", () => {
  it.each([
    [1, "1 minute"],
    [30, "30 minutes"],
    [60, "1 hour"],
    [90, "90 minutes"],
    [1440, "1 day"],
    [2880, "2 days"],
  ])("%i → %s", (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});

describe("the catalogue", () => {
  const hostileName = "<img src=x onerror=alert(1)>";

  it.each([
    ["verify-email", { name: hostileName, link, expiresInMinutes: 1440 }, "1 day"],
    ["reset-password", { name: hostileName, link, expiresInMinutes: 60 }, "1 hour"],
  ] as const)("%s: the link in both parts, the name escaped in HTML", (template, data, expires) => {
    const mail = renderMail(template, data);
    expect(mail.subject).toMatch(/Kai/);
    expect(mail.text).toContain(`\n${link}\n`);
    expect(mail.text).toContain(`Hi ${hostileName},`);
    expect(mail.text).toContain(expires);
    expect(mail.html).toContain('href="https://app.kai.test/reset-password?token=abc&amp;x=1"');
    expect(mail.html).toContain("Hi &lt;img src=x onerror=alert(1)&gt;,");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain(expires);
  });

  it("password-changed: the time on the user's clock, and the way back in", () => {
    const mail = renderMail("password-changed", {
      name: "Ada",
      changedAt: new Date("2026-11-21T13:05:00Z"),
      timeZone: "Europe/Berlin",
      resetLink: "https://app.kai.test/forgot-password",
    });
    expect(mail.text).toContain("21 November 2026 at 14:05 (Europe/Berlin)");
    expect(mail.text).toContain("\nhttps://app.kai.test/forgot-password\n");
    expect(mail.html).toContain('href="https://app.kai.test/forgot-password"');
  });

  it("password-changed: UTC when no time zone is given", () => {
    const mail = renderMail("password-changed", {
      name: "Ada",
      changedAt: new Date("2026-11-21T13:05:00Z"),
      resetLink: "https://app.kai.test/forgot-password",
    });
    expect(mail.text).toContain("21 November 2026 at 13:05 (UTC)");
  });

  it.each([
    ["a javascript: link", { name: "Ada", link: "javascript:alert(1)", expiresInMinutes: 60 }],
    ["no link at all", { name: "Ada", link: "not a url", expiresInMinutes: 60 }],
    ["an expiry of zero", { name: "Ada", link, expiresInMinutes: 0 }],
  ])("refuses %s", (_case, data) => {
    expect(() => renderMail("reset-password", data)).toThrow();
  });

  it("refuses an unknown time zone", () => {
    expect(() =>
      renderMail("password-changed", {
        name: "Ada",
        changedAt: new Date(),
        timeZone: "Mars/Olympus",
        resetLink: link,
      }),
    ).toThrow(/time zone/);
  });
});

describe("the notification template", () => {
  const unsubscribeUrl = "https://api.kai.test/unsubscribe?token=abc.def";
  const data = {
    kind: "STREAK_AT_RISK",
    title: "Your 5-day streak ends at midnight",
    body: "One review keeps it going.\n\nYou have 12 cards due.",
    actionUrl: "https://app.kai.test/study?from=mail&x=1",
    unsubscribe: { url: unsubscribeUrl },
  };

  it("renders title, paragraphs, the action and the way out in both parts", () => {
    const mail = renderMail("notification", data);
    expect(mail.subject).toBe("Your 5-day streak ends at midnight");
    expect(mail.text).toContain("One review keeps it going.\n\nYou have 12 cards due.");
    expect(mail.text).toContain("\nhttps://app.kai.test/study?from=mail&x=1\n");
    expect(mail.text).toContain("streak reminders");
    expect(mail.text).toContain(`\n${unsubscribeUrl}\n`);
    expect(mail.html).toContain('href="https://app.kai.test/study?from=mail&amp;x=1"');
    expect(mail.html).toContain("Open Kai");
    expect(mail.html).toContain(`href="${unsubscribeUrl}"`);
    expect(mail.headers).toEqual({
      "List-Unsubscribe": `<${unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("escapes title and body in HTML, keeping the body's line breaks", () => {
    const mail = renderMail("notification", {
      ...data,
      title: "<b>Level 3</b> & more",
      body: '<script>alert("x")</script>\nline two',
      actionLabel: "<i>Go</i>",
    });
    expect(mail.html).not.toMatch(/<script|<b>Level|<i>Go/);
    expect(mail.html).toContain("&lt;b&gt;Level 3&lt;/b&gt; &amp; more");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>line two");
    expect(mail.html).toContain("&lt;i&gt;Go&lt;/i&gt;");
    expect(mail.text).toContain('<script>alert("x")</script>\nline two');
  });

  it("links the footer to a confirmation page when given, and names a kind it does not know", () => {
    const mail = renderMail("notification", {
      ...data,
      kind: "WEEKLY_DIGEST",
      unsubscribe: {
        url: unsubscribeUrl,
        mailto: "mailto:unsubscribe@kai.test?subject=abc.def",
        pageUrl: "https://app.kai.test/unsubscribe?token=abc.def",
      },
    });
    expect(mail.html).toContain('href="https://app.kai.test/unsubscribe?token=abc.def"');
    expect(mail.text).toContain("weekly digest notifications");
    expect(mail.headers?.["List-Unsubscribe"]).toBe(
      `<${unsubscribeUrl}>, <mailto:unsubscribe@kai.test?subject=abc.def>`,
    );
  });

  it.each([
    ["a title over two lines", { title: "a\r\nBcc: eve@example.com" }],
    ["an empty body", { body: "  " }],
    ["a javascript: action", { actionUrl: "javascript:alert(1)" }],
    ["a lower-case kind", { kind: "streak" }],
    ["a plain-http unsubscribe URL", { unsubscribe: { url: "http://api.kai.test/unsubscribe" } }],
    [
      "a mailto that is not one",
      { unsubscribe: { url: unsubscribeUrl, mailto: "unsub@kai.test" } },
    ],
  ])("refuses %s", (_case, change) => {
    expect(() => renderMail("notification", { ...data, ...change })).toThrow();
  });
});
