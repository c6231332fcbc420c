import { Transform } from "node:stream";

/**
 * React 18's stream writer fills fixed 2 KiB buffers; when a multi-byte character (Cyrillic,
 * accents) does not fit at the end of one, the unused byte goes out as a NUL and the
 * character starts the next buffer (facebook/react#24985): Ukrainian pages showed "а\0ле".
 * HTML never needs a raw NUL byte, so they are dropped on the way out. Rendering to a string
 * instead is not an option: single fetch streams the loader data behind a Suspense boundary.
 */
export function withoutNulBytes() {
  return new Transform({
    transform(chunk: Uint8Array, _encoding, done) {
      done(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}
