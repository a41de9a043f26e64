// Receiving a preservation application at the filing desk: the parties, the amount, the security
// and the property named; a refusal comes back with the API's reasons next to each field.
import type { Actor } from '../../../workflows/shared/actor';
import { ActionFormView, ErrorSummary, type FormOutcome } from '../components/action-form';
import { Layout } from '../layout';
import { applyForm } from '../preservation-forms';

export function PreservationApplyPage(props: { actor: Actor; outcome?: FormOutcome }) {
  return (
    <Layout title="受理财产保全申请" actor={props.actor} current="preservations">
      <ErrorSummary outcome={props.outcome} forms={[applyForm]} />
      <div class="card">
        <p class="muted">
          利害关系人在起诉或申请仲裁前、当事人在诉讼中可以申请财产保全（民事诉讼法第一百零三条、第一百零四条）。
          诉前、仲裁前保全应当提供担保；受理后由立案庭（诉前）或审判庭（诉讼中）在法定期限内裁定。
        </p>
        <ActionFormView form={applyForm} postTo="/console/preservations/new" outcome={props.outcome} />
      </div>
    </Layout>
  );
}
