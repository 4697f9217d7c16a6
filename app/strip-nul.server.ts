import { Transform, type TransformCallback } from "node:stream";

/**
 * React 18.3.1's streaming renderer leaves zero bytes in its output when a multi-byte UTF-8
 * character does not fit at the end of its 2 KB write buffer (facebook/react#26228, fixed after
 * 18.3.1): on a large Vietnamese page the HTML carries stray NULs, shown by browsers as "�".
 * No character is lost, the zeros are extra; HTML never needs a raw NUL, so they are dropped.
 */
export class StripNulBytes extends Transform {
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    callback(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
  }
}
