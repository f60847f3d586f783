import forge from "node-forge";

/*
 * A few DER building blocks over node-forge's ASN.1 encoder, for test
 * certificates and PKCS#12 bundles. forge writes the bytes; what is written
 * (RFC 5280, RFC 7292) is spelled out by the callers.
 */
const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;
export type { Asn1 };

const universal = (type: forge.asn1.Type, value: string | Asn1[]): Asn1 =>
  asn1.create(asn1.Class.UNIVERSAL, type, Array.isArray(value), value);

export const sequence = (...items: Asn1[]): Asn1 => universal(asn1.Type.SEQUENCE, items);
export const set = (...items: Asn1[]): Asn1 => universal(asn1.Type.SET, items);
export const oid = (id: string): Asn1 => universal(asn1.Type.OID, asn1.oidToDer(id).getBytes());
export const nullValue = (): Asn1 => universal(asn1.Type.NULL, "");
export const boolean = (value: boolean): Asn1 => universal(asn1.Type.BOOLEAN, value ? "\xff" : "\x00");
export const utf8 = (text: string): Asn1 => universal(asn1.Type.UTF8, forge.util.encodeUtf8(text));
export const octets = (bytes: Buffer): Asn1 => universal(asn1.Type.OCTETSTRING, bytes.toString("binary"));
/** A BIT STRING whose first content byte counts the unused bits of the last byte. */
export const bits = (bytes: Buffer, unusedBits = 0): Asn1 =>
  universal(asn1.Type.BITSTRING, String.fromCharCode(unusedBits) + bytes.toString("binary"));

/** A non-negative INTEGER, with the leading zero DER needs when the top bit is set. */
export function integer(value: bigint): Asn1 {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  return universal(asn1.Type.INTEGER, Buffer.from(hex, "hex").toString("binary"));
}

/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(date: Date): Asn1 {
  return date.getUTCFullYear() < 2050
    ? universal(asn1.Type.UTCTIME, asn1.dateToUtcTime(date))
    : universal(asn1.Type.GENERALIZEDTIME, asn1.dateToGeneralizedTime(date));
}

export const explicit = (tag: number, item: Asn1): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, [item]);
export const implicitBytes = (tag: number, bytes: Buffer): Asn1 =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, false, bytes.toString("binary"));

export const fromDer = (der: Buffer): Asn1 => asn1.fromDer(der.toString("binary"));
export const toDer = (item: Asn1): Buffer => Buffer.from(asn1.toDer(item).getBytes(), "binary");
