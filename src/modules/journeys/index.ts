import type { ModuleManifest } from '../../core/module';
import { Owner } from './owner.entity';
import { Journey } from './journey.entity';
import { Phase } from './phase.entity';
import { PhaseProcess } from './phase-process.entity';
import { Touchpoint } from './touchpoint.entity';
import { JourneyResolver, OwnerResolver, PhaseResolver, ProcessResolver, TouchpointResolver } from './journey.resolver';
import { JourneyService } from './journey.service';
import { createJourneyLoaders } from './journey.loaders';

declare module '../../core/context' {
  interface Services {
    journeys: JourneyService;
  }
  interface Loaders extends ReturnType<typeof createJourneyLoaders> {}
}

/** Journeys, their phases, processes and touchpoints, and the owners of phases. */
export const journeysModule: ModuleManifest = {
  name: 'journeys',
  entities: [Owner, Journey, Phase, PhaseProcess, Touchpoint],
  resolvers: [JourneyResolver, PhaseResolver, ProcessResolver, TouchpointResolver, OwnerResolver],
  services: ({ dataSource }) => ({ journeys: new JourneyService(dataSource) }),
  loaders: ({ dataSource, workspaceId }) => createJourneyLoaders(dataSource, workspaceId),
};
