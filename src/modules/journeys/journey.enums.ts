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
  STORE = 'STORE',
  PHONE = 'PHONE',
  CHAT = 'CHAT',
  SMS = 'SMS',
  PUSH = 'PUSH',
  PAID_ADS = 'PAID_ADS',
  DIRECT_MAIL = 'DIRECT_MAIL',
  MARKETPLACE = 'MARKETPLACE',
  DELIVERY = 'DELIVERY',
  REVIEWS = 'REVIEWS',
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
    IN_APP: { description: "Inside the product, or the company's own mobile app." },
    PARTNER: { description: 'Through a partner.' },
    STORE: { description: 'A physical store, showroom or pop-up: the shop floor, the fitting room, the till.' },
    PHONE: { description: 'A phone call with the service or order desk (a call with sales is SALES_CALL).' },
    CHAT: { description: 'Live chat or messaging (web chat, WhatsApp, a chatbot).' },
    SMS: { description: 'A text message.' },
    PUSH: { description: "A push notification of the company's app." },
    PAID_ADS: { description: 'Paid advertising: search, social, display, video or retargeting ads.' },
    DIRECT_MAIL: { description: 'Printed mail: catalogues, postcards, vouchers.' },
    MARKETPLACE: { description: 'A third-party marketplace where the customer buys, e.g. Amazon or Zalando.' },
    DELIVERY: { description: 'The delivery: the parcel, its packaging and inserts, the courier, the return label.' },
    REVIEWS: { description: 'Ratings and reviews, on the company\'s site or on review sites.' },
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
  B2C_RETAIL = 'B2C_RETAIL',
}
registerEnumType(JourneyTemplate, {
  name: 'JourneyTemplate',
  description: 'A ready-made set of phases to start a journey from.',
  valuesConfig: {
    B2B_LIFECYCLE: {
      description:
        'The five phases of the B2B customer lifecycle: contact, consideration, purchase, post_purchase and loyalty.',
    },
    B2C_RETAIL: {
      description:
        'The five phases of a shopper of a consumer business (a retailer, an online shop): discovery, first_purchase, ' +
        'delivery_returns, repeat_purchase and loyalty_advocacy.',
    },
  },
});
