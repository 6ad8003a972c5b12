import { JourneyTemplate } from '../journey.enums';
import { B2B_LIFECYCLE } from './b2b-lifecycle.template';
import { B2C_RETAIL } from './b2c-retail.template';
import type { PhaseTemplate } from './phase-template';

/** The phases each journey template makes. */
export const JOURNEY_TEMPLATES: Record<JourneyTemplate, PhaseTemplate[]> = {
  [JourneyTemplate.B2B_LIFECYCLE]: B2B_LIFECYCLE,
  [JourneyTemplate.B2C_RETAIL]: B2C_RETAIL,
};
