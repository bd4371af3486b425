import { deflateSync } from 'node:zlib';

/**
 * Files the simulated customers send: a small photo (PNG) and a one-second voice note (Ogg Opus,
 * silent), built here so the repository carries no binary fixtures. Both are valid files a
 * browser can show and play.
 */

export interface SampleFile {
  bytes: Buffer;
  mimeType: string;
  filename: string;
}

/** A 96×64 photo: a warm gradient with a darker band, enough to see that it is an image. */
export function samplePhoto(): SampleFile {
  const width = 96;
  const height = 64;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const band = y > 36 && y < 46;
      raw[row + 1 + x * 3] = band ? 60 : 200 + Math.round((x / width) * 55);
      raw[row + 2 + x * 3] = band ? 90 : 120 + Math.round((y / height) * 80);
      raw[row + 3 + x * 3] = band ? 70 : 60;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return { bytes: png, mimeType: 'image/png', filename: 'photo.png' };
}

/** One second of silence as Ogg Opus, mono, the format of WhatsApp voice notes. */
export function sampleVoiceNote(): SampleFile {
  const serial = 0x42524149;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'ascii');
  head[8] = 1; // version
  head[9] = 1; // channels
  head.writeUInt16LE(312, 10); // pre-skip
  head.writeUInt32LE(48_000, 12);
  const vendor = Buffer.from('braid-sandbox', 'ascii');
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write('OpusTags', 0, 'ascii');
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  // A 20 ms CELT frame that decodes to silence, 50 times.
  const frames = Array.from({ length: 50 }, () => Buffer.from([0xf8, 0xff, 0xfe]));
  const ogg = Buffer.concat([
    oggPage(serial, 0, 0x02, 0n, [head]),
    oggPage(serial, 1, 0x00, 0n, [tags]),
    oggPage(serial, 2, 0x04, BigInt(312 + 50 * 960), frames),
  ]);
  return { bytes: ogg, mimeType: 'audio/ogg', filename: 'voice.ogg' };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function oggPage(serial: number, sequence: number, flags: number, granule: bigint, packets: Buffer[]): Buffer {
  const segments: number[] = [];
  for (const packet of packets) {
    let left = packet.length;
    while (left >= 255) {
      segments.push(255);
      left -= 255;
    }
    segments.push(left);
  }
  const header = Buffer.alloc(27 + segments.length);
  header.write('OggS', 0, 'ascii');
  header[5] = flags;
  header.writeBigUInt64LE(granule, 6);
  header.writeUInt32LE(serial, 14);
  header.writeUInt32LE(sequence, 18);
  header[26] = segments.length;
  Buffer.from(segments).copy(header, 27);
  const page = Buffer.concat([header, ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

let pngTable: Uint32Array | undefined;
function crc32(data: Buffer): number {
  pngTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of data) crc = pngTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

let oggTable: Uint32Array | undefined;
/** Ogg's CRC: polynomial 0x04c11db7, not reflected, no final xor. */
function oggCrc(data: Buffer): number {
  oggTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    return c >>> 0;
  });
  let crc = 0;
  for (const byte of data) crc = (oggTable[((crc >>> 24) ^ byte) & 0xff] ^ (crc << 8)) >>> 0;
  return crc >>> 0;
}
