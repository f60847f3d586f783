import assert from "node:assert/strict";
import { isSqsNumber } from "../../core/sqsNumber.cjs";

describe("SQS Number attribute range (38 significant digits, 10^-128 .. 10^+126)", () => {
  const cases: Array<[string, boolean]> = [
    ["0", true],
    ["-0.000", true],
    ["21.5", true],
    ["+.5", true],
    ["1.25e3", true],
    ["1e126", true],
    ["10e125", true],
    ["1.0000e126", true],
    ["1.1e126", false],
    ["1e127", false],
    ["1e400", false],
    ["1e-128", true],
    ["0.001e-125", true],
    ["9e-129", false],
    ["1e-400", false],
    ["12345678901234567890123456789012345678", true],
    ["123456789012345678901234567890123456789", false],
    ["0.00012345678901234567890123456789012345678000", true],
    ["1.23456789012345678901234567890123456789", false],
    ["1e99999999999999999999999", false],
    ["12,5", false],
    [".", false],
    ["", false],
  ];
  for (const [text, accepted] of cases) {
    it(`${accepted ? "accepts" : "refuses"} ${JSON.stringify(text)}`, () => assert.equal(isSqsNumber(text), accepted));
  }
});
