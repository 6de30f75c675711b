/** Deterministic test inputs: text-like (compressible), noise (incompressible) and long runs. */
export function textLike(length: number, seed = 1): Buffer {
  const words = ['order', 'customer', 'amount', 'EUR', 'status', 'shipped', 'pending', '{"id":', '},', 'kafka', 'topic'];
  let state = seed >>> 0;
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const word = `${words[state % words.length]}${state % 97} `;
    parts.push(word);
    size += word.length;
  }
  return Buffer.from(parts.join('').slice(0, length), 'latin1');
}

export function noise(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

/** Sizes around the block boundaries the codecs use (32 KiB snappy, 64 KiB lz4, 128 KiB zstd). */
export const SIZES = [0, 1, 12, 13, 100, 32 * 1024, 32 * 1024 + 1, 65535, 65536, 65537, 128 * 1024 + 3, 700_001];

export function samples(): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  for (const size of SIZES) {
    out.push([`text ${size}`, textLike(size)]);
    out.push([`noise ${size}`, noise(size)]);
    out.push([`zeros ${size}`, Buffer.alloc(size)]);
  }
  return out;
}
