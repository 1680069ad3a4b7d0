export { jsonErrors, sendGraphqlError, unknownRoute } from "./json-errors.ts";
