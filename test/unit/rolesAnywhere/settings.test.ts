import assert from "node:assert/strict";
import { sessionRequest } from "../../../auth/rolesAnywhere/createSession.js";
import { rolesAnywhereSettingsOf, type ValidatedRolesAnywhereSettings } from "../../../auth/rolesAnywhere/rolesAnywhereSettings.js";
import { sessionSettings } from "../../../auth/rolesAnywhere/settings.js";
import { ConnectorError } from "../../../core/errors.js";
import type { ConnectionConfig } from "../../../core/types.js";

const ACCOUNT = "123456789012";
const arns = (region: string, partition = "aws") => ({
  trustAnchorArn: `arn:${partition}:rolesanywhere:${region}:${ACCOUNT}:trust-anchor/ta-1`,
  profileArn: `arn:${partition}:rolesanywhere:${region}:${ACCOUNT}:profile/p-1`,
  roleArn: `arn:${partition}:iam::${ACCOUNT}:role/workload`,
});

/** Settings as the connection schema validates them (its ranges and defaults); sessionSettings cross-checks them. */
function config(fields: Partial<ConnectionConfig>): ValidatedRolesAnywhereSettings {
  // sessionSettings never reads the certificate; the schema requires one.
  return rolesAnywhereSettingsOf({ ...arns("eu-central-1"), rolesAnywhereRegion: "eu-central-1", certificate: "(unused)", ...fields });
}

describe("Roles Anywhere session settings", () => {
  describe("endpoint", () => {
    const cases: Array<{ what: string; fields: Partial<ConnectionConfig>; url: string; region: string }> = [
      {
        what: "the Roles Anywhere region",
        fields: {},
        url: "https://rolesanywhere.eu-central-1.amazonaws.com/sessions",
        region: "eu-central-1",
      },
      {
        what: "a custom region, which wins over the dropdown",
        fields: { ...arns("eu-south-9"), rolesAnywhereRegion: "us-east-1", rolesAnywhereCustomRegion: "eu-south-9" },
        url: "https://rolesanywhere.eu-south-9.amazonaws.com/sessions",
        region: "eu-south-9",
      },
      {
        what: "a China region, in the amazonaws.com.cn domain",
        fields: { ...arns("cn-north-1", "aws-cn"), rolesAnywhereRegion: "cn-north-1" },
        url: "https://rolesanywhere.cn-north-1.amazonaws.com.cn/sessions",
        region: "cn-north-1",
      },
      // Partition domains come from the SDK's partition data, not from a rule about region names.
      ...[
        { region: "us-gov-west-1", partition: "aws-us-gov", host: "rolesanywhere.us-gov-west-1.amazonaws.com" },
        { region: "us-iso-east-1", partition: "aws-iso", host: "rolesanywhere.us-iso-east-1.c2s.ic.gov" },
        { region: "us-isob-east-1", partition: "aws-iso-b", host: "rolesanywhere.us-isob-east-1.sc2s.sgov.gov" },
        { region: "eusc-de-east-1", partition: "aws-eusc", host: "rolesanywhere.eusc-de-east-1.amazonaws.eu" },
      ].map(({ region, partition, host }) => ({
        what: `${region}, in its partition's domain`,
        fields: { ...arns(region, partition), rolesAnywhereRegion: "eu-central-1" as const, rolesAnywhereCustomRegion: region },
        url: `https://${host}/sessions`,
        region,
      })),
      {
        what: "an endpoint override, whatever the dropdown says (signing with the ARNs' region)",
        fields: {
          ...arns("us-east-2"),
          rolesAnywhereRegion: "eu-central-1",
          rolesAnywhereEndpoint: "https://vpce-1.rolesanywhere.us-east-2.vpce.amazonaws.com",
        },
        url: "https://vpce-1.rolesanywhere.us-east-2.vpce.amazonaws.com/sessions",
        region: "us-east-2",
      },
      {
        what: "a loopback http endpoint with a path prefix",
        fields: { rolesAnywhereEndpoint: "http://127.0.0.1:8080/prefix/" },
        url: "http://127.0.0.1:8080/prefix/sessions",
        region: "eu-central-1",
      },
    ];
    for (const { what, fields, url, region } of cases) {
      it(`comes from ${what}`, () => {
        const settings = sessionSettings(config(fields));
        assert.equal(settings.url.href, url);
        assert.equal(settings.region, region);
      });
    }
  });

  describe("refuses inconsistent settings, naming the field", () => {
    const cases: Array<{ what: string; fields: Partial<ConnectionConfig>; code: string; field: string; mentions: RegExp }> = [
      {
        what: "a profile in another region than the trust anchor",
        fields: { profileArn: arns("eu-west-1").profileArn },
        code: "CONFIG_INVALID",
        field: "profileArn",
        mentions: /profileArn is in eu-west-1 but trustAnchorArn is in eu-central-1/,
      },
      {
        what: "a Roles Anywhere region other than the ARNs'",
        fields: { rolesAnywhereRegion: "us-east-1" },
        code: "CONFIG_INVALID",
        field: "rolesAnywhereRegion",
        mentions: /choose eu-central-1 as the Roles Anywhere region/,
      },
      {
        what: "a custom region other than the ARNs'",
        fields: { rolesAnywhereCustomRegion: "eu-south-9" },
        code: "CONFIG_INVALID",
        field: "rolesAnywhereCustomRegion",
        mentions: /choose eu-central-1 .*or clear the custom region/,
      },
      {
        what: "plain http to a host that is not loopback",
        fields: { rolesAnywhereEndpoint: "http://rolesanywhere.example.com" },
        code: "ENDPOINT_INSECURE",
        field: "rolesAnywhereEndpoint",
        mentions: /use https:\/\//,
      },
      { what: "a missing role", fields: { roleArn: undefined }, code: "CONFIG_INVALID", field: "roleArn", mentions: /roleArn is required/ },
      {
        what: "a session of 5 minutes",
        fields: { durationSeconds: 300 },
        code: "CONFIG_INVALID",
        field: "durationSeconds",
        mentions: /from 900 to 3600/,
      },
    ];
    for (const { what, fields, code, field, mentions } of cases) {
      it(`${what}: ${code} on ${field}`, () => {
        assert.throws(
          () => sessionSettings(config(fields)),
          (error: unknown) =>
            error instanceof ConnectorError && error.code === code && error.field === field && mentions.test(error.message),
        );
      });
    }
  });

  describe("request", () => {
    it("asks for 3600 s by default and sends no roleSessionName unless one is set", () => {
      const request = sessionRequest(sessionSettings(config({})));
      assert.equal(request.body, '{"durationSeconds":3600}');
      assert.deepEqual(request.query, arns("eu-central-1"));
    });

    it("sends durationSeconds and roleSessionName as set", () => {
      const request = sessionRequest(sessionSettings(config({ durationSeconds: 900, sessionName: "orders-batch" })));
      assert.equal(request.body, '{"durationSeconds":900,"roleSessionName":"orders-batch"}');
    });
  });
});
