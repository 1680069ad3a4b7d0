export { isTimeZone } from "./time-zone.ts";
