import assert from "node:assert/strict";
import { proxyFor } from "../../core/proxyAgents.js";

describe("which proxy an AWS call takes (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)", () => {
  const names = ["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "no_proxy", "all_proxy"];
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const name of names) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  });
  afterEach(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  const SQS = "https://sqs.eu-central-1.amazonaws.com/";
  const cases: Array<[string, Record<string, string>, string, string | undefined]> = [
    ["no proxy variables", {}, SQS, undefined],
    ["HTTPS_PROXY", { HTTPS_PROXY: "http://proxy.corp:3128" }, SQS, "http://proxy.corp:3128/"],
    ["https_proxy (lower case) without a scheme", { https_proxy: "proxy.corp:3128" }, SQS, "http://proxy.corp:3128/"],
    ["only HTTP_PROXY, for an https endpoint", { HTTP_PROXY: "http://proxy.corp:8080" }, SQS, "http://proxy.corp:8080/"],
    ["HTTPS_PROXY wins over HTTP_PROXY", { HTTPS_PROXY: "http://a:1", HTTP_PROXY: "http://b:2" }, SQS, "http://a:1/"],
    ["NO_PROXY naming the domain", { HTTPS_PROXY: "http://a:1", NO_PROXY: ".amazonaws.com" }, SQS, undefined],
    ["NO_PROXY naming another host", { HTTPS_PROXY: "http://a:1", NO_PROXY: "example.com" }, SQS, "http://a:1/"],
    ["NO_PROXY with HTTP_PROXY only", { HTTP_PROXY: "http://b:2", NO_PROXY: "sqs.eu-central-1.amazonaws.com" }, SQS, undefined],
    ["NO_PROXY=*", { HTTPS_PROXY: "http://a:1", NO_PROXY: "*" }, SQS, undefined],
    ["a loopback emulator, never proxied", { HTTPS_PROXY: "http://a:1", HTTP_PROXY: "http://b:2" }, "http://127.0.0.1:9324/", undefined],
    ["Roles Anywhere", { HTTPS_PROXY: "http://a:1" }, "https://rolesanywhere.eu-central-1.amazonaws.com/sessions", "http://a:1/"],
  ];
  for (const [what, env, target, proxy] of cases) {
    it(`${what}: ${proxy ?? "direct"}`, () => {
      Object.assign(process.env, env);
      assert.equal(proxyFor(new URL(target))?.href, proxy);
    });
  }
});
