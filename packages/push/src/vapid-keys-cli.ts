// Prints a new VAPID key pair as env lines: `pnpm --filter @kai/push vapid-keys >> .env`.
import { generateVapidKeys } from "./vapid.ts";

const { publicKey, privateKey } = generateVapidKeys();
process.stdout.write(`VAPID_PUBLIC_KEY=${publicKey}\nVAPID_PRIVATE_KEY=${privateKey}\n`);
