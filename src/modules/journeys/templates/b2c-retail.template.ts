import { TouchpointChannel, TouchpointMode } from '../journey.enums';
import type { PhaseTemplate } from './phase-template';

const { EMAIL, WEB, SOCIAL, SUPPORT, IN_APP, STORE, PHONE, CHAT, SMS, PUSH, PAID_ADS, DIRECT_MAIL, MARKETPLACE, DELIVERY, REVIEWS } =
  TouchpointChannel;
const { TECH_TOUCH, HUMAN_TOUCH } = TouchpointMode;

/**
 * The five phases of a shopper of a consumer business, from discovery to loyalty and advocacy. Its keys differ from the B2B
 * template's, so that one workspace can keep both journeys without a key prefix.
 */
export const B2C_RETAIL: PhaseTemplate[] = [
  {
    key: 'discovery',
    name: 'Discovery',
    description: 'The shopper finds the brand: an ad, a post, a search, a marketplace listing, a shop window.',
    successDefinition: 'The shoppers we want find us, browse and sign up or put something in the basket.',
    processes: [
      {
        name: 'Find and browse',
        customerView: 'I see something I like, look around the shop and compare.',
        internalProcess: 'Paid media, search, social and influencer programs, marketplace listings, sign-up capture.',
        systems: ['Ad platforms', 'E-commerce platform', 'Email and SMS platform'],
      },
    ],
    touchpoints: [
      { key: 'discovery_ads', name: 'Paid social and search ads', channel: PAID_ADS, mode: TECH_TOUCH },
      { key: 'discovery_social', name: 'Social posts and creators', channel: SOCIAL, mode: TECH_TOUCH },
      { key: 'discovery_marketplace', name: 'Marketplace listings', channel: MARKETPLACE, mode: TECH_TOUCH },
      { key: 'discovery_store', name: 'Shop window and shop floor', channel: STORE, mode: HUMAN_TOUCH },
    ],
  },
  {
    key: 'first_purchase',
    name: 'First purchase',
    description: 'The shopper buys for the first time, online or in a store.',
    successDefinition: 'Visitors who mean to buy check out easily, and the first basket is one they are glad of.',
    processes: [
      {
        name: 'Choose and check out',
        customerView: 'I find my size, get my questions answered and pay the way I like.',
        internalProcess: 'Merchandising, size advice, checkout and payment, fraud checks, the welcome series.',
        systems: ['E-commerce platform', 'Payment provider', 'Email and SMS platform'],
      },
    ],
    touchpoints: [
      { key: 'first_purchase_shop', name: 'Online shop and checkout', channel: WEB, mode: TECH_TOUCH },
      { key: 'first_purchase_chat', name: 'Style and size advice chat', channel: CHAT, mode: HUMAN_TOUCH },
      { key: 'first_purchase_welcome', name: 'Welcome emails', channel: EMAIL, mode: TECH_TOUCH },
      { key: 'first_purchase_store', name: 'Store staff at the till', channel: STORE, mode: HUMAN_TOUCH },
    ],
  },
  {
    key: 'delivery_returns',
    name: 'Delivery and returns',
    description: 'The order arrives, fits or does not, and is kept, exchanged or returned.',
    successDefinition: 'Orders arrive on time as promised; returns and exchanges are easy and refunded fast.',
    processes: [
      {
        name: 'Receive the order',
        customerView: 'I know where my parcel is, and it arrives when promised, well packed.',
        internalProcess: 'Fulfilment, carrier hand-over, delivery notifications.',
        systems: ['Warehouse management', 'Carrier tracking', 'Email and SMS platform'],
      },
      {
        name: 'Return or exchange',
        customerView: 'When something does not fit, I return or exchange it without effort and get my money back quickly.',
        internalProcess: 'Return labels, returns inspection, refunds and exchanges, customer service.',
        systems: ['Returns portal', 'E-commerce platform', 'Help desk'],
      },
    ],
    touchpoints: [
      { key: 'delivery_tracking', name: 'Delivery updates', channel: SMS, mode: TECH_TOUCH },
      { key: 'delivery_parcel', name: 'Parcel, packaging and inserts', channel: DELIVERY, mode: TECH_TOUCH },
      { key: 'delivery_returns_portal', name: 'Returns portal', channel: WEB, mode: TECH_TOUCH },
      { key: 'delivery_service', name: 'Customer service', channel: SUPPORT, mode: HUMAN_TOUCH },
      { key: 'delivery_phone', name: 'Order desk', channel: PHONE, mode: HUMAN_TOUCH },
    ],
  },
  {
    key: 'repeat_purchase',
    name: 'Repeat purchase',
    description: 'The shopper comes back and buys again: new season, replenishment, a complementary piece.',
    successDefinition: 'Shoppers come back within the season and buy again, for more of their wardrobe.',
    processes: [
      {
        name: 'Come back and buy again',
        customerView: 'I get ideas that suit me and a reason to come back when the new collection lands.',
        internalProcess: 'Content and styling advice, personalised recommendations, seasonal campaigns, win-back of lapsing shoppers.',
        systems: ['Email and SMS platform', 'Recommendation engine', 'CMS'],
      },
    ],
    touchpoints: [
      { key: 'repeat_style_guide', name: 'Style guides', channel: WEB, mode: TECH_TOUCH },
      { key: 'repeat_newsletter', name: 'Seasonal newsletter', channel: EMAIL, mode: TECH_TOUCH },
      { key: 'repeat_app_push', name: 'App notifications', channel: PUSH, mode: TECH_TOUCH },
      { key: 'repeat_catalogue', name: 'Printed catalogue', channel: DIRECT_MAIL, mode: TECH_TOUCH },
      { key: 'repeat_personal_shopper', name: 'Personal shopping appointments', channel: STORE, mode: HUMAN_TOUCH },
    ],
  },
  {
    key: 'loyalty_advocacy',
    name: 'Loyalty and advocacy',
    description: 'Loyal shoppers buy season after season, join the loyalty program and recommend the brand.',
    successDefinition: 'Loyal shoppers stay, spend more over time, review us and bring their friends.',
    processes: [
      {
        name: 'Belong and recommend',
        customerView: 'I am recognised and rewarded, and I like telling my friends about it.',
        internalProcess: 'Loyalty program, member events, reviews and referral program, VIP service.',
        systems: ['Loyalty platform', 'Reviews platform', 'CRM'],
      },
    ],
    touchpoints: [
      { key: 'loyalty_app', name: 'Loyalty program in the app', channel: IN_APP, mode: TECH_TOUCH },
      { key: 'loyalty_reviews', name: 'Product reviews', channel: REVIEWS, mode: TECH_TOUCH },
      { key: 'loyalty_referrals', name: 'Refer-a-friend', channel: SOCIAL, mode: TECH_TOUCH },
      { key: 'loyalty_vip_events', name: 'Member events in store', channel: STORE, mode: HUMAN_TOUCH },
    ],
  },
];
