// Reads a lesson step's markdown for lesson mode: the backticked names its "What to look at" list points at, each with its note, and named sections.

/** A field the lesson talks about (a parameter, header, cookie attribute or claim) and what it says of it. */
export interface FocusNote {
  /** The name as a message carries it, e.g. `code_challenge`, `SameSite`, `nonce`. */
  name: string;
  /** The lesson's sentence about it, shortened to its first sentence. */
  note: string;
}

const LOOK_AT = /^##\s+What to look at\b/i;

/** The text of the `## <title>` section of a markdown body (without its heading), or '' when absent. */
export function markdownSection(body: string, heading: RegExp): string {
  const lines = body.split(/\r?\n/);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return '';
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^##\s/.test(line));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
}

/** The list items of a markdown section, continuation lines joined. */
function bullets(section: string): string[] {
  const items: string[] = [];
  for (const line of section.split('\n')) {
    if (/^\s*[-*]\s+/.test(line)) items.push(line.replace(/^\s*[-*]\s+/, ''));
    else if (items.length > 0 && line.trim()) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items;
}

/** `code_challenge_method=S256` → `code_challenge_method`; `WWW-Authenticate: Bearer` → `WWW-Authenticate`. */
function nameOf(code: string): string | undefined {
  const name = code.split(/[=:\s]/)[0] ?? '';
  return /^[A-Za-z_][\w.-]*$/.test(name) && name.length > 1 ? name : undefined;
}

/** Where an item's lead ends: the first `: ` after its opening backticked names (-1 when it has none). */
function leadEnd(item: string): number {
  const lead = /^(?:[^`:]*`[^`]*`)+[^:`]*:\s/.exec(item);
  return lead ? lead[0].length : -1;
}

/** The first sentence of a text, a `.` inside backticks (a character list, a file name) not ending it. */
function firstSentence(text: string): string {
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '`') inCode = !inCode;
    else if (!inCode && '.!?'.includes(text[i]!) && (i + 1 === text.length || /\s/.test(text[i + 1]!)))
      return text.slice(0, i + 1);
  }
  return text;
}

/** The note of one item: what follows its lead (or a prose lead-in and the name), up to the end of its first sentence. */
function noteOf(item: string): string {
  const end = leadEnd(item);
  const body = end >= 0 ? item.slice(end) : item.replace(/^[^`:]*:\s*/, '').replace(/^`[^`]*`\s*[,:]?\s*/, '');
  return firstSentence(body.trim()).replace(/`/g, '').trim();
}

function namesIn(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].flatMap((m) => nameOf(m[1]!) ?? []);
}

/**
 * Every backticked name of the step's "What to look at" list with its item's note. A name an item is about
 * (before its colon) wins over a name another item only mentions; otherwise the first item wins.
 */
export function focusNotes(body: string): FocusNote[] {
  const items = bullets(markdownSection(body, LOOK_AT)).map((item) => {
    const end = leadEnd(item);
    return { note: noteOf(item), lead: namesIn(end < 0 ? '' : item.slice(0, end)), all: namesIn(item) };
  });
  const notes = new Map<string, FocusNote>();
  for (const pick of [(i: (typeof items)[number]) => i.lead, (i: (typeof items)[number]) => i.all])
    for (const item of items)
      for (const name of pick(item))
        if (!notes.has(name.toLowerCase())) notes.set(name.toLowerCase(), { name, note: item.note });
  return [...notes.values()];
}

/** Looks a name up among the notes, case-insensitively (header and attribute names are case-insensitive). */
export function noteFor(notes: readonly FocusNote[], name: string): FocusNote | undefined {
  const wanted = name.toLowerCase();
  return notes.find((n) => n.name.toLowerCase() === wanted);
}
