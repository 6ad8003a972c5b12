import type { DataSource } from 'typeorm';
import type { Selection } from '../../core/selection';
import { EntityTrees, type Embeddable, type Embeddables } from '../../db/entity-json';
import { PreparedStatements } from '../../db/prepared';
import { Journey } from './journey.entity';
import { Phase } from './phase.entity';
import { Owner } from './owner.entity';
import { PhaseProcess } from './phase-process.entity';
import { Touchpoint } from './touchpoint.entity';

/**
 * The journey map's relations a read embeds when the query selects them, in the order their loaders give: a journey's phases by
 * position, a phase's owner, processes by position and touchpoints by name, an owner's phases, the journey of a phase and the
 * phase of a process or touchpoint.
 */
export const JOURNEY_EMBEDDABLES: Embeddables = new Map<Function, Record<string, Embeddable>>([
  [Journey, { phases: { entity: Phase, many: true, on: (p, c) => `${c}.journey_id = ${p}.id`, orderBy: (c) => `${c}.position` } }],
  [
    Phase,
    {
      journey: { entity: Journey, many: false, on: (p, c) => `${c}.id = ${p}.journey_id` },
      owner: { entity: Owner, many: false, on: (p, c) => `${c}.id = ${p}.owner_id` },
      processes: { entity: PhaseProcess, many: true, on: (p, c) => `${c}.phase_id = ${p}.id`, orderBy: (c) => `${c}.position` },
      touchpoints: { entity: Touchpoint, many: true, on: (p, c) => `${c}.phase_id = ${p}.id`, orderBy: (c) => `${c}.name, ${c}.id` },
    },
  ],
  [Owner, { phases: { entity: Phase, many: true, on: (p, c) => `${c}.owner_id = ${p}.id`, orderBy: (c) => `${c}.journey_id, ${c}.position` } }],
  [PhaseProcess, { phase: { entity: Phase, many: false, on: (p, c) => `${c}.id = ${p}.phase_id` } }],
  [Touchpoint, { phase: { entity: Phase, many: false, on: (p, c) => `${c}.id = ${p}.phase_id` } }],
]);

/**
 * The `journeys` list as one statement: the journeys of the workspace (oldest first) with the columns the query selects and, nested,
 * the selected levels below them (phases → owner, processes, touchpoints …), sent as a named prepared statement. Each row
 * answers the fields embedded in it (db/entity-json.ts); the other fields go to their resolvers and loaders. One per app.
 */
export class JourneyTreeReader {
  private readonly trees: EntityTrees;
  private readonly statements = new PreparedStatements();
  private readonly sqlOf = new WeakMap<Selection, string>();

  constructor(private readonly dataSource: DataSource) {
    this.trees = new EntityTrees(dataSource, JOURNEY_EMBEDDABLES);
  }

  async journeys(workspaceId: string, selection: Selection): Promise<Journey[]> {
    let sql = this.sqlOf.get(selection);
    if (!sql) {
      sql = `SELECT ${this.trees.json(Journey, selection, 'j', '$1')} AS r FROM journey j WHERE j.workspace_id = $1 ORDER BY j.created_at, j.name`;
      this.sqlOf.set(selection, sql);
    }
    const rows = await this.statements.query<{ r: Record<string, unknown> }>(this.dataSource, sql, [workspaceId]);
    return rows.map((row) => this.trees.hydrate<Journey>(Journey, selection, row.r));
  }
}
