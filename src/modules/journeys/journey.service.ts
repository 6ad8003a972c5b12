import type { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode, badInput, conflict, notFound } from '../../core/errors';
import { isUuid } from '../../core/loader-factories';
import { retriedTransaction } from '../../db/transaction';
import type { Selection } from '../../core/selection';
import { JourneyTreeReader } from './journey.tree';
import { Journey } from './journey.entity';
import { Phase } from './phase.entity';
import { Owner } from './owner.entity';
import { PhaseProcess } from './phase-process.entity';
import { Touchpoint } from './touchpoint.entity';
import { JOURNEY_TEMPLATES } from './templates/journey-templates';
import type { PhaseTemplate } from './templates/phase-template';
import type { CreateJourneyInput, UpdateJourneyInput } from './dtos/journey.inputs';
import type { AddPhaseInput, UpdatePhaseInput } from './dtos/phase.inputs';
import type { CreateOwnerInput, UpdateOwnerInput } from './dtos/owner.inputs';
import type { AddProcessInput, UpdateProcessInput } from './dtos/process.inputs';
import type { AddTouchpointInput, UpdateTouchpointInput } from './dtos/touchpoint.inputs';

/** Drops `undefined` so that an omitted input field leaves the column as it is, while an explicit `null` clears it. */
function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The journey map: journeys, their ordered phases, owners, processes and touchpoints, always within one workspace. Every edit is one
 * transaction, run again when PostgreSQL fails it for a deadlock with a concurrent edit (see `edit`).
 */
export class JourneyService {
  private readonly trees: JourneyTreeReader;

  constructor(private readonly dataSource: DataSource) {
    this.trees = new JourneyTreeReader(dataSource);
  }

  /**
   * An edit's transaction. Every write to a phase bumps the workspace's data version (a trigger updates the workspace row), so two
   * concurrent edits can each hold a row the other waits for (updatePhase holds its phase, removePhase the workspace row while it
   * shifts the phases after the removed one): PostgreSQL fails one with a deadlock, and it is retried, never the client's error.
   */
  private edit<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return retriedTransaction(this.dataSource, work);
  }

  /** The workspace's journeys, oldest first; with a GraphQL selection, in one statement with the levels below it embedded. */
  listJourneys(workspaceId: string, selection?: Selection): Promise<Journey[]> {
    if (selection) return this.trees.journeys(workspaceId, selection);
    return this.dataSource.getRepository(Journey).find({ where: { workspaceId }, order: { createdAt: 'ASC', name: 'ASC' } });
  }

  listOwners(workspaceId: string): Promise<Owner[]> {
    return this.dataSource.getRepository(Owner).find({ where: { workspaceId }, order: { name: 'ASC' } });
  }

  // ---- journeys

  async createJourney(workspaceId: string, input: CreateJourneyInput): Promise<Journey> {
    return this.edit(async (em) => {
      await this.assertJourneyNameFree(em, workspaceId, input.name);
      const journey = await em.getRepository(Journey).save(
        em.getRepository(Journey).create({ workspaceId, name: input.name, description: input.description ?? null }),
      );
      if (input.template) await this.applyTemplate(em, journey, JOURNEY_TEMPLATES[input.template], input.keyPrefix ?? '');
      return journey;
    });
  }

  private async applyTemplate(em: EntityManager, journey: Journey, template: PhaseTemplate[], prefix: string) {
    const phaseKeys = template.map((p) => prefix + p.key);
    const touchpointKeys = template.flatMap((p) => p.touchpoints.map((t) => prefix + t.key));
    const takenPhases = await em.getRepository(Phase).find({ where: phaseKeys.map((key) => ({ workspaceId: journey.workspaceId, key })) });
    if (takenPhases.length) {
      throw conflict(
        `Phase keys ${takenPhases.map((p) => `"${p.key}"`).join(', ')} are already used in this workspace; give a keyPrefix for the new journey.`,
      );
    }
    const takenTouchpoints = await em
      .getRepository(Touchpoint)
      .find({ where: touchpointKeys.map((key) => ({ workspaceId: journey.workspaceId, key })) });
    if (takenTouchpoints.length) {
      throw conflict(`Touchpoint keys ${takenTouchpoints.map((t) => `"${t.key}"`).join(', ')} are already used; give a keyPrefix.`);
    }
    const phases = await em.getRepository(Phase).save(
      template.map((p, i) =>
        em.getRepository(Phase).create({
          workspaceId: journey.workspaceId,
          journeyId: journey.id,
          key: prefix + p.key,
          name: p.name,
          position: i + 1,
          description: p.description,
          successDefinition: p.successDefinition,
          ownerId: null,
        }),
      ),
    );
    await em.getRepository(PhaseProcess).save(
      template.flatMap((p, i) =>
        p.processes.map((proc, j) =>
          em.getRepository(PhaseProcess).create({ workspaceId: journey.workspaceId, phaseId: phases[i].id, position: j + 1, ...proc }),
        ),
      ),
    );
    await em.getRepository(Touchpoint).save(
      template.flatMap((p, i) =>
        p.touchpoints.map((t) =>
          em.getRepository(Touchpoint).create({
            workspaceId: journey.workspaceId,
            phaseId: phases[i].id,
            key: prefix + t.key,
            name: t.name,
            channel: t.channel,
            mode: t.mode,
            description: null,
          }),
        ),
      ),
    );
  }

  async updateJourney(workspaceId: string, id: string, input: UpdateJourneyInput): Promise<Journey> {
    return this.edit(async (em) => {
      const journey = await this.findOrFail(em, Journey, 'journey', workspaceId, id);
      if (input.name !== undefined && input.name !== journey.name) await this.assertJourneyNameFree(em, workspaceId, input.name);
      return this.patch(em, Journey, 'journey', workspaceId, journey.id, input);
    });
  }

  async deleteJourney(workspaceId: string, id: string): Promise<string> {
    return this.edit(async (em) => {
      const journey = await this.lockJourney(em, workspaceId, id);
      const phases = await em.getRepository(Phase).find({ where: { workspaceId, journeyId: journey.id }, order: { position: 'ASC' } });
      await this.assertNoFactsUse(em, workspaceId, phases, `journey "${journey.name}"`);
      await this.detachPhases(em, workspaceId, phases.map((p) => p.id));
      await em.getRepository(Journey).delete({ workspaceId, id: journey.id });
      return journey.id;
    });
  }

  /**
   * Journey structure never takes customer facts with it: a phase that events still name (PHASE_ENTERED, or as context) is not
   * deleted. CONFLICT with the count per phase and event type, so that the caller knows what to re-send or delete first.
   */
  private async assertNoFactsUse(em: EntityManager, workspaceId: string, phases: Phase[], what: string): Promise<void> {
    if (phases.length === 0) return;
    const rows = (await em.query(
      `SELECT phase_id, type::text AS type, count(*)::int AS n FROM event
        WHERE workspace_id = $1 AND phase_id = ANY($2::uuid[]) GROUP BY phase_id, type ORDER BY phase_id, type`,
      [workspaceId, phases.map((p) => p.id)],
    )) as { phase_id: string; type: string; n: number }[];
    if (rows.length === 0) return;
    const facts = phases
      .map((p) => {
        const own = rows.filter((r) => r.phase_id === p.id);
        return { phase: p.key, events: own.reduce((sum, r) => sum + r.n, 0), byType: Object.fromEntries(own.map((r) => [r.type, r.n])) };
      })
      .filter((f) => f.events > 0);
    const list = facts
      .map((f) => `phase "${f.phase}": ${f.events} events (${Object.entries(f.byType).map(([type, n]) => `${n} ${type}`).join(', ')})`)
      .join('; ');
    throw new AppError(
      ErrorCode.CONFLICT,
      `Cannot delete ${what}: customer facts still name it — ${list}. Deleting journey structure never deletes facts. ` +
        'Re-send those events naming another phase (recordEvents), or delete them (deleteFacts with kind EVENT), first; or keep the phase and rename it.',
      { facts },
    );
  }

  private async assertJourneyNameFree(em: EntityManager, workspaceId: string, name: string) {
    if (await em.getRepository(Journey).exists({ where: { workspaceId, name } })) {
      throw conflict(`A journey named "${name}" already exists in this workspace.`);
    }
  }

  // ---- phases: positions stay dense (1..n) and ordered; the journey row is locked while they move.

  async addPhase(workspaceId: string, journeyId: string, input: AddPhaseInput): Promise<Phase> {
    return this.edit(async (em) => {
      const journey = await this.lockJourney(em, workspaceId, journeyId);
      const count = await em.getRepository(Phase).count({ where: { workspaceId, journeyId: journey.id } });
      const position = input.position ?? count + 1;
      if (position > count + 1) {
        throw badInput([{ path: 'position', message: `position must be between 1 and ${count + 1} (the journey has ${count} phases)` }]);
      }
      await this.assertPhaseKeyFree(em, workspaceId, input.key);
      if (input.ownerId) await this.assertOwner(em, workspaceId, input.ownerId, 'ownerId');
      await em
        .createQueryBuilder()
        .update(Phase)
        .set({ position: () => 'position + 1' })
        .where('workspace_id = :workspaceId AND journey_id = :journeyId AND position >= :position', { workspaceId, journeyId: journey.id, position })
        .execute();
      const phase = em.getRepository(Phase).create({
        workspaceId,
        journeyId: journey.id,
        key: input.key,
        name: input.name,
        position,
        description: input.description ?? null,
        successDefinition: input.successDefinition ?? null,
        ownerId: input.ownerId ?? null,
      });
      return em.getRepository(Phase).save(phase);
    });
  }

  async updatePhase(workspaceId: string, id: string, input: UpdatePhaseInput): Promise<Phase> {
    return this.edit(async (em) => {
      const phase = await this.findOrFail(em, Phase, 'phase', workspaceId, id);
      if (input.key !== undefined && input.key !== phase.key) await this.assertPhaseKeyFree(em, workspaceId, input.key);
      if (input.ownerId) await this.assertOwner(em, workspaceId, input.ownerId, 'ownerId');
      return this.patch(em, Phase, 'phase', workspaceId, phase.id, input);
    });
  }

  async movePhase(workspaceId: string, id: string, position: number): Promise<Journey> {
    return this.edit(async (em) => {
      const { phase, journey } = await this.lockPhase(em, workspaceId, id);
      const from = phase.position;
      const count = await em.getRepository(Phase).count({ where: { workspaceId, journeyId: journey.id } });
      if (position < 1 || position > count) {
        throw badInput([{ path: 'position', message: `position must be between 1 and ${count} (the journey has ${count} phases)` }]);
      }
      if (position !== from) {
        const [shift, low, high] = position > from ? ['position - 1', from + 1, position] : ['position + 1', position, from - 1];
        await em
          .createQueryBuilder()
          .update(Phase)
          .set({ position: () => shift })
          .where('workspace_id = :workspaceId AND journey_id = :journeyId AND position BETWEEN :low AND :high', { workspaceId, journeyId: journey.id, low, high })
          .execute();
        await em.getRepository(Phase).update({ workspaceId, id: phase.id }, { position });
      }
      return journey;
    });
  }

  async removePhase(workspaceId: string, id: string): Promise<Journey> {
    return this.edit(async (em) => {
      const { phase, journey } = await this.lockPhase(em, workspaceId, id);
      const { position } = phase;
      await this.assertNoFactsUse(em, workspaceId, [phase], `phase "${phase.key}"`);
      await this.detachPhases(em, workspaceId, [phase.id]);
      await em.getRepository(Phase).delete({ workspaceId, id: phase.id });
      await em
        .createQueryBuilder()
        .update(Phase)
        .set({ position: () => 'position - 1' })
        .where('workspace_id = :workspaceId AND journey_id = :journeyId AND position > :position', { workspaceId, journeyId: journey.id, position })
        .execute();
      return journey;
    });
  }

  /**
   * A phase and its journey, with the journey row locked. The phase is read again under the lock: an edit that held the lock before
   * may have moved or removed it (then NOT_FOUND, as if this edit had come later).
   */
  private async lockPhase(em: EntityManager, workspaceId: string, id: string): Promise<{ phase: Phase; journey: Journey }> {
    const found = await this.findOrFail(em, Phase, 'phase', workspaceId, id);
    const journey = await this.lockJourney(em, workspaceId, found.journeyId);
    const phase = await em.getRepository(Phase).findOne({ where: { workspaceId, id: found.id } });
    if (!phase) throw notFound('phase', id);
    return { phase, journey };
  }

  private async lockJourney(em: EntityManager, workspaceId: string, id: string): Promise<Journey> {
    if (!isUuid(id)) throw notFound('journey', id);
    const journey = await em
      .getRepository(Journey)
      .createQueryBuilder('j')
      .setLock('pessimistic_write')
      .where('j.workspace_id = :workspaceId AND j.id = :id', { workspaceId, id })
      .getOne();
    if (!journey) throw notFound('journey', id);
    return journey;
  }

  private async assertPhaseKeyFree(em: EntityManager, workspaceId: string, key: string) {
    if (await em.getRepository(Phase).exists({ where: { workspaceId, key } })) {
      throw conflict(`A phase with key "${key}" already exists in this workspace (phase keys are unique across its journeys).`);
    }
  }

  // ---- owners

  async createOwner(workspaceId: string, input: CreateOwnerInput): Promise<Owner> {
    await this.assertOwnerNameFree(this.dataSource.manager, workspaceId, input.name);
    const repo = this.dataSource.getRepository(Owner);
    return repo.save(repo.create({ workspaceId, name: input.name, function: input.function, email: input.email ?? null }));
  }

  async updateOwner(workspaceId: string, id: string, input: UpdateOwnerInput): Promise<Owner> {
    return this.edit(async (em) => {
      const owner = await this.findOrFail(em, Owner, 'owner', workspaceId, id);
      if (input.name !== undefined && input.name !== owner.name) await this.assertOwnerNameFree(em, workspaceId, input.name);
      return this.patch(em, Owner, 'owner', workspaceId, owner.id, input);
    });
  }

  /** Phases the owner was accountable for keep existing, without an owner. */
  async deleteOwner(workspaceId: string, id: string): Promise<string> {
    return this.edit(async (em) => {
      const owner = await this.findOrFail(em, Owner, 'owner', workspaceId, id);
      for (const table of ['phase', 'metric']) {
        await em.query(`UPDATE "${table}" SET owner_id = NULL WHERE workspace_id = $1 AND owner_id = $2`, [workspaceId, owner.id]);
      }
      await em.getRepository(Owner).delete({ workspaceId, id: owner.id });
      return owner.id;
    });
  }

  private async assertOwnerNameFree(em: EntityManager, workspaceId: string, name: string) {
    if (await em.getRepository(Owner).exists({ where: { workspaceId, name } })) {
      throw conflict(`An owner named "${name}" already exists in this workspace.`);
    }
  }

  private async assertOwner(em: EntityManager, workspaceId: string, ownerId: string, path: string) {
    if (!(await em.getRepository(Owner).exists({ where: { workspaceId, id: ownerId } }))) {
      throw badInput([{ path, message: `no owner with id "${ownerId}" in this workspace` }]);
    }
  }

  // ---- processes

  async addProcess(workspaceId: string, phaseId: string, input: AddProcessInput): Promise<PhaseProcess> {
    return this.edit(async (em) => {
      const phase = await this.findOrFail(em, Phase, 'phase', workspaceId, phaseId);
      await em.getRepository(Phase).createQueryBuilder('p').setLock('pessimistic_write').where('p.workspace_id = :workspaceId AND p.id = :id', { workspaceId, id: phase.id }).getOne();
      const count = await em.getRepository(PhaseProcess).count({ where: { workspaceId, phaseId: phase.id } });
      const position = input.position ?? count + 1;
      if (position > count + 1) {
        throw badInput([{ path: 'position', message: `position must be between 1 and ${count + 1} (the phase has ${count} processes)` }]);
      }
      await em
        .createQueryBuilder()
        .update(PhaseProcess)
        .set({ position: () => 'position + 1' })
        .where('workspace_id = :workspaceId AND phase_id = :phaseId AND position >= :position', { workspaceId, phaseId: phase.id, position })
        .execute();
      const repo = em.getRepository(PhaseProcess);
      return repo.save(
        repo.create({
          workspaceId,
          phaseId: phase.id,
          name: input.name,
          customerView: input.customerView ?? null,
          internalProcess: input.internalProcess ?? null,
          systems: input.systems ?? [],
          position,
        }),
      );
    });
  }

  async updateProcess(workspaceId: string, id: string, input: UpdateProcessInput): Promise<PhaseProcess> {
    return this.edit(async (em) => {
      const process = await this.findOrFail(em, PhaseProcess, 'process', workspaceId, id);
      return this.patch(em, PhaseProcess, 'process', workspaceId, process.id, input);
    });
  }

  async removeProcess(workspaceId: string, id: string): Promise<string> {
    return this.edit(async (em) => {
      const process = await this.findOrFail(em, PhaseProcess, 'process', workspaceId, id);
      await em.getRepository(Phase).createQueryBuilder('p').setLock('pessimistic_write').where('p.workspace_id = :workspaceId AND p.id = :id', { workspaceId, id: process.phaseId }).getOne();
      await em.getRepository(PhaseProcess).delete({ workspaceId, id: process.id });
      await em
        .createQueryBuilder()
        .update(PhaseProcess)
        .set({ position: () => 'position - 1' })
        .where('workspace_id = :workspaceId AND phase_id = :phaseId AND position > :position', { workspaceId, phaseId: process.phaseId, position: process.position })
        .execute();
      return process.id;
    });
  }

  // ---- touchpoints

  async addTouchpoint(workspaceId: string, phaseId: string, input: AddTouchpointInput): Promise<Touchpoint> {
    return this.edit(async (em) => {
      const phase = await this.findOrFail(em, Phase, 'phase', workspaceId, phaseId);
      await this.assertTouchpointKeyFree(em, workspaceId, input.key);
      const repo = em.getRepository(Touchpoint);
      return repo.save(repo.create({ workspaceId, phaseId: phase.id, ...input, description: input.description ?? null }));
    });
  }

  async updateTouchpoint(workspaceId: string, id: string, input: UpdateTouchpointInput): Promise<Touchpoint> {
    return this.edit(async (em) => {
      const touchpoint = await this.findOrFail(em, Touchpoint, 'touchpoint', workspaceId, id);
      if (input.key !== undefined && input.key !== touchpoint.key) await this.assertTouchpointKeyFree(em, workspaceId, input.key);
      if (input.phaseId !== undefined && !(await em.getRepository(Phase).exists({ where: { workspaceId, id: input.phaseId } }))) {
        throw badInput([{ path: 'phaseId', message: `no phase with id "${input.phaseId}" in this workspace` }]);
      }
      return this.patch(em, Touchpoint, 'touchpoint', workspaceId, touchpoint.id, input);
    });
  }

  async removeTouchpoint(workspaceId: string, id: string): Promise<string> {
    return this.edit(async (em) => {
      const touchpoint = await this.findOrFail(em, Touchpoint, 'touchpoint', workspaceId, id);
      await this.detachTouchpoints(em, workspaceId, [touchpoint.id]);
      await em.getRepository(Touchpoint).delete({ workspaceId, id: touchpoint.id });
      return touchpoint.id;
    });
  }

  private async assertTouchpointKeyFree(em: EntityManager, workspaceId: string, key: string) {
    if (await em.getRepository(Touchpoint).exists({ where: { workspaceId, key } })) {
      throw conflict(`A touchpoint with key "${key}" already exists in this workspace.`);
    }
  }

  // ---- shared

  /**
   * What `ON DELETE SET NULL` did before the keys held workspace_id: a key (workspace_id, x_id) cannot set only x_id to null on
   * every PostgreSQL that distributes by workspace, so the optional references to phases (a metric's phase) and to their
   * touchpoints (an event's or an order's) are cleared here, before the phases go. The keys are NO ACTION: a reference left
   * behind fails the delete, it never dangles.
   */
  private async detachPhases(em: EntityManager, workspaceId: string, phaseIds: string[]): Promise<void> {
    if (phaseIds.length === 0) return;
    await em.query('UPDATE metric SET phase_id = NULL WHERE workspace_id = $1 AND phase_id = ANY($2::uuid[])', [workspaceId, phaseIds]);
    const touchpoints = (await em.query('SELECT id FROM touchpoint WHERE workspace_id = $1 AND phase_id = ANY($2::uuid[])', [
      workspaceId,
      phaseIds,
    ])) as { id: string }[];
    await this.detachTouchpoints(em, workspaceId, touchpoints.map((t) => t.id));
  }

  /** Events and orders that named a removed touchpoint keep their place, without the touchpoint (see detachPhases). */
  private async detachTouchpoints(em: EntityManager, workspaceId: string, touchpointIds: string[]): Promise<void> {
    if (touchpointIds.length === 0) return;
    for (const table of ['event', 'order']) {
      await em.query(`UPDATE "${table}" SET touchpoint_id = NULL WHERE workspace_id = $1 AND touchpoint_id = ANY($2::uuid[])`, [
        workspaceId,
        touchpointIds,
      ]);
    }
  }

  /**
   * Writes only the fields the input gives, then reads the row back. Saving the whole entity read earlier would write back
   * its other fields as they were then, undoing a concurrent edit (a phase's position shifted by a move, for one).
   */
  private async patch<T extends { id: string; workspaceId: string }>(
    em: EntityManager,
    entity: new () => T,
    what: string,
    workspaceId: string,
    id: string,
    input: object,
  ): Promise<T> {
    const repo = em.getRepository(entity);
    const changes = definedOnly(input);
    if (Object.keys(changes).length > 0) {
      const { affected } = await repo.update({ workspaceId, id } as never, changes as never);
      if (affected === 0) throw notFound(what, id);
    }
    const row = await repo.findOne({ where: { workspaceId, id } as never });
    if (!row) throw notFound(what, id);
    return row;
  }

  private async findOrFail<T extends { id: string; workspaceId: string }>(
    em: EntityManager,
    entity: new () => T,
    what: string,
    workspaceId: string,
    id: string,
  ): Promise<T> {
    if (!isUuid(id)) throw notFound(what, id);
    const found = await em.getRepository(entity).findOne({ where: { workspaceId, id } as never });
    if (!found) throw notFound(what, id);
    return found;
  }
}

