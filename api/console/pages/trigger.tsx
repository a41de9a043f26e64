// Starting a transfer: the officer who found no enforceable property fills in the debtor, the
// cases and the investigation; a refusal comes back with the API's reasons next to each field.
import type { Actor } from '../../../workflows/shared/actor';
import { ActionFormView, ErrorSummary, type FormOutcome } from '../components/action-form';
import { Layout } from '../layout';
import { triggerForm } from '../trigger-form';

export function TriggerPage(props: { actor: Actor; outcome?: FormOutcome; initial?: Record<string, string> }) {
  return (
    <Layout title="发起执转破" actor={props.actor} current="transfers">
      <ErrorSummary outcome={props.outcome} forms={[triggerForm]} />
      <div class="card">
        <p class="muted">
          经财产调查，被执行人无财产可供执行或财产不足以清偿的，发起执行转破产审查（《关于执行案件移送破产审查若干问题的指导意见》第2条）。
          同一被执行人已有进行中的移送的，所填案件并入该移送。
        </p>
        {props.initial ? <div class="alert ok" role="status">已按候选企业预填信用代码和本院未执行完毕的案件；请在每行补充申请人编号和名称（一个案件有多位申请执行人的，分行填写）。</div> : null}
        <ActionFormView form={triggerForm} postTo="/console/transfers/new" outcome={props.outcome} initial={props.initial} />
      </div>
    </Layout>
  );
}
