import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { exportPKCS8, exportSPKI, generateKeyPair, importSPKI, jwtVerify } from "jose";

/** A Google service-account key file, as the FCM sender reads FCM_SERVICE_ACCOUNT. */
export interface TestServiceAccount {
  type: "service_account";
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  token_uri: string;
}

/** One exchange at the token endpoint (RFC 7523 JWT bearer grant). */
export interface FcmTokenRequest {
  grantType: string | null;
  /** The signed JWT the client sent. */
  assertion: string;
  /** The access token handed out, or undefined when the assertion was refused. */
  accessToken: string | undefined;
  /** Why it was refused. */
  error: string | undefined;
}

/** One `messages:send` request. */
export interface FcmSendRequest {
  projectId: string;
  /** The Authorization header as sent. */
  authorization: string | undefined;
  /** The parsed JSON body: `{ message: { token, notification, data, … } }`. */
  body: unknown;
  /** The status it was answered with. */
  status: number;
}

/**
 * A scripted answer to a send. `errorCode` is FCM's (UNREGISTERED, INVALID_ARGUMENT,
 * QUOTA_EXCEEDED, UNAVAILABLE, INTERNAL, SENDER_ID_MISMATCH); it defaults from the status.
 */
export interface FcmReply {
  status: number;
  errorCode?: string;
  retryAfter?: number | string;
}

export interface TestFcmServerOptions {
  /** Default `kai-test`. */
  projectId?: string;
  /** The `expires_in` of access tokens. Default 3600 (Google's). */
  tokenLifetimeSeconds?: number;
}

export interface TestFcmServer {
  /** `http://127.0.0.1:<port>`, for FCM_BASE_URL (and the service account's token_uri). */
  baseUrl: string;
  projectId: string;
  /** A service account whose `token_uri` is this server; FCM_SERVICE_ACCOUNT takes its JSON. */
  serviceAccount: TestServiceAccount;
  /** The account's public key (SPKI PEM): the token assertions verify against it. */
  publicKeyPem: string;
  tokenRequests: FcmTokenRequest[];
  sends: FcmSendRequest[];
  /** Answers the next sends (to device `token`, or to any) with these, in order; then 200. */
  script(replies: FcmReply[], token?: string): void;
  /** Forgets every access token issued, as a revocation would: their next use gets 401. */
  revokeTokens(): void;
  dispose(): Promise<void>;
}

/** Google API status names for the statuses FCM answers with. */
const statusNames: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

/** FCM's errorCode for a status, as FCM documents them (404 is an unregistered token). */
const defaultErrorCodes: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "SENDER_ID_MISMATCH",
  404: "UNREGISTERED",
  429: "QUOTA_EXCEEDED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

/** FCM's error body: a google.rpc.Status with an FcmError detail. */
function fcmError(status: number, errorCode: string | undefined, message: string) {
  return {
    error: {
      code: status,
      message,
      status: statusNames[status] ?? "UNKNOWN",
      details: errorCode
        ? [{ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode }]
        : [],
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * FCM HTTP v1 and Google's OAuth2 token endpoint on a free port of 127.0.0.1, over plain HTTP.
 * `POST /token` checks the JWT bearer assertion against the service account's public key
 * (issuer, audience, scope) before issuing a token; `POST /v1/projects/{id}/messages:send`
 * needs one of those tokens (else 401) and answers 200 with a message name, or as scripted.
 */
export async function startTestFcmServer(
  options: TestFcmServerOptions = {},
): Promise<TestFcmServer> {
  const projectId = options.projectId ?? "kai-test";
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const publicKeyPem = await exportSPKI(publicKey);
  const verifyKey = await importSPKI(publicKeyPem, "RS256");
  const tokens = new Map<string, number>();
  const tokenRequests: FcmTokenRequest[] = [];
  const sends: FcmSendRequest[] = [];
  const scripted: { token: string | undefined; reply: FcmReply }[] = [];
  const serviceAccount: TestServiceAccount = {
    type: "service_account",
    project_id: projectId,
    private_key_id: randomUUID(),
    private_key: await exportPKCS8(privateKey),
    client_email: `kai-push@${projectId}.iam.gserviceaccount.com`,
    token_uri: "",
  };

  const issueToken = async (text: string) => {
    const form = new URLSearchParams(text);
    const assertion = form.get("assertion") ?? "";
    const request: FcmTokenRequest = {
      grantType: form.get("grant_type"),
      assertion,
      accessToken: undefined,
      error: undefined,
    };
    tokenRequests.push(request);
    try {
      if (request.grantType !== "urn:ietf:params:oauth:grant-type:jwt-bearer") {
        throw new Error(`unsupported grant_type ${request.grantType}`);
      }
      const { payload } = await jwtVerify(assertion, verifyKey, {
        issuer: serviceAccount.client_email,
        audience: serviceAccount.token_uri,
        algorithms: ["RS256"],
      });
      if (!String(payload.scope ?? "").includes("firebase.messaging")) {
        throw new Error("scope lacks firebase.messaging");
      }
    } catch (error) {
      request.error = String(error);
      return { status: 400, json: { error: "invalid_grant", error_description: request.error } };
    }
    const accessToken = `ya29.test-${randomBytes(16).toString("base64url")}`;
    tokens.set(accessToken, Date.now() + lifetime * 1000);
    request.accessToken = accessToken;
    return {
      status: 200,
      json: { access_token: accessToken, expires_in: lifetime, token_type: "Bearer" },
    };
  };

  const send = (path: string, authorization: string | undefined, text: string) => {
    const match = path.match(/^\/v1\/projects\/([^/]+)\/messages:send$/);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const record: FcmSendRequest = {
      projectId: decodeURIComponent(match?.[1] ?? ""),
      authorization,
      body,
      status: 200,
    };
    sends.push(record);
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      return { status, json, headers };
    };
    if (record.projectId !== projectId) {
      return answer(404, fcmError(404, undefined, `no project ${record.projectId}`));
    }
    const bearer = authorization?.match(/^Bearer (.+)$/)?.[1];
    const expiry = bearer ? tokens.get(bearer) : undefined;
    if (expiry === undefined || expiry < Date.now()) {
      return answer(
        401,
        fcmError(401, undefined, "Request had invalid authentication credentials."),
      );
    }
    const device = (body as { message?: { token?: unknown } } | null)?.message?.token;
    if (typeof device !== "string" || device === "") {
      return answer(400, fcmError(400, "INVALID_ARGUMENT", "message.token is required"));
    }
    const index = scripted.findIndex((s) => s.token === undefined || s.token === device);
    const reply = index === -1 ? undefined : scripted.splice(index, 1)[0]?.reply;
    if (!reply || reply.status === 200) {
      return answer(200, { name: `projects/${projectId}/messages/${randomUUID()}` });
    }
    const headers: Record<string, string> = {};
    if (reply.retryAfter !== undefined) headers["retry-after"] = String(reply.retryAfter);
    const errorCode = reply.errorCode ?? defaultErrorCodes[reply.status];
    return answer(reply.status, fcmError(reply.status, errorCode, "scripted error"), headers);
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then(async (text) => {
        const path = req.url ?? "/";
        const result =
          req.method === "POST" && path === "/token"
            ? { ...(await issueToken(text)), headers: {} }
            : req.method === "POST"
              ? send(path, req.headers.authorization, text)
              : { status: 405, json: { error: "method not allowed" }, headers: {} };
        res
          .writeHead(result.status, { "content-type": "application/json", ...result.headers })
          .end(JSON.stringify(result.json));
      })
      .catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  serviceAccount.token_uri = `${baseUrl}/token`;

  return {
    baseUrl,
    projectId,
    serviceAccount,
    publicKeyPem,
    tokenRequests,
    sends,
    script(replies, token) {
      for (const reply of replies) scripted.push({ token, reply });
    },
    revokeTokens() {
      tokens.clear();
    },
    async dispose() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
