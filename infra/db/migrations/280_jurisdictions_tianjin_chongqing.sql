-- Up Migration
-- Tianjin (12) and Chongqing (50) had no rows: every district there came out as the 'municipality'
-- gap (issue 15, leftover). Both cities have a bankruptcy tribunal with city-wide jurisdiction over
-- companies registered by a market-regulation authority at district (county) level or above, which is
-- every company registered in the city, so one row for the whole municipality (its provincial code)
-- decides each of its districts and counties and the municipal registration itself. Only these two
-- facts are sourced; the basic courts' places under the numbered intermediate courts are left as the
-- registry has them (not needed for a transfer, not sourced here).
insert into courts (code, name, higher_court) values
  ('IPC-120100-2', '天津市第二中级人民法院', 'HPC-120000'),
  ('IPC-500100-5', '重庆市第五中级人民法院', 'HPC-500000')
on conflict (code) do nothing;

insert into jurisdictions (division_code, court, basis, source, effective_on) values
  ('120000', 'IPC-120100-2', 'bankruptcy_tribunal',
   '天津破产法庭（设于天津市第二中级人民法院，最高人民法院批复）：自2020年1月1日起集中管辖天津市辖区内区级以上（含本级）市场监督管理机关核准登记公司（企业）的强制清算和破产案件（天津市高级人民法院2019年12月19日新闻发布会；中心城区基层法院的过渡受理至2021年12月31日止）。'
   || '来源：http://tj.sina.com.cn/news/m/2019-12-20/detail-iihnzahi8763640.shtml',
   '2020-01-01'),
  ('500000', 'IPC-500100-5', 'bankruptcy_tribunal',
   '重庆破产法庭（设于重庆市第五中级人民法院；最高人民法院法〔2019〕285号批复，重庆市高级人民法院渝高法〔2019〕205号转发）：自2019年12月31日起管辖全市区、县级以上（含本级）市场监督管理部门核准登记公司（企业）的强制清算和破产案件。'
   || '来源：https://cq5zy.chinacourt.gov.cn/article/detail/2020/09/id/5432112.shtml',
   '2019-12-31');

-- Down Migration
delete from jurisdictions where division_code in ('120000', '500000');
delete from courts where code in ('IPC-120100-2', 'IPC-500100-5');
