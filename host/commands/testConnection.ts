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
  VERBOSE_OPTION,
  type Command,
} from "./command.js";

export const testConnectionCommand: Command = {
  name: "test-connection",
  summary: "check credentials and reach SQS (and a Kinesis stream); prints a report",
  usage: "--connection FILE [--queue-name NAME | --queue-url URL] [--stream-name NAME | --stream-arn ARN]",
  options: { ...HELP_OPTION, ...CONNECTION_OPTION, ...QUEUE_OPTIONS, ...STREAM_OPTIONS, ...VERBOSE_OPTION },
  notes:
    "Prints the JSON report: which step passed, warned (and what a missing permission limits) or failed. With a stream, Kinesis is checked with DescribeStreamSummary (SQS too when a queue is named as well).",
  exitCodes: "0 the connection works (possibly with warnings), 1 a step failed, 2 usage or a bad connection file",
  async run({ values, logger }) {
    const target = { ...queueOverrides(values), ...streamOverrides(values) };
    const session = await openSession(await readConnectionFile(optional(values["connection"])), {
      logger,
      queues: queueNamedBy(target),
      streams: streamNamedBy(target),
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
