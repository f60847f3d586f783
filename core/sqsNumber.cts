/**
 * SQS's range for Number message attributes: up to 38 significant digits,
 * between 10^-128 and 10^+126 in magnitude (or zero). The schemas name this
 * check as `"format": "sqs-number"` (core/schemaFormats.cts). CommonJS, so the precompiled validators can require it.
 */
const NUMBER = /^[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;
const MAX_DIGITS = 38;
const MIN_EXPONENT = -128;
const MAX_EXPONENT = 126;

export function isSqsNumber(text: string): boolean {
  const match = NUMBER.exec(text);
  if (match === null) return false;
  const [, whole = "", fraction = "", exponent = "0"] = match;
  if (whole === "" && fraction === "") return false;
  const digits = whole + fraction;
  const first = digits.search(/[1-9]/);
  if (first === -1) return true; // zero, however written
  const significant = digits.slice(first).replace(/0+$/, "");
  if (significant.length > MAX_DIGITS) return false;
  // Power of ten of the leading significant digit: 123.4 -> 2, 0.05 -> -2.
  const magnitude = BigInt(whole.length - first - 1) + BigInt(exponent);
  if (magnitude < BigInt(MIN_EXPONENT)) return false;
  // 10^126 itself is allowed; anything with more digits at that magnitude is above it.
  return magnitude < BigInt(MAX_EXPONENT) || (magnitude === BigInt(MAX_EXPONENT) && significant === "1");
}
