// The 44-byte header of a mono 16-bit PCM WAV. Gemini's TTS stream puts it before samples
// whose length is not known yet; tests build whole WAV files with it.

/** The RIFF/WAVE header for `rate` Hz; without `dataBytes` the sizes are the maximum, as streamed WAV states them. */
export function createPcmWavHeader(rate: number, dataBytes?: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(dataBytes === undefined ? 0xffffffff : 36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes ?? 0xffffffff, 40);
  return header;
}
