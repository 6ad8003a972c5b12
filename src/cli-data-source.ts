import { createDataSource } from './db/data-source';
import { appEntities } from './app.modules';

/** For the TypeORM CLI (migration:generate / run / revert): DATABASE_URL names the database. */
if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to use the TypeORM CLI.');
export default createDataSource({ url: process.env.DATABASE_URL, entities: appEntities, applicationName: 'journeygraph-cli' });
