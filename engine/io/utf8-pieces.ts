// Text to write, whole or in pieces, as UTF-8 buffers of a bounded size: the bytes are those of the
// whole text encoded at once (a surrogate pair split between two pieces is joined again, a lone one
// becomes U+FFFD), and no buffer holds more than about `PIECE_CHARS` characters.

/** What a command writes: one string, or pieces of it in order (a generator, possibly async). */
export type TextContent = string | Iterable<string> | AsyncIterable<string>;

/** UTF-16 units encoded at a time: small enough that a signal is answered within milliseconds. */
export const PIECE_CHARS = 1 << 20;
/** Small pieces are gathered until they make this many units, so each write is worth a system call. */
const GATHER_CHARS = 1 << 16;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Cuts `all` into pieces of at most PIECE_CHARS units, never between a surrogate pair. */
function* cut(all: string): Generator<string, void, undefined> {
  while (all.length > PIECE_CHARS) {
    let end = PIECE_CHARS;
    if (isHighSurrogate(all.charCodeAt(end - 1))) end--; // the pair stays in one piece
    yield all.slice(0, end);
    all = all.slice(end);
  }
  if (all.length > 0) yield all;
}

/** The pieces of `content`, re-cut: at most PIECE_CHARS units each, at least GATHER_CHARS but the last, never between a surrogate pair. */
async function* recut(content: TextContent): AsyncGenerator<string, void, undefined> {
  let held: string[] = [];
  let size = 0;
  function* take(text: string): Generator<string, void, undefined> {
    held.push(text);
    size += text.length;
    if (size < GATHER_CHARS) return;
    let all = held.length === 1 ? held[0]! : held.join('');
    // a high surrogate at the end waits for what follows: it may be the first half of a pair
    const last = isHighSurrogate(all.charCodeAt(all.length - 1)) ? all.slice(-1) : '';
    if (last) all = all.slice(0, -1);
    held = last ? [last] : [];
    size = last.length;
    yield* cut(all);
  }
  if (typeof content === 'string') yield* take(content);
  else for await (const piece of content) yield* take(piece);
  if (size > 0) yield* cut(held.join('')); // a lone high surrogate at the very end is encoded as U+FFFD, as in the whole text
}

/** `content` as UTF-8 buffers, in order; concatenated, they equal Buffer.from(whole text, 'utf8'). */
export async function* utf8Pieces(content: TextContent): AsyncGenerator<Buffer, void, undefined> {
  for await (const text of recut(content)) if (text.length > 0) yield Buffer.from(text, 'utf8');
}
