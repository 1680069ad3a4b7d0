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
