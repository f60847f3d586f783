import { openSession, queueNamedBy, readConnectionFile, streamNamedBy } from "../session.js";
import {
  CONNECTION_OPTION,
  EXIT,
  HELP_OPTION,
  optional,
  QUEUE_OPTIONS,
  queueOverrides,
  STREAM_OPTIONS,
  streamOverrides,
  str,
  VERBOSE_OPTION,
  type Command,
} from "./command.js";

export const testConnectionCommand: Command = {
  name: "test-connection",
  summary: "check credentials and reach SQS (and a Kinesis stream, an S3 bucket); prints a report",
  usage: "--connection FILE [--queue-name NAME | --queue-url URL] [--stream-name NAME | --stream-arn ARN] [--bucket NAME[/PREFIX]]",
  options: {
    ...HELP_OPTION,
    ...CONNECTION_OPTION,
    ...QUEUE_OPTIONS,
    ...STREAM_OPTIONS,
    bucket: {
      type: "string",
      value: "NAME",
      description: "S3 bucket for large payloads, optionally /keyPrefix: HeadBucket and a probe object put, read and removed",
    },
    ...VERBOSE_OPTION,
  },
  notes:
    "Prints the JSON report: which step passed, warned (and what a missing permission limits) or failed. With a stream, Kinesis is checked with DescribeStreamSummary; with a bucket, S3 with HeadBucket and a probe object (SQS too when a queue is named as well).",
  exitCodes: "0 the connection works (possibly with warnings), 1 a step failed, 2 usage or a bad connection file",
  async run({ values, logger }) {
    const target = {
      ...queueOverrides(values),
      ...streamOverrides(values),
      ...(values["bucket"] === undefined ? {} : { bucket: str(values["bucket"]) }),
    };
    const session = await openSession(await readConnectionFile(optional(values["connection"])), {
      logger,
      queues: queueNamedBy(target),
      streams: streamNamedBy(target),
      buckets: target.bucket === undefined ? [] : [target.bucket.split("/")[0]!],
    });
    try {
      const report = await session.connection.test(target);
      process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      return report.ok ? EXIT.ok : EXIT.operationFailed;
    } finally {
      await session.close();
    }
  },
};
