-- Up Migration
-- `audit:verify --deep` reconciles every read-model table the workflows write, not only `transfers`
-- and the preservation tables (issue 16, outside break: edits of transfer_parties,
-- transfer_consents and involved_courts by the worker's role went unnamed). It runs as the auditor
-- role, which therefore reads these tables too (and still writes nothing).
grant select on transfer_cases, transfer_parties, transfer_consents, transfer_material_items, transfer_property, known_creditors,
  attachment_distributions, attachment_distribution_rows, preservation_consultations to courtrelay_auditor;

-- Down Migration
revoke select on transfer_cases, transfer_parties, transfer_consents, transfer_material_items, transfer_property, known_creditors,
  attachment_distributions, attachment_distribution_rows, preservation_consultations from courtrelay_auditor;
