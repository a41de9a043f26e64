// The frame around every console page: navigation by role, who is signed in, sign-out.
import type { Child } from 'hono/jsx';
import type { Actor } from '../../workflows/shared/actor';
import { authorize, mayList } from '../../workflows/shared/permissions';
import { courtName } from './demo-users';
import { roleLabels } from './labels';

/** Whether this person records outside inquiries (permission table, `interference.record`). */
export function mayRecordInterference(actor: Actor): boolean {
  return actor.role !== 'party' && authorize(actor, 'interference.record').allowed;
}

interface NavItem { href: string; label: string; key: string }

function navFor(actor: Actor): NavItem[] {
  if (actor.role === 'party') return [{ href: '/console/party', label: '我的案件', key: 'party' }];
  const items: NavItem[] = [
    { href: '/console/inbox', label: '待办', key: 'inbox' },
    { href: '/console/queue', label: '工作队列', key: 'queue' },
    { href: '/console/transfers', label: '执转破', key: 'transfers' },
    ...(mayList(actor, 'transfer.viewCandidates') ? [{ href: '/console/candidates', label: '候选企业', key: 'candidates' }] : []),
    { href: '/console/preservations', label: '财产保全', key: 'preservations' },
  ];
  if (actor.role === 'supervisor' || actor.role === 'administrator') items.push({ href: '/console/board', label: '监督看板', key: 'board' });
  // 反干预: every member of staff records what reached them; supervisors also read their court's log.
  if (mayRecordInterference(actor) || mayList(actor, 'interference.view')) items.push({ href: '/console/interference', label: '干预过问', key: 'interference' });
  return items;
}

export function Layout(props: { title: string; actor?: Actor; current?: string; children?: Child }) {
  const { actor } = props;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · 执转破与保全协同平台`}</title>
        <link rel="stylesheet" href="/console/console.css" />
      </head>
      <body>
        {actor ? (
          <div class="shell">
            <header class="side">
              <div class="brand">执转破与保全协同平台</div>
              <div class="who">
                {actor.displayName ?? actor.userId}{actor.displayName?.includes(roleLabels[actor.role]) ? '' : ` · ${roleLabels[actor.role]}`}
                <br />
                {actor.court ? courtName(actor.court) : '当事人'}
              </div>
              <nav aria-label="主导航">
                {navFor(actor).map((item) => (
                  <a href={item.href} aria-current={props.current === item.key ? 'page' : undefined}>{item.label}</a>
                ))}
              </nav>
              <form method="post" action="/console/signout">
                <button type="submit">退出登录</button>
              </form>
            </header>
            <main>
              <h1>{props.title}</h1>
              {props.children}
            </main>
          </div>
        ) : (
          <main>
            <h1>{props.title}</h1>
            {props.children}
          </main>
        )}
      </body>
    </html>
  );
}

/** Time left until a deadline, in words a clerk reads at a glance. */
export function timeLeft(dueAt: Date, now: Date): { text: string; tone: 'late' | 'soon' | 'ok' } {
  const ms = dueAt.getTime() - now.getTime();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const seconds = Math.floor((abs % 60_000) / 1000);
  const span = days > 0 ? `${days}天${hours}小时` : hours > 0 ? `${hours}小时${minutes}分` : minutes > 0 ? `${minutes}分${seconds}秒` : `${seconds}秒`;
  if (ms < 0) return { text: `已超期 ${span}`, tone: 'late' };
  return { text: `剩余 ${span}`, tone: ms < 3 * 86_400_000 ? 'soon' : 'ok' };
}

export function formatTime(value: Date | string | null | undefined): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : new Date(value);
  // Court time is China Standard Time whatever the server's zone.
  return date.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export function Deadline(props: { dueAt: Date; now: Date }) {
  const left = timeLeft(props.dueAt, props.now);
  return <span class={`badge ${left.tone}`}>{left.text}</span>;
}
