import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";

/**
 * deploy/k8s, checked offline (no cluster, no kubectl here): every file parses, every object
 * has the apiVersion its kind needs and a valid name, and the references between objects hold
 * (selectors match labels, probes name real ports, env names real ConfigMaps and Secret keys,
 * HPAs target real Deployments). What it does not do is validate each field against the
 * Kubernetes OpenAPI schema; `kubeconform` on the `kubectl kustomize` output would.
 */

const ROOT = new URL("../", import.meta.url).pathname;
const K8S = join(ROOT, "deploy/k8s");

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is untyped; each check reads what it needs.
type Manifest = any;

const API_VERSIONS: Record<string, string> = {
  Namespace: "v1",
  ConfigMap: "v1",
  Secret: "v1",
  Service: "v1",
  Deployment: "apps/v1",
  StatefulSet: "apps/v1",
  HorizontalPodAutoscaler: "autoscaling/v2",
  PodDisruptionBudget: "policy/v1",
};
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const kustomization = parse(readFileSync(join(K8S, "kustomization.yaml"), "utf8"));
const files: string[] = kustomization.resources;
const manifests: Manifest[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(join(K8S, file), "utf8")).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
    return document.toJS();
  }),
);
const subgraphs = Object.keys(parse(readFileSync(join(ROOT, "supergraph.yaml"), "utf8")).subgraphs);
const kaiServices = [...subgraphs, "gateway"];

const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const named = (kind: string, name: string) =>
  ofKind(kind).find((manifest) => manifest.metadata.name === name);
const workloads = () => [...ofKind("Deployment"), ...ofKind("StatefulSet")];
const containersOf = (workload: Manifest): Manifest[] => workload.spec.template.spec.containers;
const envOf = (container: Manifest, name: string) =>
  (container.env ?? []).find((entry: Manifest) => entry.name === name);

describe("deploy/k8s", () => {
  it("lists every manifest in the kustomization, and each parses", () => {
    const onDisk = readdirSync(K8S).filter(
      (file) => file.endsWith(".yaml") && file !== "kustomization.yaml",
    );
    expect([...files].sort()).toEqual(onDisk.sort());
    expect(manifests.length).toBeGreaterThan(files.length);
  });

  it("gives every object its kind's apiVersion and a valid name", () => {
    for (const manifest of manifests) {
      expect(API_VERSIONS[manifest.kind], `kind ${manifest.kind}`).toBeDefined();
      expect(manifest.apiVersion, `${manifest.kind} ${manifest.metadata?.name}`).toBe(
        API_VERSIONS[manifest.kind],
      );
      expect(manifest.metadata?.name).toMatch(DNS_LABEL);
    }
  });

  it("has workloads whose selectors match their pods, with resources and probes on real ports", () => {
    for (const workload of workloads()) {
      const name = workload.metadata.name;
      const labels = workload.spec.template.metadata.labels;
      expect(labels, name).toMatchObject(workload.spec.selector.matchLabels);
      for (const container of containersOf(workload)) {
        expect(container.image, name).toEqual(expect.any(String));
        expect(container.resources?.requests, name).toMatchObject({
          cpu: expect.any(String),
          memory: expect.any(String),
        });
        expect(container.resources?.limits?.memory, name).toEqual(expect.any(String));
        const ports = (container.ports ?? []).flatMap((port: Manifest) => [
          port.name,
          port.containerPort,
        ]);
        for (const probe of [container.livenessProbe, container.readinessProbe]) {
          expect(probe, `${name} probes`).toBeDefined();
          if (probe.httpGet) expect(ports, `${name} probe port`).toContain(probe.httpGet.port);
        }
      }
    }
  });

  it("runs every subgraph and the gateway replicated, probed on /health and /ready, autoscaled", () => {
    for (const name of kaiServices) {
      const deployment = named("Deployment", name);
      expect(deployment, `Deployment ${name}`).toBeDefined();
      expect(deployment.spec.replicas, name).toBeGreaterThanOrEqual(2);
      const [container] = containersOf(deployment);
      expect(container.livenessProbe.httpGet.path, name).toBe("/health");
      expect(container.readinessProbe.httpGet.path, name).toBe("/ready");
      const port = container.ports.find((entry: Manifest) => entry.name === "http").containerPort;
      expect(envOf(container, "PORT")?.value, name).toBe(String(port));

      const service = named("Service", name);
      expect(service, `Service ${name}`).toBeDefined();
      expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      expect(service.spec.ports[0]).toMatchObject({ port, targetPort: "http" });

      const hpa = ofKind("HorizontalPodAutoscaler").find(
        (entry) => entry.spec.scaleTargetRef.name === name,
      );
      expect(hpa, `HPA ${name}`).toBeDefined();
      expect(hpa.spec.scaleTargetRef.kind).toBe("Deployment");
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    }
  });

  it("gives each subgraph its own database from the kai-databases Secret", () => {
    const secret = named("Secret", "kai-databases");
    for (const name of subgraphs) {
      const [container] = containersOf(named("Deployment", name));
      const key = `${name.toUpperCase()}_DATABASE_URL`;
      expect(envOf(container, key)?.valueFrom?.secretKeyRef, name).toMatchObject({
        name: "kai-databases",
        key,
      });
      expect(new URL(secret.stringData[key]).pathname).toBe(`/kai_${name}`);
    }
  });

  it("routes the gateway to every subgraph's Service", () => {
    const [container] = containersOf(named("Deployment", "gateway"));
    for (const name of subgraphs) {
      const service = named("Service", name);
      expect(envOf(container, `${name.toUpperCase()}_URL`)?.value).toBe(
        `http://${name}:${service.spec.ports[0].port}/graphql`,
      );
    }
  });

  it("names only ConfigMaps and Secrets that exist", () => {
    for (const workload of workloads()) {
      for (const container of containersOf(workload)) {
        for (const source of container.envFrom ?? []) {
          if (source.configMapRef)
            expect(named("ConfigMap", source.configMapRef.name)).toBeDefined();
        }
        for (const entry of container.env ?? []) {
          const ref = entry.valueFrom?.secretKeyRef;
          if (ref) expect(named("Secret", ref.name), ref.name).toBeDefined();
        }
      }
    }
  });

  it("runs NATS as a three-node JetStream cluster, and the services keep three copies of a stream", () => {
    const nats = named("StatefulSet", "nats");
    expect(nats.spec.replicas).toBe(3);
    const conf: string = named("ConfigMap", "nats-config").data["nats.conf"];
    expect(conf).toMatch(/jetstream\s*\{/);
    for (let node = 0; node < 3; node++) {
      expect(conf).toContain(`nats://nats-${node}.${nats.spec.serviceName}:6222`);
    }
    expect(named("Service", nats.spec.serviceName)?.spec.clusterIP).toBe("None");
    expect(named("ConfigMap", "kai-config").data.NATS_STREAM_REPLICAS).toBe("3");
  });
});
