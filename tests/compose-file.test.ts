import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * docker-compose.yml, checked offline (there is no Docker engine here): every Kai service
 * reports health from its own /ready and can be scaled with `--scale`, which a fixed
 * container name or a single fixed host port would break.
 */

const ROOT = new URL("../", import.meta.url).pathname;
const compose = parse(readFileSync(`${ROOT}docker-compose.yml`, "utf8"), { merge: true });
const subgraphs = Object.keys(parse(readFileSync(`${ROOT}supergraph.yaml`, "utf8")).subgraphs);
const kaiServices = [...subgraphs, "gateway"];

describe("docker-compose.yml", () => {
  it("runs every subgraph and the gateway with a health check on its /ready", () => {
    for (const name of kaiServices) {
      const service = compose.services[name];
      expect(service, name).toBeDefined();
      expect(service.healthcheck?.test.join(" "), name).toContain("/ready");
      expect(service.environment.PORT, name).toMatch(/^\d+$/);
    }
  });

  it("lets every Kai service scale: no container names, host ports only as ranges", () => {
    for (const name of kaiServices) {
      const service = compose.services[name];
      expect(service.container_name, name).toBeUndefined();
      for (const port of service.ports ?? []) {
        const [host] = String(port).split(":");
        expect(host, `${name} publishes ${port}`).toMatch(/^\d+-\d+$/);
      }
    }
  });

  it("gates the gateway on every subgraph being healthy", () => {
    for (const name of subgraphs) {
      expect(compose.services.gateway.depends_on[name], name).toEqual({
        condition: "service_healthy",
      });
    }
  });
});
