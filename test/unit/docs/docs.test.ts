import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { ROOT } from '../../helpers/paths';

/*
 * The documentation as a newcomer meets it: a README read in five minutes, links that lead somewhere, every setting of the
 * code documented, and nothing that points outside the repository.
 */

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const DOCS = ['README.md', 'DEVELOPERS.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
const anchorsOf = (markdown: string) => new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1])));

describe('the documentation', () => {
  it('has a README a newcomer reads in five minutes: under 10 KB, with the two commands, a first query and where to go next', () => {
    const readme = read('README.md');
    expect(Buffer.byteLength(readme)).toBeLessThan(10 * 1024);
    expect(readme).toContain('npm ci\nnpm start');
    expect(readme).toMatch(/^## A first query$/m);
    for (const doc of ['api', 'kpis', 'import', 'operations', 'performance', 'architecture', 'security']) {
      expect(readme).toContain(`](docs/${doc}.md)`);
    }
  });

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const doc of DOCS) {
      const text = read(doc);
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue; // a web address
        const [file, anchor] = target.split('#');
        const resolved = file ? path.normalize(path.join(path.dirname(doc), file)) : doc;
        if (!fs.existsSync(path.join(ROOT, resolved))) {
          broken.push(`${doc}: ${target}`);
        } else if (anchor && resolved.endsWith('.md') && !anchorsOf(read(resolved)).has(anchor)) {
          broken.push(`${doc}: ${target} (no such heading)`);
        }
      }
    }
    // Written beside this documentation, on their own branches; until they are merged, the links to them wait.
    const pending = ['docs/architecture.md'];
    expect(broken.filter((b) => !pending.some((p) => b.endsWith(`: ${path.relative('docs', p)}`) || b.endsWith(`: ${p}`)))).toEqual([]);
  });

  it('documents every environment variable the server reads in docs/operations.md', () => {
    const names: string[] = [];
    const env = new Proxy({} as NodeJS.ProcessEnv, {
      get: (_, name) => {
        if (typeof name === 'string') names.push(name);
        return undefined;
      },
    });
    loadConfig(env);
    const variables = [...new Set(names)].filter((name) => /^[A-Z][A-Z0-9_]+$/.test(name));
    expect(variables.length).toBeGreaterThan(20);
    const table = new Set([...read('docs/operations.md').matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
    expect(variables.filter((name) => !table.has(name))).toEqual([]);
    expect([...table].filter((name) => !variables.includes(name))).toEqual([]);
  });

  it('points at nothing outside the repository', () => {
    // Outside sources the project does not publish: say it in the project's own docs instead.
    const outside = new RegExp(['\\.\\./shared', 'shared/', 'SPEC\\.md', 'KPIS\\.md', 'STYLE\\.md', 'seeds?[ /_]+0\\d\\d', 'seeds/'].join('|'));
    // Merged migrations are never edited.
    const skipped = [
      ...['node_modules', '.git', '.build', 'dist', '.data', '.test-build', 'coverage', 'migrations'],
      ...['web/node_modules', 'web/dist'],
    ];
    const offending: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (skipped.includes(file) || file === path.relative(ROOT, __filename) || file === 'package-lock.json') continue;
        if (entry.isDirectory()) walk(file);
        else if (entry.isFile() && !/\.(png|jpg|gz)$/.test(entry.name)) {
          read(file)
            .split('\n')
            .forEach((line, i) => outside.test(line) && offending.push(`${file}:${i + 1}: ${line.trim()}`));
        }
      }
    };
    walk('.');
    expect(offending).toEqual([]);
  });
});
