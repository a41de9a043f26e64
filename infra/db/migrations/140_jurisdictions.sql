-- Up Migration
-- Which court receives a transfer, as data (issue 15; GO art. 3: the intermediate court of the
-- debtor's domicile by default, a basic court only where the higher court designated it). A row
-- names the court for a division and everything under it (a province's code covers the province, a
-- prefecture's the prefecture, a county's itself); the most specific row wins. Divisions without a
-- row go to their prefecture's intermediate court (activities/courts/jurisdiction.ts), except in the
-- municipalities, which have several intermediate courts and need a row or a screening override.
-- Every row says where it comes from. An administrator adds designations; the application reads.

-- A municipality's intermediate courts are numbered (第一、第二…中级人民法院): `IPC-<division>-<n>`
-- for the second and later, the first keeps the prefecture's code the registry generated.
alter table courts drop constraint courts_code_check;
alter table courts add constraint courts_code_check check (code ~ '^(BPC|IPC|HPC)-[0-9]{6}(-[2-9])?$');

update courts set name = '北京市第一中级人民法院' where code = 'IPC-110100';
update courts set name = '上海市第一中级人民法院' where code = 'IPC-310100';
insert into courts (code, name, higher_court) values
  ('IPC-110100-2', '北京市第二中级人民法院', 'HPC-110000'),
  ('IPC-110100-3', '北京市第三中级人民法院', 'HPC-110000'),
  ('IPC-310100-2', '上海市第二中级人民法院', 'HPC-310000'),
  ('IPC-310100-3', '上海市第三中级人民法院', 'HPC-310000')
on conflict (code) do nothing;

-- Beijing's districts and the intermediate court above their basic court (北京三中院 since 2013).
update courts set higher_court = 'IPC-110100-2' where code in ('BPC-110101', 'BPC-110102', 'BPC-110106', 'BPC-110111', 'BPC-110115');
update courts set higher_court = 'IPC-110100-3' where code in ('BPC-110105', 'BPC-110112', 'BPC-110113', 'BPC-110116', 'BPC-110117', 'BPC-110118');

create table jurisdictions (
  division_code text primary key check (division_code ~ '^[0-9]{6}$'),
  court         text not null references courts (code),
  basis         text not null check (basis in ('bankruptcy_tribunal', 'designated_basic', 'intermediate')),
  source        text not null check (length(source) between 8 and 500),
  effective_on  date not null
);
comment on table jurisdictions is 'Receiving court of a transfer by the debtor''s domicile division (GO art. 3); the most specific row wins';

-- Reference data: the worker's default insert and update (migration 123) do not extend to it.
revoke insert, update on jurisdictions from courtrelay_worker;
grant select on jurisdictions to courtrelay_api, courtrelay_worker;

insert into jurisdictions (division_code, court, basis, source, effective_on) values
  ('110000', 'IPC-110100', 'bankruptcy_tribunal',
   '北京破产法庭（设于北京市第一中级人民法院，2019年1月30日成立，最高人民法院批复）：市级以上工商机关核准登记企业的强制清算和破产案件；2016年9月起北京市各中级法院的强制清算、破产案件已由北京一中院清算与破产审判庭集中管辖',
   '2019-01-30'),
  ('310000', 'IPC-310100-3', 'bankruptcy_tribunal',
   '上海破产法庭（设于上海市第三中级人民法院，2019年2月1日成立，最高人民法院批复）：上海市辖区内区以上工商机关核准登记公司、企业的强制清算和破产案件（上海金融法院、上海铁路运输法院管辖的除外）',
   '2019-02-01'),
  ('440300', 'IPC-440300', 'bankruptcy_tribunal',
   '深圳破产法庭（设于深圳市中级人民法院，2019年1月14日成立；最高人民法院法〔2018〕363号批复）：深圳市辖区内地（市）级以上工商机关核准登记公司（企业）的强制清算和破产案件',
   '2019-01-14');

-- Down Migration
drop table jurisdictions;
delete from courts where code in ('IPC-110100-2', 'IPC-110100-3', 'IPC-310100-2', 'IPC-310100-3');
update courts set higher_court = 'IPC-110100' where code like 'BPC-1101%';
update courts set name = '北京市中级人民法院' where code = 'IPC-110100';
update courts set name = '上海市中级人民法院' where code = 'IPC-310100';
alter table courts drop constraint courts_code_check;
alter table courts add constraint courts_code_check check (code ~ '^(BPC|IPC|HPC)-[0-9]{6}$');
