import { fullFormats } from "ajv-formats/dist/formats";
import { isSqsNumber } from "./sqsNumber.cjs";
import { isSqsText } from "./sqsText.cjs";

/**
 * The formats the schemas name: a URI (ajv-formats' definition), SQS's Number
 * range, which a pattern cannot state, and SQS's character set, checked in
 * linear time for bodies of any size. CommonJS, because the validators
 * precompiled at build time (scripts/build-validators.mjs) require it at run
 * time, as ajv's standalone code requires what it uses.
 */
export const schemaFormats = {
  uri: fullFormats.uri,
  "sqs-number": { type: "string", validate: isSqsNumber },
  "sqs-text": { type: "string", validate: isSqsText },
} as const;
