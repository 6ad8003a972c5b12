import { registerEnumType } from 'type-graphql';

export enum Segment {
  ENTERPRISE = 'ENTERPRISE',
  MID_MARKET = 'MID_MARKET',
  SMB = 'SMB',
}
registerEnumType(Segment, {
  name: 'Segment',
  description: 'Size segment of a customer.',
  valuesConfig: {
    ENTERPRISE: { description: 'Large organisations.' },
    MID_MARKET: { description: 'Mid-sized organisations.' },
    SMB: { description: 'Small and medium businesses.' },
  },
});

export enum SalesChannel {
  DIRECT = 'DIRECT',
  PARTNER = 'PARTNER',
}
registerEnumType(SalesChannel, {
  name: 'SalesChannel',
  description: 'How the customer was won and is served: directly, or through a partner (then the customer names its partner).',
  valuesConfig: {
    DIRECT: { description: 'Won and served by the company itself; the customer has no partner.' },
    PARTNER: { description: 'Won or served through a partner, which the customer names.' },
  },
});
