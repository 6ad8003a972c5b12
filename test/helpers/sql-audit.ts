import fs from 'node:fs';
import { Client } from 'pg';

/**
 * Opt-in (JG_SQL_AUDIT=<file>, see jest.config.js): every SQL text a test sends through pg is appended to the file, one JSON
 * string a line, so that `node scripts/sql-audit.cjs <file>` can list the statements that do not name workspace_id for each
 * table they read or write (what a database distributed by workspace needs to route a statement to one shard).
 */
const file = process.env.JG_SQL_AUDIT;
if (file) {
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown; __jgAudited?: boolean };
  if (!proto.__jgAudited) {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const first = args[0] as string | { text?: string } | undefined;
      const text = typeof first === 'string' ? first : first?.text;
      if (text) fs.appendFileSync(file, JSON.stringify(text) + '\n');
      return original.apply(this, args);
    };
    proto.__jgAudited = true;
  }
}
