import type { Actor } from '../../../workflows/shared/actor';
import { courtName } from '../demo-users';
import { roleLabels } from '../labels';
import { Layout } from '../layout';

/** `courtSignIn`: the court's identity provider is configured; `users`: the demo people (local set-ups only). */
export function SignInPage(props: { users: Actor[]; next: string; error?: string; courtSignIn?: boolean }) {
  return (
    <Layout title="登录 · 执转破与保全协同平台">
      {props.error ? <div class="alert error" role="alert">{props.error}</div> : null}
      {props.courtSignIn
        ? <p><a class="button" id="court-signin" href={`/console/oidc/login?next=${encodeURIComponent(props.next)}`}>使用法院统一身份认证登录</a></p>
        : null}
      {props.users.length ? <p class="muted">本地演示环境：也可选择一位演示用户登录。</p> : null}
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
