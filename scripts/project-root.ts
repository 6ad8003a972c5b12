import fs from 'node:fs';
import path from 'node:path';

/** The project's root folder (the nearest one up with a package.json), whether this file runs from the sources or a build. */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
