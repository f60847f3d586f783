/** Length of every record's JSON text: the typical IoT record the issue names. */
export const RECORD_BYTES = 1024;

export interface IotRecord {
  deviceId: string;
  recordKey: string;
  timestamp: string;
  readings: { temperature: number; humidity: number; pressure: number; battery: number };
  firmware: string;
  payload: string;
}

const EPOCH_MS = Date.UTC(2026, 0, 1);

/**
 * The `index`th sensor reading of a run: a JSON object whose serialisation is
 * exactly RECORD_BYTES long, from device `index % devices`, with a record key
 * unique in the run.
 */
export function iotRecord(index: number, devices: number): IotRecord {
  return recordWithPayload(index, devices, PAYLOAD);
}

/** The record's body as every contender sends it. */
export function iotRecordText(index: number, devices: number): string {
  return JSON.stringify(iotRecord(index, devices));
}

// Every field but the payload has a fixed width, so one padding fits every record.
function recordWithPayload(index: number, devices: number, payload: string): IotRecord {
  return {
    deviceId: `sensor-${String(index % devices).padStart(4, "0")}`,
    recordKey: `reading-${String(index).padStart(9, "0")}`,
    timestamp: new Date(EPOCH_MS + index * 1000).toISOString(),
    readings: {
      temperature: 10_000 + ((index * 7919) % 90_000),
      humidity: 10_000 + ((index * 104_729) % 90_000),
      pressure: 10_000 + ((index * 1_299_709) % 90_000),
      battery: 10_000 + ((index * 15_485_863) % 90_000),
    },
    firmware: "v4.2.1-build-20260101",
    payload,
  };
}

const PAYLOAD = "p".repeat(RECORD_BYTES - JSON.stringify(recordWithPayload(0, 1, "")).length);
