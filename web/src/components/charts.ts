/** The dashboard's chart colours: one meaning each, the same in every view. */
export const COLORS = {
  new: '#2f9e44',
  expansion: '#74b816',
  reactivation: '#1c7ed6',
  contraction: '#f08c00',
  churn: '#e03131',
  total: '#3358d4',
  nrr: '#3358d4',
  grr: '#e8590c',
  neutral: '#868e96',
  entered: '#4263eb',
  advanced: '#2f9e44',
};
