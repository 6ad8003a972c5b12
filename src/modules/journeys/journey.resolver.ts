import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectionOf } from '../../core/selection';
import type { GraphQLContext } from '../../core/context';
import { callerOf } from '../../core/auth';
import { notFound } from '../../core/errors';
import { Roles } from '../../core/role.enum';
import { Journey } from './journey.entity';
import { Phase } from './phase.entity';
import { Owner } from './owner.entity';
import { PhaseProcess } from './phase-process.entity';
import { Touchpoint } from './touchpoint.entity';
import { CreateJourneyInput, UpdateJourneyInput } from './dtos/journey.inputs';
import { AddPhaseInput, UpdatePhaseInput } from './dtos/phase.inputs';
import { CreateOwnerInput, UpdateOwnerInput } from './dtos/owner.inputs';
import { AddProcessInput, UpdateProcessInput } from './dtos/process.inputs';
import { AddTouchpointInput, UpdateTouchpointInput } from './dtos/touchpoint.inputs';

async function loadOrFail<T>(loader: { load(id: string): Promise<T | null> }, what: string, id: string): Promise<T> {
  const found = await loader.load(id);
  if (!found) throw notFound(what, id);
  return found;
}

@Resolver(() => Journey)
export class JourneyResolver {
  @Authorized(...Roles.READ)
  @Query(() => [Journey], { description: 'The journeys of the workspace, oldest first.' })
  journeys(@Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<Journey[]> {
    // One statement for the whole tree the query selects below (journey.tree.ts); its rows answer those fields themselves.
    return ctx.services.journeys.listJourneys(callerOf(ctx).workspaceId, selectionOf(info));
  }

  @Authorized(...Roles.READ)
  @Query(() => Journey, {
    nullable: true,
    description: 'One journey. Null, with a `NOT_FOUND` error, when the id is not a journey of this workspace (the other fields of the query still answer).',
  })
  journey(@Arg('id', () => ID, { description: 'Id of the journey.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Journey | null> {
    return loadOrFail(ctx.loaders.journey, 'journey', id);
  }

  @FieldResolver(() => [Phase], { description: 'The phases in journey order (position 1 first).' })
  phases(@Root() journey: Journey, @Ctx() ctx: GraphQLContext): Promise<Phase[]> {
    return ctx.loaders.phasesByJourney.load(journey.id);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Journey, { nullable: true,
    description: 'Create a journey, empty or with the phases of a template. A duplicate name is `CONFLICT`.',
  })
  createJourney(@Arg('input', { description: 'The new journey.' }) input: CreateJourneyInput, @Ctx() ctx: GraphQLContext): Promise<Journey> {
    return ctx.services.journeys.createJourney(callerOf(ctx).workspaceId, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Journey, { nullable: true, description: 'Rename or describe a journey.' })
  updateJourney(
    @Arg('id', () => ID, { description: 'Id of the journey to change.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateJourneyInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Journey> {
    return ctx.services.journeys.updateJourney(callerOf(ctx).workspaceId, id, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => ID, { nullable: true, description: 'Delete a journey with its phases, processes and touchpoints. Returns the deleted id. Customer facts are never deleted with it: while events still name one of its phases, this is `CONFLICT` with `extensions.facts: [{ phase, events, byType }]`.' })
  deleteJourney(@Arg('id', () => ID, { description: 'Id of the journey to delete.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    return ctx.services.journeys.deleteJourney(callerOf(ctx).workspaceId, id);
  }
}

@Resolver(() => Phase)
export class PhaseResolver {
  @Authorized(...Roles.READ)
  @Query(() => Phase, { nullable: true, description: 'One phase. Null, with a `NOT_FOUND` error, when the id is not a phase of this workspace.' })
  phase(@Arg('id', () => ID, { description: 'Id of the phase.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Phase | null> {
    return loadOrFail(ctx.loaders.phase, 'phase', id);
  }

  @FieldResolver(() => Journey, { description: 'The journey the phase belongs to.' })
  async journey(@Root() phase: Phase, @Ctx() ctx: GraphQLContext): Promise<Journey> {
    return (await ctx.loaders.journey.load(phase.journeyId))!;
  }

  @FieldResolver(() => Owner, { nullable: true, description: 'The one accountable owner, if assigned.' })
  owner(@Root() phase: Phase, @Ctx() ctx: GraphQLContext): Promise<Owner | null> | null {
    return phase.ownerId ? ctx.loaders.owner.load(phase.ownerId) : null;
  }

  @FieldResolver(() => [PhaseProcess], { description: 'Processes of the phase, in order.' })
  processes(@Root() phase: Phase, @Ctx() ctx: GraphQLContext): Promise<PhaseProcess[]> {
    return ctx.loaders.processesByPhase.load(phase.id);
  }

  @FieldResolver(() => [Touchpoint], { description: 'Touchpoints of the phase, by name.' })
  touchpoints(@Root() phase: Phase, @Ctx() ctx: GraphQLContext): Promise<Touchpoint[]> {
    return ctx.loaders.touchpointsByPhase.load(phase.id);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Phase, { nullable: true,
    description: 'Add a phase to a journey at a position (default: last); the phases after it move down one.',
  })
  addPhase(
    @Arg('journeyId', () => ID, { description: 'Id of the journey to add the phase to.' }) journeyId: string,
    @Arg('input', { description: 'The new phase.' }) input: AddPhaseInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Phase> {
    return ctx.services.journeys.addPhase(callerOf(ctx).workspaceId, journeyId, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Phase, { nullable: true, description: 'Change a phase: key, name, description, success definition or owner.' })
  updatePhase(@Arg('id', () => ID, { description: 'Id of the phase to change.' }) id: string, @Arg('input', { description: 'The changes.' }) input: UpdatePhaseInput, @Ctx() ctx: GraphQLContext): Promise<Phase> {
    return ctx.services.journeys.updatePhase(callerOf(ctx).workspaceId, id, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Journey, { nullable: true,
    description: 'Move a phase to a position (1 to the number of phases); the others close up. Returns the journey.',
  })
  movePhase(
    @Arg('id', () => ID, { description: 'Id of the phase to move.' }) id: string,
    @Arg('position', () => Int, { description: 'Its new position, from 1 to the number of phases.' }) position: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Journey> {
    return ctx.services.journeys.movePhase(callerOf(ctx).workspaceId, id, position);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Journey, { nullable: true,
    description: 'Remove a phase with its processes and touchpoints; the phases after it move up one. Returns the journey. While events still name the phase (e.g. `PHASE_ENTERED`), this is `CONFLICT` with `extensions.facts: [{ phase, events, byType }]`: facts are never deleted with journey structure. Events that named a removed touchpoint keep their place, without the touchpoint.',
  })
  removePhase(@Arg('id', () => ID, { description: 'Id of the phase to remove.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Journey> {
    return ctx.services.journeys.removePhase(callerOf(ctx).workspaceId, id);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => PhaseProcess, { nullable: true, description: 'Add a process to a phase at a position (default: last).' })
  addProcess(
    @Arg('phaseId', () => ID, { description: 'Id of the phase the process belongs to.' }) phaseId: string,
    @Arg('input', { description: 'The new process.' }) input: AddProcessInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PhaseProcess> {
    return ctx.services.journeys.addProcess(callerOf(ctx).workspaceId, phaseId, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => PhaseProcess, { nullable: true, description: 'Change a process.' })
  updateProcess(
    @Arg('id', () => ID, { description: 'Id of the process to change.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateProcessInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PhaseProcess> {
    return ctx.services.journeys.updateProcess(callerOf(ctx).workspaceId, id, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => ID, { nullable: true, description: 'Remove a process; the processes after it move up one. Returns the removed id.' })
  removeProcess(@Arg('id', () => ID, { description: 'Id of the process to remove.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    return ctx.services.journeys.removeProcess(callerOf(ctx).workspaceId, id);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Touchpoint, { nullable: true, description: 'Add a touchpoint to a phase. A key already used in the workspace is `CONFLICT`.' })
  addTouchpoint(
    @Arg('phaseId', () => ID, { description: 'Id of the phase the touchpoint belongs to.' }) phaseId: string,
    @Arg('input', { description: 'The new touchpoint.' }) input: AddTouchpointInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Touchpoint> {
    return ctx.services.journeys.addTouchpoint(callerOf(ctx).workspaceId, phaseId, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Touchpoint, { nullable: true, description: 'Change a touchpoint, or move it to another phase.' })
  updateTouchpoint(
    @Arg('id', () => ID, { description: 'Id of the touchpoint to change.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateTouchpointInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Touchpoint> {
    return ctx.services.journeys.updateTouchpoint(callerOf(ctx).workspaceId, id, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => ID, { nullable: true, description: 'Remove a touchpoint. Returns the removed id.' })
  removeTouchpoint(@Arg('id', () => ID, { description: 'Id of the touchpoint to remove.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    return ctx.services.journeys.removeTouchpoint(callerOf(ctx).workspaceId, id);
  }
}

@Resolver(() => PhaseProcess)
export class ProcessResolver {
  @Authorized(...Roles.READ)
  @Query(() => PhaseProcess, {
    nullable: true,
    description: 'One process. Null, with a `NOT_FOUND` error, when the id is not a process of this workspace.',
  })
  process(@Arg('id', () => ID, { description: 'Id of the process.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<PhaseProcess | null> {
    return loadOrFail(ctx.loaders.process, 'process', id);
  }

  @FieldResolver(() => Phase, { description: 'The phase the process belongs to.' })
  async phase(@Root() process: PhaseProcess, @Ctx() ctx: GraphQLContext): Promise<Phase> {
    return (await ctx.loaders.phase.load(process.phaseId))!;
  }
}

@Resolver(() => Touchpoint)
export class TouchpointResolver {
  @Authorized(...Roles.READ)
  @Query(() => Touchpoint, {
    nullable: true,
    description: 'One touchpoint. Null, with a `NOT_FOUND` error, when the id is not a touchpoint of this workspace.',
  })
  touchpoint(@Arg('id', () => ID, { description: 'Id of the touchpoint.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Touchpoint | null> {
    return loadOrFail(ctx.loaders.touchpoint, 'touchpoint', id);
  }

  @FieldResolver(() => Phase, { description: 'The phase the touchpoint belongs to.' })
  async phase(@Root() touchpoint: Touchpoint, @Ctx() ctx: GraphQLContext): Promise<Phase> {
    return (await ctx.loaders.phase.load(touchpoint.phaseId))!;
  }
}

@Resolver(() => Owner)
export class OwnerResolver {
  @Authorized(...Roles.READ)
  @Query(() => [Owner], { description: 'The owners of the workspace, by name.' })
  owners(@Ctx() ctx: GraphQLContext): Promise<Owner[]> {
    return ctx.services.journeys.listOwners(callerOf(ctx).workspaceId);
  }

  @Authorized(...Roles.READ)
  @Query(() => Owner, { nullable: true, description: 'One owner. Null, with a `NOT_FOUND` error, when the id is not an owner of this workspace.' })
  owner(@Arg('id', () => ID, { description: 'Id of the owner.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Owner | null> {
    return loadOrFail(ctx.loaders.owner, 'owner', id);
  }

  @FieldResolver(() => [Phase], { description: 'The phases this owner is accountable for.' })
  phases(@Root() owner: Owner, @Ctx() ctx: GraphQLContext): Promise<Phase[]> {
    return ctx.loaders.phasesByOwner.load(owner.id);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Owner, { nullable: true, description: 'Create an owner (a person or a team). A duplicate name is `CONFLICT`.' })
  createOwner(@Arg('input', { description: 'The new owner.' }) input: CreateOwnerInput, @Ctx() ctx: GraphQLContext): Promise<Owner> {
    return ctx.services.journeys.createOwner(callerOf(ctx).workspaceId, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => Owner, { nullable: true, description: 'Change an owner.' })
  updateOwner(@Arg('id', () => ID, { description: 'Id of the owner to change.' }) id: string, @Arg('input', { description: 'The changes.' }) input: UpdateOwnerInput, @Ctx() ctx: GraphQLContext): Promise<Owner> {
    return ctx.services.journeys.updateOwner(callerOf(ctx).workspaceId, id, input);
  }

  @Authorized(...Roles.EDIT)
  @Mutation(() => ID, { nullable: true, description: 'Delete an owner; its phases stay, without an owner. Returns the deleted id.' })
  deleteOwner(@Arg('id', () => ID, { description: 'Id of the owner to delete.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    return ctx.services.journeys.deleteOwner(callerOf(ctx).workspaceId, id);
  }
}

