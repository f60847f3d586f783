import assert from "node:assert/strict";
import { nestedDeeperThan } from "../../core/jsonDepth.js";

describe("JSON nesting depth", () => {
  const levels = (n: number): unknown => Array.from({ length: n }).reduce<unknown>((inner) => [inner], 1);
  const cases: Array<[string, unknown, boolean]> = [
    ["a string", "x", false],
    ["null", null, false],
    ["an empty object (1 level)", {}, false],
    ["512 levels of arrays", levels(512), false],
    ["513 levels of arrays", levels(513), true],
    ["100,000 levels (no stack overflow while measuring)", levels(100_000), true],
    ["a wide but shallow object", Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, { v: [i] }])), false],
  ];
  for (const [what, value, deeper] of cases) {
    it(`${deeper ? "finds" : "does not find"} ${what} deeper than 512`, () => assert.equal(nestedDeeperThan(value, 512), deeper));
  }

  it("counts a cyclic value as too deep", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    assert.equal(nestedDeeperThan(cyclic, 512), true);
  });
});
