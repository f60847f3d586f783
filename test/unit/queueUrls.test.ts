import { SQSClient } from "@aws-sdk/client-sqs";
import assert from "node:assert/strict";
import { ConnectorError } from "../../core/errors.js";
import { checkQueueUrl, type QueueUrlPolicy } from "../../core/queueUrls.js";
import { schemaRegistry } from "../../core/schemaRegistry.js";

const PATH = "/123456789012/orders.fifo";
const inRegion = (region: string): QueueUrlPolicy => ({ region, endpoint: undefined });
const refusal = (url: string, policy: QueueUrlPolicy): string | undefined => {
  try {
    checkQueueUrl(url, policy);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ConnectorError && error.code === "QUEUE_URL_REFUSED" && error.field === "queueUrl", String(error));
    return error.message;
  }
};

describe("queue URLs (QUEUE_URL_REFUSED)", () => {
  describe("without an endpoint override: only AWS's SQS hosts of the connection's region", () => {
    const accepted: Array<[string, string]> = [
      ["eu-central-1", `https://sqs.eu-central-1.amazonaws.com${PATH}`],
      ["eu-central-1", `https://SQS.EU-CENTRAL-1.amazonaws.com${PATH}`],
      ["eu-central-1", `https://sqs.eu-central-1.amazonaws.com:443${PATH}`],
      ["eu-central-1", `https://sqs-fips.eu-central-1.amazonaws.com${PATH}`],
      ["eu-central-1", `https://sqs.eu-central-1.api.aws${PATH}`],
      ["eu-central-1", `https://eu-central-1.queue.amazonaws.com${PATH}`],
      ["us-east-1", `https://queue.amazonaws.com${PATH}`],
      ["us-east-1", `https://us-east-1.queue.amazonaws.com${PATH}`],
      ["cn-north-1", `https://sqs.cn-north-1.amazonaws.com.cn${PATH}`],
      ["cn-north-1", `https://cn-north-1.queue.amazonaws.com.cn${PATH}`],
      ["us-gov-west-1", `https://sqs.us-gov-west-1.amazonaws.com${PATH}`],
      ["us-iso-east-1", `https://sqs.us-iso-east-1.c2s.ic.gov${PATH}`],
      ["us-isob-east-1", `https://us-isob-east-1.queue.sc2s.sgov.gov${PATH}`],
      ["eusc-de-east-1", `https://sqs.eusc-de-east-1.amazonaws.eu${PATH}`],
      ["eu-south-9", `https://sqs.eu-south-9.amazonaws.com${PATH}`],
    ];
    for (const [region, url] of accepted) {
      it(`accepts ${url} in ${region}`, () => assert.equal(refusal(url, inRegion(region)), undefined));
    }

    const refused: Array<{ url: string; region?: string; says: RegExp }> = [
      { url: `https://sqs.eu-west-1.amazonaws.com${PATH}`, says: /names a queue in eu-west-1.*region is eu-central-1: choose eu-west-1/ },
      { url: `https://queue.amazonaws.com${PATH}`, says: /names a queue in us-east-1/ },
      { url: `https://sqs.cn-north-1.amazonaws.com.cn${PATH}`, says: /names a queue in cn-north-1/ },
      { url: `http://sqs.eu-central-1.amazonaws.com${PATH}`, says: /use https:\/\// },
      { url: `https://sqs.eu-central-1.amazonaws.com:8443${PATH}`, says: /name no port/ },
      { url: `http://127.0.0.1:9324${PATH}`, says: /127\.0\.0\.1 is not an SQS host.*set the connection's endpoint/ },
      { url: `http://localhost${PATH}`, says: /localhost is not an SQS host/ },
      { url: `https://sqs.eu-central-1.amazonaws.com.evil.example${PATH}`, says: /is not an SQS host/ },
      { url: `https://evilsqs.eu-central-1.amazonaws.com${PATH}`, says: /is not an SQS host/ },
      { url: `https://sqs.eu-central-1.amazonaws.com.${PATH}`, says: /is not an SQS host/ },
      { url: `https://s3.eu-central-1.amazonaws.com${PATH}`, says: /is not an SQS host/ },
      { url: `https://user:pw@sqs.eu-central-1.amazonaws.com${PATH}`, says: /user name or password/ },
      { url: `ftp://sqs.eu-central-1.amazonaws.com${PATH}`, says: /starts with https/ },
      { url: "orders.fifo", says: /not a URL/ },
    ];
    for (const { url, region = "eu-central-1", says } of refused) {
      it(`refuses ${url} in ${region}, saying why`, () => assert.match(refusal(url, inRegion(region)) ?? "(accepted)", says));
    }

    it("accepts every endpoint the SDK's own SQS rules resolve, for every region in the dropdown and other partitions", () => {
      const region = schemaRegistry().schemas.get("schemas/common.json") as { $defs: { region: { enum: string[] } } };
      const regions = [...region.$defs.region.enum, "us-iso-east-1", "us-isob-east-1", "eusc-de-east-1", "eu-south-9"];
      const client = new SQSClient({ region: "us-east-1" });
      for (const name of regions) {
        for (const UseFIPS of [false, true]) {
          for (const UseDualStack of [false, true]) {
            const { url } = client.config.endpointProvider({ Region: name, UseFIPS, UseDualStack });
            const queueUrl = `${url.origin}${PATH}`;
            assert.equal(refusal(queueUrl, inRegion(name)), undefined, `${queueUrl} in ${name}`);
          }
        }
      }
      client.destroy();
    });
  });

  describe("with an endpoint override: any http(s) URL names a queue there (requests go to the endpoint alone)", () => {
    const policy: QueueUrlPolicy = { region: "us-east-1", endpoint: new URL("http://127.0.0.1:4566") };
    for (const url of [
      `http://sqs.us-east-1.localhost:4566${PATH}`,
      `http://10.1.2.3${PATH}`,
      `https://sqs.eu-west-1.amazonaws.com${PATH}`,
    ]) {
      it(`accepts ${url}`, () => assert.equal(refusal(url, policy), undefined));
    }
    for (const url of [`file:///etc${PATH}`, `http://user:pw@127.0.0.1${PATH}`, "not a url"]) {
      it(`still refuses ${url}`, () => assert.notEqual(refusal(url, policy), undefined));
    }
  });
});
