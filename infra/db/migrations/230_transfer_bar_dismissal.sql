-- Up Migration
-- A dismissal after acceptance that took effect (企业破产法 art. 12 para. 2) bars a second transfer as a
-- rejection does: GO art. 19 names both (受移送法院作出不予受理或驳回申请的裁定后，人民法院不得重复启动).
alter table transfer_bars drop constraint transfer_bars_reason_check;
alter table transfer_bars add constraint transfer_bars_reason_check
  check (reason in ('rejection_effective', 'dismissal_effective', 'bankruptcy_declared'));

-- Down Migration
alter table transfer_bars drop constraint transfer_bars_reason_check;
alter table transfer_bars add constraint transfer_bars_reason_check
  check (reason in ('rejection_effective', 'bankruptcy_declared'));
