import type { Actor } from '../../../workflows/shared/actor';
import { courtName } from '../demo-users';
import { roleLabels } from '../labels';
import { Layout } from '../layout';

export function SignInPage(props: { users: Actor[]; next: string; error?: string }) {
  return (
    <Layout title="登录 · 执转破与保全协同平台">
      <p class="muted">本地演示环境：请选择一位演示用户登录。正式环境由法院统一身份认证登录。</p>
      {props.error ? <div class="alert error" role="alert">{props.error}</div> : null}
      <form method="post" action="/console/signin">
        <input type="hidden" name="next" value={props.next} />
        <div class="users">
          {props.users.map((user) => (
            <button type="submit" name="userId" value={user.userId} data-user={user.userId}>
              <b>{user.displayName ?? user.userId}</b>
              <span>{roleLabels[user.role]} · {user.court ? courtName(user.court) : '当事人'}</span>
            </button>
          ))}
        </div>
      </form>
    </Layout>
  );
}
