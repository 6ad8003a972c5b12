import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

/**
 * Opt-in (JG_SQL_AUDIT=<file>, see jest.config.js): every SQL text sent through pg is appended to the file as one JSON line
 * `{ sql, origin }`, origin being the first file of the project on the stack (src/… for the API's own statements, test/… for
 * a test's). `node scripts/run.cjs scripts/sql-audit.js <file>` then lists the API's statements that leave a workspace-owned
 * table without its workspace_id (what a database distributed by workspace needs to send a statement to one server).
 */
const file = process.env.JG_SQL_AUDIT;
const root = path.resolve(__dirname, '..', '..') + path.sep;

const exists = new Map<string, boolean>();
/** A file of the project itself (a library's frames can be mapped to paths under the root that do not exist). */
const ownFile = (file: string) => {
  if (!exists.has(file)) exists.set(file, fs.existsSync(path.join(root, file)));
  return exists.get(file)!;
};

function originOf(stack: string | undefined): string {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const at = line.indexOf(root);
    if (at < 0 || line.includes('node_modules') || line.includes(`helpers${path.sep}sql-audit`)) continue;
    const file = line.slice(at + root.length).replace(/:\d+:\d+\)?$/, '');
    if (ownFile(file)) return file;
  }
  return 'unknown';
}

if (file) {
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown; __jgAudited?: boolean };
  if (!proto.__jgAudited) {
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const first = args[0] as string | { text?: string } | undefined;
      const sql = typeof first === 'string' ? first : first?.text;
      if (sql) fs.appendFileSync(file, JSON.stringify({ sql, origin: originOf(new Error().stack) }) + '\n');
      return original.apply(this, args);
    };
    proto.__jgAudited = true;
  }
}
