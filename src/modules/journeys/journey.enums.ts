import { registerEnumType } from 'type-graphql';

export enum OwnerFunction {
  MARKETING = 'MARKETING',
  SALES = 'SALES',
  CUSTOMER_SUCCESS = 'CUSTOMER_SUCCESS',
  SUPPORT = 'SUPPORT',
  FINANCE = 'FINANCE',
  PRODUCT = 'PRODUCT',
  OPERATIONS = 'OPERATIONS',
  PARTNER = 'PARTNER',
}
registerEnumType(OwnerFunction, { name: 'OwnerFunction', description: 'The business function an owner belongs to.' });

export enum TouchpointChannel {
  EMAIL = 'EMAIL',
  WEB = 'WEB',
  EVENT = 'EVENT',
  WEBINAR = 'WEBINAR',
  SOCIAL = 'SOCIAL',
  SALES_CALL = 'SALES_CALL',
  SUPPORT = 'SUPPORT',
  IN_APP = 'IN_APP',
  PARTNER = 'PARTNER',
}
registerEnumType(TouchpointChannel, { name: 'TouchpointChannel', description: 'Where a touchpoint meets the customer.' });

export enum TouchpointMode {
  TECH_TOUCH = 'TECH_TOUCH',
  HUMAN_TOUCH = 'HUMAN_TOUCH',
}
registerEnumType(TouchpointMode, {
  name: 'TouchpointMode',
  description: 'How a touchpoint is delivered.',
  valuesConfig: {
    TECH_TOUCH: { description: 'Programmatic, digital cadence (emails, in-app messages, content).' },
    HUMAN_TOUCH: { description: 'A person meets the customer (sales call, onboarding session, QBR).' },
  },
});

export enum JourneyTemplate {
  B2B_LIFECYCLE = 'B2B_LIFECYCLE',
}
registerEnumType(JourneyTemplate, {
  name: 'JourneyTemplate',
  description: 'A ready-made set of phases to start a journey from.',
  valuesConfig: {
    B2B_LIFECYCLE: {
      description:
        'The five phases of the B2B customer lifecycle: contact, consideration, purchase, post_purchase and loyalty.',
    },
  },
});
