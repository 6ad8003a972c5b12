import type { NonEmptyArray } from 'type-graphql';
import { WorkspaceResolver } from '../modules/workspaces/workspace.resolver';
import { JourneyResolver, OwnerResolver, PhaseResolver, ProcessResolver, TouchpointResolver } from '../modules/journeys/journey.resolver';
import { KpiResolver, PhaseFunnelStepResolver } from '../kpi/kpi.resolver';

export const resolvers: NonEmptyArray<Function> = [
  WorkspaceResolver,
  JourneyResolver,
  PhaseResolver,
  ProcessResolver,
  TouchpointResolver,
  OwnerResolver,
  KpiResolver,
  PhaseFunnelStepResolver,
];
