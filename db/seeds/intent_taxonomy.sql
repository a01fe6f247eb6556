-- The EN <-> FR intent taxonomy (schema reference data, not demo data). English is the
-- canonical value stored in lead_memory.intent; French is its label. Idempotent.
insert into public.intent_translations (intent_en, intent_fr, category)
values
  ('Sales Inquiry', 'Demande commerciale', 'Sales'),
  ('Quote Request', 'Demande de devis', 'Sales'),
  ('Pricing Inquiry', 'Demande de tarifs', 'Sales'),
  ('Demo Request', 'Demande de démo', 'Sales'),
  ('Product Information', 'Information produit', 'Sales'),
  ('B2B Partnership', 'Partenariat B2B', 'Partnership'),
  ('Reseller Inquiry', 'Demande de revendeur', 'Partnership'),
  ('Sponsorship Request', 'Demande de parrainage', 'Partnership'),
  ('Support Request', 'Demande de support', 'Support'),
  ('Technical Issue', 'Problème technique', 'Support'),
  ('Account Access', 'Accès au compte', 'Support'),
  ('Billing Question', 'Question de facturation', 'Billing'),
  ('Refund Request', 'Demande de remboursement', 'Billing'),
  ('Complaint', 'Réclamation', 'Customer Service'),
  ('Cancellation Request', 'Demande d''annulation', 'Customer Service'),
  ('Customer Feedback', 'Avis client', 'Customer Service'),
  ('Appointment Booking', 'Prise de rendez-vous', 'Scheduling'),
  ('Consultation Request', 'Demande de consultation', 'Scheduling'),
  ('Callback Request', 'Demande de rappel', 'Scheduling'),
  ('Job Application', 'Candidature', 'Recruitment'),
  ('Media Inquiry', 'Demande média', 'Communications'),
  ('Vendor Offer', 'Offre de fournisseur', 'Procurement'),
  ('General Inquiry', 'Demande générale', 'General'),
  ('Information Request', 'Demande d''information', 'General'),
  ('Event Inquiry', 'Demande liée à un événement', 'General'),
  ('Other', 'Autre', 'General'),
  ('Spam', 'Spam', 'Spam')
on conflict (intent_en) do update set intent_fr = excluded.intent_fr, category = excluded.category;
