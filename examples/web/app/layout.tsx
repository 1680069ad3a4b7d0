import type { Metadata } from "next";
import type { ReactNode } from "react";
import { KaiProvider } from "../lib/kai.tsx";
import "./globals.css";

export const metadata: Metadata = { title: "Kai" };

// The gateway's address is read when the page is served, so one build runs against any stack.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  const gatewayUrl = process.env.KAI_GATEWAY_URL ?? "http://localhost:4000/graphql";
  return (
    <html lang="en">
      <body>
        <KaiProvider gatewayUrl={gatewayUrl}>{children}</KaiProvider>
      </body>
    </html>
  );
}
