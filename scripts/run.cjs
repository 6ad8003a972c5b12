'use strict';
/**
 * Runs a file of the current build, leasing that build for as long as this process lives, so that a rebuild meanwhile
 * (another npm script, a second npm start) never deletes it: `node scripts/run.cjs src/main.js [arguments…]`.
 * The npm scripts start everything this way; see scripts/build.cjs.
 */
const path = require('node:path');
const { leaseCurrentBuild } = require('./build.cjs');

const entry = process.argv[2];
if (!entry || entry.startsWith('-')) {
  console.error('usage: node scripts/run.cjs <file of the build, e.g. src/main.js> [arguments…]');
  process.exit(2);
}
let file;
try {
  file = path.join(leaseCurrentBuild(), entry);
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
// The entry sees the arguments as if it had been started itself: process.argv[1] is its own path.
process.argv.splice(1, 2, file);
require(file);
