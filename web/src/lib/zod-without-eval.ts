import { z } from 'zod';

/**
 * Zod speeds up parsing by compiling validators with `new Function`, after probing whether eval
 * is allowed. Braid's Content-Security-Policy forbids eval, so the probe alone is a CSP violation
 * in the console: parse without compiling. Imported first by main.tsx, before any schema parses.
 */
z.config({ jitless: true });
