// 干预过问: any member of court staff records an outside inquiry or intervention through the API
// (POST /interference) and reads the records in their scope — a supervisor those of their court, an
// administrator all, everyone else the ones they recorded themselves.
import type { Actor } from '../../../workflows/shared/actor';
import { ActionFormView, ErrorSummary, type FormOutcome } from '../components/action-form';
import { InterferenceTable } from '../components/interference-table';
import { interferenceForm } from '../interference-form';
import { Layout } from '../layout';
import type { InterferenceRow } from '../read-models';

export function InterferencePage(props: {
  actor: Actor; rows: InterferenceRow[] | undefined; mayRecord: boolean; ownOnly: boolean; outcome?: FormOutcome; notice?: string;
}) {
  const forms = props.mayRecord ? [interferenceForm] : [];
  return (
    <Layout title="干预过问记录" actor={props.actor} current="interference">
      {props.notice ? <div class="alert ok" role="status">{props.notice}</div> : null}
      <ErrorSummary outcome={props.outcome} forms={forms} />
      {props.mayRecord ? (
        <div class="card">
          <p class="muted">
            对领导干部、司法机关内部人员或其他人员过问、干预、插手案件的情况，应当全面、如实记录，做到全程留痕、有据可查。
            记录一经保存不能修改或删除；记录有误的，另行记录一条更正。
          </p>
          <ActionFormView form={interferenceForm} postTo="/console/interference" outcome={props.outcome} />
        </div>
      ) : null}
      <div class="card">
        <h2>{props.ownOnly ? '我记录的干预过问' : '本院干预过问记录（最新在前）'}</h2>
        <InterferenceTable rows={props.rows} id="interference-log" showResponse />
      </div>
    </Layout>
  );
}
