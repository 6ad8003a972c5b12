import path from 'node:path';

/** The project's root folder, for tests at any depth under test/. */
export const ROOT = path.resolve(__dirname, '..', '..');
