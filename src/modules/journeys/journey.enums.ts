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
registerEnumType(OwnerFunction, {
  name: 'OwnerFunction',
  description: 'The business function an owner belongs to.',
  valuesConfig: {
    MARKETING: { description: 'Marketing: demand generation, content, campaigns.' },
    SALES: { description: 'Sales: prospects to signed customers.' },
    CUSTOMER_SUCCESS: { description: 'Customer success: onboarding, adoption, renewal and expansion.' },
    SUPPORT: { description: 'Support: tickets and problem resolution.' },
    FINANCE: { description: 'Finance: billing, collections, targets.' },
    PRODUCT: { description: 'Product: what the customer uses.' },
    OPERATIONS: { description: 'Operations: delivery and the processes behind the journey.' },
    PARTNER: { description: 'A partner who sells or serves customers on the company\'s behalf.' },
  },
});

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
registerEnumType(TouchpointChannel, {
  name: 'TouchpointChannel',
  description: 'Where a touchpoint meets the customer.',
  valuesConfig: {
    EMAIL: { description: 'An email.' },
    WEB: { description: 'The website.' },
    EVENT: { description: 'An in-person event, e.g. a conference or a user group.' },
    WEBINAR: { description: 'A webinar.' },
    SOCIAL: { description: 'Social media.' },
    SALES_CALL: { description: 'A call or meeting with sales.' },
    SUPPORT: { description: 'The support desk.' },
    IN_APP: { description: 'Inside the product.' },
    PARTNER: { description: 'Through a partner.' },
  },
});

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
