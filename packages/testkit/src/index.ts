export {
  type FcmReply,
  type FcmSendRequest,
  type FcmTokenRequest,
  startTestFcmServer,
  type TestFcmServer,
  type TestFcmServerOptions,
  type TestServiceAccount,
} from "./fcm-server.ts";
export { freePort } from "./free-port.ts";
export {
  type GeminiReply,
  type GeminiRequest,
  type GeminiStub,
  type GeminiStubOptions,
  geminiResponse,
  startGeminiStub,
} from "./gemini-stub.ts";
export {
  type IdentityProviderAlgorithm,
  type IdTokenClaims,
  type IdTokenOptions,
  startTestIdentityProvider,
  type TestIdentityProvider,
  type TestIdentityProviderOptions,
} from "./identity-provider.ts";
export { jetStreamNatsArgs, type NatsServer, startNatsServer } from "./nats-server.ts";
export { type PostgresCluster, postgresBinDir, startPostgresCluster } from "./postgres-cluster.ts";
export {
  type PushReply,
  type ReceivedPush,
  startTestPushService,
  type TestPushService,
  type TestPushSubscription,
} from "./push-service.ts";
export { memoryRedisArgs, type RedisServer, startRedisServer } from "./redis-server.ts";
export {
  type ReceivedMail,
  type SmtpServer,
  type SmtpServerOptions,
  startSmtpServer,
} from "./smtp-server.ts";
export { portAccepts, spawnServer, stopServer } from "./spawn-server.ts";
export { createTestDatabases, type TestDatabases } from "./test-databases.ts";
export { startTestIssuer, type TestIssuer } from "./test-issuer.ts";
export { waitFor } from "./wait-for.ts";
