-- Up Migration
-- An act's event key is unique within its process's chain, not across the trail (issue 16, outside
-- break). Event keys are predictable (`<process>:<step>:<seq>:<action>`), and with one global unique
-- key an application role inserting a row in a throwaway chain under a process's next key blocked
-- that act for good: every attempt answered AuditEventKeyTaken, and the append-only trigger keeps
-- even the owner from removing the row. A row in another chain now takes nothing from the process.
-- Within the chain a forged row under the key is still refused (AuditEventKeyTaken) rather than
-- taken for the act, and audit:verify names it.
alter table audit_trail drop constraint audit_trail_event_key_key;
alter table audit_trail add constraint audit_trail_process_event_key unique (process_id, event_key);

-- Down Migration
alter table audit_trail drop constraint audit_trail_process_event_key;
alter table audit_trail add constraint audit_trail_event_key_key unique (event_key);
