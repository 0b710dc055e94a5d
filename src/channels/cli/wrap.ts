/**
 * Word wrapping for the terminal: breaks only at spaces, keeps a hanging indent on continuation lines, and splits a
 * word only when it alone is longer than the line.
 */

/** Options for {@link wrapLine}. */
export interface WrapOptions {
  /** Columns available (the line never gets longer). */
  width: number;
  /** Spaces before the first line. */
  indent?: number;
  /** Spaces before every continuation line: the hanging indent (e.g. under the text after "- " or "[1] "). */
  hanging?: number;
}

/** Wraps one logical line (no newlines) into terminal lines no longer than `width`. */
export function wrapLine(text: string, options: WrapOptions): string[] {
  const first = ' '.repeat(options.indent ?? 0);
  const rest = ' '.repeat(options.hanging ?? options.indent ?? 0);
  const words = glueMarkers(text.split(/\s+/).filter((w) => w !== ''));
  if (words.length === 0) return [''];
  const lines: string[] = [];
  let line = first;
  let empty = true;
  const room = (prefix: string) => Math.max(1, options.width - prefix.length);
  for (let word of words) {
    const sep = empty ? '' : ' ';
    if (line.length + sep.length + word.length <= options.width) {
      line += sep + word;
      empty = false;
      continue;
    }
    if (!empty) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    // A word longer than a whole line (a URL, say) is the one thing that has to be cut.
    while (word.length > room(line)) {
      lines.push(line + word.slice(0, room(line)));
      word = word.slice(room(line));
      line = rest;
    }
    line += word;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** A citation marker ("[1]", "[2].") stays on the line of the word before it, never alone on the next line. */
function glueMarkers(words: string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    if (out.length > 0 && /^\[\d+\][.,;:!?]?$/.test(w)) out[out.length - 1] += ` ${w}`;
    else out.push(w);
  }
  return out;
}

/** The marker of a Markdown list item ("- ", "* ", "1. "), whose width is the item's hanging indent. */
const LIST_MARKER = /^(\s*)([-*•]|\d+[.)])\s+/;

/** Wraps a block of text line by line; list items get a hanging indent under their text. */
export function wrapText(text: string, width: number, indent = 0): string[] {
  return text.split('\n').flatMap((raw) => {
    if (raw.trim() === '') return [''];
    const marker = LIST_MARKER.exec(raw);
    const hanging = indent + (marker ? marker[0].length : 0);
    return wrapLine(raw.trimStart(), { width, indent: indent + (marker?.[1]?.length ?? 0), hanging });
  });
}
