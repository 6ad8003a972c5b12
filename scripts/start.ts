import { buildDashboardAndReport } from './build-web';

/**
 * `npm start`: builds the dashboard when its sources changed, then starts the server in this same process (one Node start
 * instead of two, so that an unchanged start costs only the check: hashing a few dozen files).
 */
buildDashboardAndReport();
require('../src/main');
