/**
 * Control characters in API input. Nobody types them: one in a name, a message or a search is a
 * paste accident or an attack, and PostgreSQL refuses NUL in text and in query parameters outright.
 * They are refused, not stripped, so what is stored is exactly what was sent (a message reaches
 * the customer as the agent wrote it; a password is never silently changed) and the caller learns
 * which field to fix. Tab, line feed and carriage return are text, and are kept.
 *
 * Refused: Unicode's control category Cc, that is U+0000–U+001F and U+007F–U+009F, less the three.
 */

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export function isRefusedControlCharacter(code: number): boolean {
  if (code === TAB || code === LINE_FEED || code === CARRIAGE_RETURN) return false;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/** The first refused control character of a string, or null. */
function firstControlCharacter(text: string): number | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isRefusedControlCharacter(code)) return code;
  }
  return null;
}

const codePointName = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** A field name as the message shows it: its control characters escaped, so the message stays readable. */
function printableKey(key: string): string {
  let shown = '';
  for (const char of key) {
    const code = char.charCodeAt(0);
    shown += isRefusedControlCharacter(code) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return shown;
}

/** One value met during the walk: its key in its parent and the parent, so a path is built only when reported. */
interface Visit {
  value: unknown;
  key: string | null;
  parent: Visit | null;
}

/** The dotted path of a value; a very deep one keeps its end, the part that finds the field. */
function pathOf(visit: Visit, maxLength = 200): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) keys.push(printableKey(at.key));
  const path = keys.reverse().join('.');
  return path.length > maxLength ? `…${path.slice(-maxLength)}` : path;
}

/**
 * Where the first refused control character of a parsed JSON value (a body, a query, path
 * parameters) is, as "field.path: problem", or null when there is none. Strings and object keys
 * are both checked, at any depth, in the order of the input. The walk keeps its own stack and
 * builds no path until it reports one, so a deeply nested body costs time in proportion to its
 * size and cannot overflow the call stack.
 */
export function controlCharacterProblem(value: unknown): string | null {
  const stack: Visit[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const keyCode = visit.key === null ? null : firstControlCharacter(visit.key);
    if (keyCode !== null) return `${pathOf(visit)}: the field name contains a control character (${codePointName(keyCode)})`;
    const current = visit.value;
    if (typeof current === 'string') {
      const code = firstControlCharacter(current);
      if (code === null) continue;
      const path = pathOf(visit);
      return `${path ? `${path}: ` : ''}contains a control character (${codePointName(code)})`;
    }
    if (current === null || typeof current !== 'object') continue;
    const keys = Object.keys(current);
    // Pushed in reverse, so the first field of the input is looked at first.
    for (let i = keys.length - 1; i >= 0; i--) {
      stack.push({ value: (current as Record<string, unknown>)[keys[i]], key: keys[i], parent: visit });
    }
  }
  return null;
}
