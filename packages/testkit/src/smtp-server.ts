import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./free-port.ts";

/** A mail the server accepted, parsed enough to assert on. */
export interface ReceivedMail {
  /** What the client said in MAIL FROM and RCPT TO. */
  envelope: { from: string | undefined; to: string[] };
  messageId: string | undefined;
  /** The From header as text, e.g. `Kai <no-reply@kai.local>`. */
  from: string | undefined;
  /** The addresses of the To header. */
  to: string[];
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  date: Date | undefined;
  /** The whole message as received. */
  raw: string;
}

export interface SmtpServerOptions {
  /** Listen here (e.g. a port a client was configured with before the server existed). Default: a free port. */
  port?: number;
  /** A reason to refuse a recipient for good (SMTP 550), or undefined to accept it. Default: accept all. */
  rejectRecipient?(address: string): string | undefined;
}

export interface SmtpServer {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  port: number;
  /** Every accepted mail, in order of arrival. */
  received: ReceivedMail[];
  /** Stops listening and drops open connections, as an outage would; `received` is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A real SMTP server in the test's process (the `smtp-server` package): plain SMTP on
 * 127.0.0.1, any sender, no authentication and no STARTTLS (so clients need no certificate),
 * keeping each mail it accepts parsed by `mailparser`.
 */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<SmtpServer> {
  const port = options.port ?? (await freePort());
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;

  const listen = async () => {
    const created = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      // A stopped server should be gone at once, not after the default 30 s.
      closeTimeout: 100,
      onRcptTo(address, _session, callback) {
        const reason = options.rejectRecipient?.(address.address);
        callback(reason ? Object.assign(new Error(reason), { responseCode: 550 }) : null);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((parsed) => {
              received.push({
                envelope: {
                  from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
                  to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
                },
                messageId: parsed.messageId,
                from: parsed.from?.text,
                to: [parsed.to ?? []]
                  .flat()
                  .flatMap((to) => to.value.map((address) => address.address ?? "")),
                subject: parsed.subject,
                text: parsed.text,
                html: parsed.html || undefined,
                date: parsed.date,
                raw: raw.toString("utf8"),
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      created.once("error", reject);
      created.listen(port, "127.0.0.1", () => {
        created.off("error", reject);
        resolve();
      });
    });
    server = created;
  };

  const close = async () => {
    const closing = server;
    server = undefined;
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  await listen();
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    stop: close,
    restart: listen,
    dispose: close,
  };
}
