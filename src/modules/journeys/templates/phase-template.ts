import type { TouchpointChannel, TouchpointMode } from '../journey.enums';

/** One phase of a journey template: what `createJourney(template:)` makes, with its processes and touchpoints. */
export interface PhaseTemplate {
  key: string;
  name: string;
  description: string;
  successDefinition: string;
  processes: { name: string; customerView: string; internalProcess: string; systems: string[] }[];
  touchpoints: { key: string; name: string; channel: TouchpointChannel; mode: TouchpointMode }[];
}
