/**
 * Text folding shared by trigger matching and name comparison. Customers type "Hí", "HI 👋" or
 * "Ana  Sílva" and mean "hi" and "ana silva"; comparing folded forms makes the rules forgiving
 * without fuzzy matching that would surprise an admin.
 */

// Pictographs, skin tones, flags, and the invisible joiners and selectors that glue emoji together.
// The class lists the joiner (U+200D) and the keycap mark (U+20E3) on their own on purpose: each is
// removed wherever it stands, not only inside a sequence.
// eslint-disable-next-line no-misleading-character-class
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{E0020}-\u{E007F}]/gu;
// Accents are dropped only from Latin letters: "é" → "e" is what people mean, whereas marks in
// other scripts (Devanagari vowel signs, Japanese dakuten: "が" is not "か") change the word.
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const APOSTROPHES = /['’‘`´ʼ]/g;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/** Removes emoji and their modifiers; keeps everything else. */
export function stripEmoji(text: string): string {
  return text.replace(EMOJI, '');
}

/** "Hí" → "Hi", "Ça" → "Ca"; leaves non-Latin scripts untouched. */
export function stripLatinAccents(text: string): string {
  return text.normalize('NFD').replace(LATIN_MARKS, '$1').normalize('NFC');
}

/**
 * The comparison form of a phrase: accents (Latin) removed, lower case, emoji dropped, apostrophes
 * removed ("what's" = "whats"), every other run of punctuation or spaces made one space, trimmed.
 * Idempotent: fold(fold(x)) === fold(x).
 */
export function foldText(text: string): string {
  return stripLatinAccents(stripEmoji(text))
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(NOT_WORD, ' ')
    .trim();
}

/** Scripts written without spaces between words, where a word boundary cannot be a space. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** True when the character belongs to a script written without spaces (Chinese, Japanese, Thai…). */
export function isUnspacedScript(char: string): boolean {
  return UNSPACED.test(char);
}

/** A username as shown: one "@" in front, whether or not Meta's value already starts with one. */
export function handleOf(username: string): string {
  return `@${username.replace(/^@+/, '')}`;
}
