import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { buildSchema, getNamedType, isEnumType, isNonNullType, type GraphQLInputObjectType } from 'graphql';
import { Batcher, requestBody } from '../../../src/import/batches';
import { KINDS, kindSpec, mutationDocument, type CellType } from '../../../src/import/kinds';
import { readCsv } from '../../../src/import/csv-reader';
import { barView } from '../../../src/import/progress';
import { ROOT } from '../../helpers/paths';

/** The importer's parts that need no server: its table of kinds against the committed schema, the CSV reader, batches, progress. */

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-csv-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reading CSV', () => {
  it('knows every kind as schema/schema.graphql declares its mutation and row type', () => {
    const schema = buildSchema(fs.readFileSync(path.resolve(ROOT, 'schema', 'schema.graphql'), 'utf8'));
    const mutations = schema.getMutationType()!.getFields();
    const SCALARS: Record<string, CellType> = { String: 'string', Segment: 'string', Float: 'number', Int: 'integer', LocalDate: 'date', DateTime: 'datetime' };
    for (const spec of KINDS) {
      const field = mutations[spec.mutation];
      expect(String(field?.args.find((a) => a.name === 'rows')?.type)).toBe(`[${spec.rowType}!]!`);
      const input = schema.getType(spec.rowType) as GraphQLInputObjectType;
      const declared = Object.values(input.getFields()).map((f) => {
        const named = getNamedType(f.type);
        return {
          name: f.name,
          type: isEnumType(named) ? 'enum' : SCALARS[named.name],
          optional: !isNonNullType(f.type),
          ...(isEnumType(named) ? { values: named.getValues().map((v) => v.name).sort() } : {}),
        };
      });
      const ours = spec.columns.map((c) => ({ ...c, ...(c.values ? { values: [...c.values].sort() } : {}) }));
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect({ kind: spec.kind, columns: ours.sort(byName) }).toEqual({ kind: spec.kind, columns: declared.sort(byName) });
    }
  });

  it('gives each record the line it starts on, with quoted multi-line cells, CRLF, a BOM, empty lines and ,,, lines', async () => {
    for (const eol of ['\n', '\r\n']) {
      const file = path.join(dir, `${randomUUID()}.csv`);
      const text = ['a,b', '1,2', `"multi${eol}line${eol}cell",3`, '', ',', '4,"x"', '"a ""quoted"" one",5'].join(eol);
      fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
      const stats = { skipped: 0 };
      const records = [];
      for await (const r of readCsv(file, stats)) records.push({ cells: r.cells, line: r.line, endLine: r.endLine });
      expect(records).toEqual([
        { cells: ['a', 'b'], line: 1, endLine: 1 },
        { cells: ['1', '2'], line: 2, endLine: 2 },
        { cells: [`multi${eol}line${eol}cell`, '3'], line: 3, endLine: 5 },
        { cells: ['4', 'x'], line: 8, endLine: 8 },
        { cells: ['a "quoted" one', '5'], line: 9, endLine: 9 },
      ]);
      expect(stats.skipped).toBe(1);
    }
  });

  it('draws a progress bar with rows, rows/s and ETA on a terminal', () => {
    let out = '';
    const terminal = Object.assign(new Writable({ write: (chunk, _e, done) => ((out += String(chunk)), done()) }), { isTTY: true, columns: 80 });
    const view = barView(terminal as unknown as NodeJS.WriteStream, 1000);
    view.update({ rows: 5000, bytes: 250, fileBytes: 1000, elapsedMs: 2000, totals: { inserted: 5000, updated: 0, unchanged: 0 } });
    view.log('batch 2: HTTP 429 RATE_LIMITED; retry 1 in 1.0 s');
    view.update({ rows: 20000, bytes: 1000, fileBytes: 1000, elapsedMs: 4000, totals: { inserted: 20000, updated: 0, unchanged: 0 } });
    view.stop();
    const text = out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    expect(text).toContain('batch 2: HTTP 429 RATE_LIMITED; retry 1 in 1.0 s\n');
    expect(text).toMatch(/ 100% \| 20,000 rows \| 5,000 rows\/s \| ETA 0s/);
  });

  it('cuts batches by rows and by request size', () => {
    const query = mutationDocument(kindSpec('revenue')!);
    const row = (i: number) => ({ json: JSON.stringify({ customer: `c${i}`, month: '2025-01-01', type: 'RECURRING', amount: 10 }), line: i + 2, endLine: i + 2, bytes: i });
    const byRows = new Batcher(query, 4, 1_000_000);
    const closed = Array.from({ length: 10 }, (_, i) => byRows.add(row(i))).flat();
    expect([...closed, ...byRows.flush()].map((b) => b.rows.length)).toEqual([4, 4, 2]);

    const limit = Buffer.byteLength(requestBody(query, [row(0), row(1), row(2)])); // exactly three rows fit
    const bySize = new Batcher(query, 5000, limit);
    const batches = [...Array.from({ length: 10 }, (_, i) => bySize.add(row(i))).flat(), ...bySize.flush()];
    expect(batches.map((b) => b.rows.length)).toEqual([3, 3, 3, 1]);
    for (const b of batches) expect(Buffer.byteLength(requestBody(query, b.rows))).toBeLessThanOrEqual(limit);
  });
});
