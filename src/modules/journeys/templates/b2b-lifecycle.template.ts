import { TouchpointChannel, TouchpointMode } from '../journey.enums';
import type { PhaseTemplate } from './phase-template';

const { EMAIL, WEB, EVENT, WEBINAR, SOCIAL, SALES_CALL, SUPPORT, IN_APP, PARTNER } = TouchpointChannel;
const { TECH_TOUCH, HUMAN_TOUCH } = TouchpointMode;

/** The five phases of the B2B customer lifecycle: from first contact to loyalty and advocacy. */
export const B2B_LIFECYCLE: PhaseTemplate[] = [
  {
    key: 'contact',
    name: 'Contact',
    description: 'The early stage, as the prospective new customer makes contact.',
    successDefinition: 'The right prospects engage with our content and ask to talk to us.',
    processes: [
      {
        name: 'Discover and engage',
        customerView: 'I look for answers to a business problem and find useful content.',
        internalProcess: 'Content marketing, search and social programs, lead capture and scoring.',
        systems: ['Marketing automation', 'CMS', 'CRM'],
      },
    ],
    touchpoints: [
      { key: 'contact_content', name: 'Content downloads', channel: WEB, mode: TECH_TOUCH },
      { key: 'contact_social', name: 'Social posts', channel: SOCIAL, mode: TECH_TOUCH },
      { key: 'contact_webinar', name: 'Educational webinars', channel: WEBINAR, mode: TECH_TOUCH },
    ],
  },
  {
    key: 'consideration',
    name: 'Consideration to purchase',
    description: 'The prospect moves from contact to consideration to purchase.',
    successDefinition: 'Qualified opportunities see how we solve their problem and choose to buy.',
    processes: [
      {
        name: 'Evaluate the solution',
        customerView: 'I compare options, see a demo and build the business case.',
        internalProcess: 'Lead qualification, discovery calls, demos, proposals.',
        systems: ['CRM', 'Sales engagement'],
      },
    ],
    touchpoints: [
      { key: 'consideration_nurture', name: 'Nurture emails', channel: EMAIL, mode: TECH_TOUCH },
      { key: 'consideration_demo', name: 'Discovery call and demo', channel: SALES_CALL, mode: HUMAN_TOUCH },
      { key: 'consideration_event', name: 'Customer events', channel: EVENT, mode: HUMAN_TOUCH },
    ],
  },
  {
    key: 'purchase',
    name: 'Purchase and implementation',
    description: 'The customer buys, and the solution is implemented.',
    successDefinition: 'The customer is live quickly and reaches first value.',
    processes: [
      {
        name: 'Contract and onboard',
        customerView: 'I sign, get set up and see my first results.',
        internalProcess: 'Contracting, provisioning, onboarding and implementation services.',
        systems: ['CRM', 'Billing', 'Onboarding platform'],
      },
    ],
    touchpoints: [
      { key: 'purchase_onboarding', name: 'Onboarding sessions', channel: SALES_CALL, mode: HUMAN_TOUCH },
      { key: 'purchase_in_app_guide', name: 'In-app setup guide', channel: IN_APP, mode: TECH_TOUCH },
    ],
  },
  {
    key: 'post_purchase',
    name: 'Post-purchase support, billing and problem resolution',
    description: 'The post-purchase experience: support, billing and problem resolution.',
    successDefinition: 'Problems are solved fast, invoices are clear and paid on time, and customers are satisfied.',
    processes: [
      {
        name: 'Get help',
        customerView: 'When something goes wrong, I get a fast and competent answer.',
        internalProcess: 'Ticket triage, escalation, knowledge base.',
        systems: ['Help desk', 'Knowledge base'],
      },
      {
        name: 'Pay',
        customerView: 'I receive correct invoices and can pay easily.',
        internalProcess: 'Invoicing, collections, dispute resolution.',
        systems: ['Billing', 'ERP'],
      },
    ],
    touchpoints: [
      { key: 'post_purchase_support', name: 'Support tickets', channel: SUPPORT, mode: HUMAN_TOUCH },
      { key: 'post_purchase_billing', name: 'Invoices and reminders', channel: EMAIL, mode: TECH_TOUCH },
      { key: 'post_purchase_csat', name: 'Satisfaction surveys', channel: EMAIL, mode: TECH_TOUCH },
    ],
  },
  {
    key: 'loyalty',
    name: 'Loyalty and advocacy',
    description: 'Loyalty: repeat purchases, advisor for innovation, advocate and staunch recommender.',
    successDefinition: 'Customers renew, expand and recommend us.',
    processes: [
      {
        name: 'Grow and advocate',
        customerView: 'I get more value every year and tell my peers about it.',
        internalProcess: 'Business reviews, renewals, expansion, reference and advisory programs.',
        systems: ['CRM', 'Customer success platform'],
      },
    ],
    touchpoints: [
      { key: 'loyalty_qbr', name: 'Business reviews', channel: SALES_CALL, mode: HUMAN_TOUCH },
      { key: 'loyalty_community', name: 'Customer community', channel: WEB, mode: TECH_TOUCH },
      { key: 'loyalty_partner', name: 'Partner co-selling', channel: PARTNER, mode: HUMAN_TOUCH },
    ],
  },
];
