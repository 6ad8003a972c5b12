import type { DataSource } from 'typeorm';
import { byId, manyBy } from '../../core/loader-factories';
import { Journey } from './journey.entity';
import { Phase } from './phase.entity';
import { Owner } from './owner.entity';
import { PhaseProcess } from './phase-process.entity';
import { Touchpoint } from './touchpoint.entity';

export function createJourneyLoaders(dataSource: DataSource, workspaceId: string) {
  return {
    journey: byId(dataSource, Journey, workspaceId),
    phase: byId(dataSource, Phase, workspaceId),
    owner: byId(dataSource, Owner, workspaceId),
    process: byId(dataSource, PhaseProcess, workspaceId),
    touchpoint: byId(dataSource, Touchpoint, workspaceId),
    phasesByJourney: manyBy(dataSource, Phase, workspaceId, 'journeyId', { position: 'ASC' }),
    phasesByOwner: manyBy(dataSource, Phase, workspaceId, 'ownerId', { journeyId: 'ASC', position: 'ASC' }),
    processesByPhase: manyBy(dataSource, PhaseProcess, workspaceId, 'phaseId', { position: 'ASC' }),
    touchpointsByPhase: manyBy(dataSource, Touchpoint, workspaceId, 'phaseId', { name: 'ASC' }),
  };
}
