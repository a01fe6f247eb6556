-- Revert avenir:intent_taxonomy_seed from pg
begin;
delete from public.intent_translations where intent_en in (
  'Sales Inquiry',
  'Quote Request',
  'Pricing Inquiry',
  'Demo Request',
  'Product Information',
  'B2B Partnership',
  'Reseller Inquiry',
  'Sponsorship Request',
  'Support Request',
  'Technical Issue',
  'Account Access',
  'Billing Question',
  'Refund Request',
  'Complaint',
  'Cancellation Request',
  'Customer Feedback',
  'Appointment Booking',
  'Consultation Request',
  'Callback Request',
  'Job Application',
  'Media Inquiry',
  'Vendor Offer',
  'General Inquiry',
  'Information Request',
  'Event Inquiry',
  'Other',
  'Spam'
);
commit;
